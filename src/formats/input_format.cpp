#include "statuslint/formats/input_format.hpp"

#include <cctype>

namespace statuslint {

std::string InputFormat::name() const {
  std::string inner = har                                  ? "har"
                      : json != nullptr && text != nullptr ? json->name() + "+" + text->name()
                      : json != nullptr                    ? json->name()
                      : logfmt != nullptr                  ? logfmt->name()
                      : text != nullptr                    ? text->name()
                                                           : "";
  if (envelope.none() || inner.empty()) return inner;
  return envelope.name() + "/" + inner;
}

namespace {

// `s` as one shell word: as it is when it holds nothing a shell reads, else single-quoted.
std::string shell_word(std::string_view s) {
  const bool plain = !s.empty() && s.find_first_not_of(
                                       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                       "-_.:/=,+@%") == std::string_view::npos;
  if (plain) return std::string(s);
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string InputFormat::pin() const {
  if (har) return "--log-format har";
  if (json != nullptr) {
    if (json->is_preset()) return "--log-format " + shell_word(json->name());
    std::string out = "--log-format json";
    for (const JsonLineFormat::Mapping& m : json->mappings())
      out += " --json-field " + shell_word(m.target + "=" + m.path);
    return out;
  }
  if (logfmt != nullptr) {
    if (logfmt->is_preset()) return "--log-format " + shell_word(logfmt->name());
    std::string out = "--log-format logfmt";
    for (const JsonLineFormat::Mapping& m : logfmt->mappings())
      out += " --json-field " + shell_word(m.target + "=" + m.path);
    return out;
  }
  if (text != nullptr) return "--log-format " + shell_word(text->spec());
  return "";
}

InputFormat InputFormat::from_spec(std::string_view spec, std::span<const JsonLineFormat::Mapping> overrides) {
  InputFormat f;
  // Names are case-insensitive, as `scan --help` promises; format strings are not names.
  const bool is_name = spec.find_first_of("$% ") == std::string_view::npos;
  std::string lowered(spec);
  if (is_name) {
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string_view name = lowered;
  if (name == "har") {
    f.har = true;
    return f;
  }
  if (name == "json") {
    f.json = JsonLineFormat::from_mappings("json", overrides);
    return f;
  }
  if (auto preset = JsonLineFormat::preset(name)) {
    f.json = overrides.empty() ? preset : JsonLineFormat::with_overrides(*preset, overrides);
    return f;
  }
  if (name == "logfmt") {
    f.logfmt = LogfmtFormat::from_mappings("logfmt", overrides);
    return f;
  }
  if (auto preset = LogfmtFormat::preset(name)) {
    f.logfmt = overrides.empty() ? preset : LogfmtFormat::with_overrides(*preset, overrides);
    return f;
  }
  if (!overrides.empty()) {
    throw FormatError(
        "--json-field applies to JSON-lines and key=value formats (nginx-json, caddy, json, "
        "heroku-router, logfmt, ...), not '" +
            std::string(spec) + "'",
        0);
  }
  if (is_name && spec.find(':') == std::string_view::npos && LogFormat::preset(spec) == nullptr) {
    // A mistyped name: the text parser's message would list only the text presets.
    throw FormatError("'" + std::string(spec) + "' is no format preset (statuslint detect --list-presets lists all " +
                          std::to_string(presets().size()) +
                          ") nor a format string with $variables (nginx) or %directives (Apache)",
                      0);
  }
  f.text = LogFormat::from_spec(spec);
  f.siblings = LogFormat::siblings(spec);
  return f;
}

std::vector<InputFormat::Preset> InputFormat::presets() {
  std::vector<Preset> out;
  for (const LogFormat::PresetInfo& p : LogFormat::presets()) {
    out.push_back(
        {p.name, p.description, p.sample, p.detected_as.empty() ? p.name : p.detected_as, Preset::Kind::Text});
  }
  for (const JsonLineFormat::PresetInfo& p : JsonLineFormat::presets())
    out.push_back({p.name, p.description, p.sample, p.name, Preset::Kind::JsonLines});
  for (const LogfmtFormat::PresetInfo& p : LogfmtFormat::presets())
    out.push_back({p.name, p.description, p.sample, p.name, Preset::Kind::KeyValue});
  out.push_back({"har", "HTTP Archive 1.2 from a browser (one record per entry, with response headers)", "chrome.har",
                 "har", Preset::Kind::Har});
  return out;
}

}  // namespace statuslint
