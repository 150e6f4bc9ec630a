#include "statuslint/formats/logfmt_format.hpp"

#include <algorithm>
#include <array>

#include "statuslint/formats/status_field.hpp"

namespace statuslint {
namespace {

struct PresetDef {
  LogfmtFormat::PresetInfo info;
  std::initializer_list<std::pair<const char*, const char*>> fields;
};

const std::array<PresetDef, 2>& preset_defs() {
  static const std::array<PresetDef, 2> defs = {{
      // Heroku's router: the client is the first address of fwd; service is the time the dyno
      // took ("12ms"); protocol is the scheme (http, https), not an HTTP version.
      {{"heroku-router", "Heroku router (at=info method=GET path=... status=200 bytes=... service=12ms)", "heroku-router.log"},
       {{"status", "status"},
        {"method", "method"},
        {"path", "path"},
        {"host", "host"},
        {"forwarded_for", "fwd"},
        {"bytes", "bytes"},
        {"request_time_ms", "service"}}},
      // Rails' lograge, key=value output: durations in milliseconds.
      {{"lograge", "Rails lograge key=value (method=GET path=/ ... status=200 duration=58.33, in ms)", "lograge.log"},
       {{"status", "status"},
        {"method", "method"},
        {"path", "path"},
        {"request_time_ms", "duration"}}},
  }};
  return defs;
}

const std::array<LogfmtFormat::PresetInfo, 2>& preset_infos() {
  static const std::array<LogfmtFormat::PresetInfo, 2> infos = {preset_defs()[0].info, preset_defs()[1].info};
  return infos;
}

// A quoted value's escapes, unescaped at the end of `scratch` (reserved to the line's size, so
// views into it stay valid for the line).
std::string_view unescape(std::string_view value, std::string& scratch) {
  if (value.find('\\') == std::string_view::npos) return value;
  const size_t start = scratch.size();
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      const char c = value[++i];
      scratch += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    } else {
      scratch += value[i];
    }
  }
  return std::string_view(scratch.data() + start, scratch.size() - start);
}

}  // namespace

std::string_view strip_duration_unit(std::string_view text, DurationUnit otherwise, DurationUnit& unit) noexcept {
  struct Suffix {
    std::string_view text;
    DurationUnit unit;
  };
  // Longest first: "ms" before "s".
  static constexpr std::array<Suffix, 6> kSuffixes = {{{"ns", DurationUnit::Nanoseconds},
                                                       {"\xc2\xb5s", DurationUnit::Microseconds},  // µs
                                                       {"us", DurationUnit::Microseconds},
                                                       {"ms", DurationUnit::Milliseconds},
                                                       {"sec", DurationUnit::Seconds},
                                                       {"s", DurationUnit::Seconds}}};
  for (const Suffix& s : kSuffixes) {
    if (text.size() > s.text.size() && text.ends_with(s.text)) {
      const char before = text[text.size() - s.text.size() - 1];
      if (before >= '0' && before <= '9') {
        unit = s.unit;
        return text.substr(0, text.size() - s.text.size());
      }
    }
  }
  unit = otherwise;
  return text;
}

std::span<const LogfmtFormat::PresetInfo> LogfmtFormat::presets() noexcept { return preset_infos(); }

std::shared_ptr<const LogfmtFormat> LogfmtFormat::preset(std::string_view name) {
  for (const PresetDef& def : preset_defs()) {
    if (def.info.name != name) continue;
    std::vector<Mapping> mappings;
    for (const auto& [target, key] : def.fields) mappings.push_back({target, key});
    auto fmt = std::const_pointer_cast<LogfmtFormat>(from_mappings(std::string(def.info.name), mappings));
    fmt->preset_ = true;
    return fmt;
  }
  return nullptr;
}

std::shared_ptr<const LogfmtFormat> LogfmtFormat::from_mappings(std::string name, std::span<const Mapping> mappings) {
  auto fmt = std::shared_ptr<LogfmtFormat>(new LogfmtFormat());
  bool has_status = false;
  for (const Mapping& m : mappings) {
    const JsonTarget* target = JsonLineFormat::target(m.target);
    if (target == nullptr || target->headers || target->request_headers) {
      throw FormatError("unknown key=value field target '" + m.target + "' (expected one of: " +
                            JsonLineFormat::target_names() + ")",
                        0);
    }
    if (m.path.empty() || m.path.find('.') != std::string::npos) {
      throw FormatError("a key=value key is a plain name, not '" + m.path + "'", 0);
    }
    has_status = has_status || target->field == LogField::Status;
    // A later mapping for the same key wins.
    std::erase_if(fmt->fields_, [&](const Field& f) { return f.key == m.path; });
    fmt->fields_.push_back({m.path, *target});
  }
  if (!has_status) throw FormatError("the key=value field map has no status (add --json-field status=KEY)", 0);
  fmt->name_ = std::move(name);
  fmt->mappings_.assign(mappings.begin(), mappings.end());
  return fmt;
}

std::shared_ptr<const LogfmtFormat> LogfmtFormat::with_overrides(const LogfmtFormat& base,
                                                                 std::span<const Mapping> overrides) {
  std::vector<Mapping> mappings;
  for (const Mapping& m : base.mappings_) {
    const bool replaced =
        std::any_of(overrides.begin(), overrides.end(), [&](const Mapping& o) { return o.target == m.target; });
    if (!replaced) mappings.push_back(m);
  }
  mappings.insert(mappings.end(), overrides.begin(), overrides.end());
  return from_mappings(base.name_, mappings);
}

LogfmtFormat::Parsed LogfmtFormat::parse(std::string_view line, Record& r, std::string& scratch,
                                         std::string_view& reason) const {
  r = Record{};
  scratch.clear();
  scratch.reserve(line.size());
  bool saw_status = false;
  const size_t pairs = for_each_pair(line, [&](std::string_view key, std::string_view value) {
    for (const Field& f : fields_) {
      if (f.key != key) continue;
      value = unescape(value, scratch);
      DurationUnit unit = f.target.unit;
      if (f.target.field == LogField::RequestTime) value = strip_duration_unit(value, f.target.unit, unit);
      assign_field(r, f.target.field, value, set_status, f.target.time_syntax, unit);
      saw_status = saw_status || f.target.field == LogField::Status;
      return;
    }
  });
  // A line of a key=value stream without the status key is another event (an application's
  // own output in the same drain or journal), not a broken access line.
  if (!saw_status) {
    reason = pairs == 0 ? "no key=value pairs: not an access record"
                        : "key=value pairs without the status key: not an access record";
    return Parsed::Other;
  }
  r.resolve();
  return Parsed::Record;
}

}  // namespace statuslint
