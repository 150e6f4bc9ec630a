#include "statuslint/formats/log_format.hpp"

#include "statuslint/formats/status_field.hpp"
#include "statuslint/text.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace statuslint {
namespace {

struct FieldMapping {
  std::string_view name;
  LogField field;
  TimeSyntax time = TimeSyntax::None;
  DurationUnit unit = DurationUnit::None;
};

// nginx variables statuslint understands; any other variable is captured and ignored.
constexpr std::array<FieldMapping, 28> kNginxVariables = {{
    {"remote_addr", LogField::Client},
    {"realip_remote_addr", LogField::Client},
    {"remote_user", LogField::User},
    {"time_local", LogField::Time, TimeSyntax::Clf},
    {"time_iso8601", LogField::Time, TimeSyntax::Iso8601},
    {"msec", LogField::Time, TimeSyntax::EpochSeconds},
    {"request", LogField::Request},
    {"request_method", LogField::Method},
    {"request_uri", LogField::Path},
    {"uri", LogField::Path},
    {"args", LogField::Query},
    {"query_string", LogField::Query},
    {"server_protocol", LogField::Protocol},
    {"status", LogField::Status},
    {"body_bytes_sent", LogField::Bytes},
    {"bytes_sent", LogField::Bytes},
    {"http_referer", LogField::Referrer},
    {"http_user_agent", LogField::UserAgent},
    {"host", LogField::Host},
    {"server_port", LogField::Port},
    {"request_time", LogField::RequestTime, TimeSyntax::None, DurationUnit::Seconds},
    // Not an nginx variable: Traefik writes its duration in milliseconds.
    {"request_time_ms", LogField::RequestTime, TimeSyntax::None, DurationUnit::Milliseconds},
    {"upstream_status", LogField::UpstreamStatus},
    {"http_x_forwarded_for", LogField::ForwardedFor},
    // Not nginx variables: what other servers' own layouts hold, for presets and inference.
    {"request_time_us", LogField::RequestTime, TimeSyntax::None, DurationUnit::Microseconds},
    {"time_asctime", LogField::Time, TimeSyntax::Asctime},  // uWSGI: Tue Nov  3 09:14:07 2026
    {"remote_addr_port", LogField::ClientAndPort},          // ALB, ELB, HAProxy: client:port
    // Not an nginx variable: Envoy's default format has no remote address; its
    // X-Forwarded-For field is the nearest thing to the client.
    {"x_forwarded_for", LogField::Client},
}};

constexpr std::array<FieldMapping, 16> kW3cFields = {{
    {"cs(host)", LogField::Host},
    {"cs-protocol-version", LogField::Protocol},
    {"date", LogField::Date},
    {"time", LogField::Time, TimeSyntax::W3c},
    {"c-ip", LogField::Client},
    {"cs-username", LogField::User},
    {"cs-method", LogField::Method},
    {"cs-uri-stem", LogField::Path},
    {"cs-uri-query", LogField::Query},
    {"cs-version", LogField::Protocol},
    {"sc-status", LogField::Status},
    {"sc-bytes", LogField::Bytes},
    {"cs(user-agent)", LogField::UserAgent},
    {"cs(referer)", LogField::Referrer},
    {"cs-host", LogField::Host},
    {"time-taken", LogField::RequestTime, TimeSyntax::None, DurationUnit::Milliseconds},
}};

// Zeek's http.log fields (its #fields header names them); ts is epoch seconds. version is
// "1.1", not "HTTP/1.1": not read as the protocol, which rules compare with HTTP's.
constexpr std::array<FieldMapping, 10> kZeekFields = {{
    {"ts", LogField::Time, TimeSyntax::EpochSeconds},
    {"id.orig_h", LogField::Client},
    {"method", LogField::Method},
    {"host", LogField::Host},
    {"uri", LogField::Path},
    {"referrer", LogField::Referrer},
    {"user_agent", LogField::UserAgent},
    {"request_body_len", LogField::RequestBytes},
    {"response_body_len", LogField::Bytes},
    {"status_code", LogField::Status},
}};

template <size_t N>
const FieldMapping* find_mapping(const std::array<FieldMapping, N>& table, std::string_view name) {
  for (const FieldMapping& m : table) {
    if (iequals_ascii(m.name, name)) return &m;
  }
  return nullptr;
}

// Builds a plan from an alternating sequence of literals and fields.
class PlanBuilder {
 public:
  void literal(std::string_view text) { pending_ += text; }
  void literal(char c) { pending_ += c; }
  void field(LogFormat::Step step, size_t column) {
    if (steps_.empty()) {
      prefix_ = std::move(pending_);
    } else if (pending_.empty()) {
      throw FormatError("'" + step.directive + "' follows '" + steps_.back().directive +
                            "' with nothing between them, so the two cannot be told apart",
                        column);
    } else {
      steps_.back().after = std::move(pending_);
    }
    pending_.clear();
    steps_.push_back(std::move(step));
  }
  void finish(std::string& prefix, std::vector<LogFormat::Step>& steps) {
    if (steps_.empty()) throw FormatError("the format has no fields", 0);
    steps_.back().after = std::move(pending_);
    prefix = std::move(prefix_);
    steps = std::move(steps_);
  }

 private:
  std::string prefix_, pending_;
  std::vector<LogFormat::Step> steps_;
};

LogFormat::Step make_step(const FieldMapping* m, std::string directive) {
  LogFormat::Step s;
  if (m != nullptr) {
    s.field = m->field;
    s.time_syntax = m->time;
    s.unit = m->unit;
  }
  s.directive = std::move(directive);
  return s;
}

std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

// Finds `c` in [p, end). Fields are short (a few bytes to a hundred), where a library call
// costs more than the scan, so this compares 16 bytes at a time inline with SSE2 (part of
// every x86-64 CPU, so the binary stays portable) and never reads past `end`.
inline const char* find_byte(const char* p, const char* end, char c) noexcept {
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c);
  while (end - p >= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(block, needle));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    if (*p == c) return p;
  }
  return nullptr;
}

// A double quote that ends a quoted field: not escaped by an odd run of backslashes
// (Apache writes \" inside fields; nginx writes \x22 and never needs this).
bool escaped(const char* begin, const char* quote) noexcept {
  size_t backslashes = 0;
  while (quote > begin && quote[-1] == '\\') {
    --quote;
    ++backslashes;
  }
  return (backslashes & 1) != 0;
}

}  // namespace

std::shared_ptr<const LogFormat> LogFormat::from_spec(std::string_view spec) {
  if (auto p = preset(spec)) return p;
  if (spec.starts_with("nginx:")) return from_nginx(spec.substr(6));
  if (spec.starts_with("apache:")) return from_apache(spec.substr(7));
  if (spec.find('$') != std::string_view::npos) return from_nginx(spec);
  if (spec.find('%') != std::string_view::npos) return from_apache(spec);
  std::string names;
  for (const PresetInfo& p : presets()) names += (names.empty() ? "" : ", ") + std::string(p.name);
  throw FormatError("'" + std::string(spec) + "' is neither a preset (" + names +
                        ") nor a format string with $variables (nginx) or %directives (Apache)",
                    0);
}

std::shared_ptr<const LogFormat> LogFormat::from_nginx(std::string_view text, std::string name) {
  PlanBuilder plan;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$') {
      plan.literal(text[i++]);
      continue;
    }
    const size_t start = i++;
    std::string_view var;
    if (i < text.size() && text[i] == '{') {
      const size_t close = text.find('}', i);
      if (close == std::string_view::npos) throw FormatError("'${' without a closing '}'", start);
      var = text.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      const size_t begin = i;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
      var = text.substr(begin, i - begin);
    }
    if (var.empty()) throw FormatError("'$' is not followed by a variable name", start);
    plan.field(make_step(find_mapping(kNginxVariables, var), std::string(text.substr(start, i - start))), start);
  }
  std::string prefix;
  std::vector<Step> steps;
  plan.finish(prefix, steps);
  auto fmt = make(std::move(name), std::move(prefix), std::move(steps), false);
  fmt->spec_ = "nginx:" + std::string(text);
  return fmt;
}

std::shared_ptr<const LogFormat> LogFormat::from_apache(std::string_view text, std::string name) {
  PlanBuilder plan;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {  // config-file escapes pasted as they are
      const char e = text[i + 1];
      plan.literal(e == 't' ? '\t' : e == 'n' ? '\n' : e);
      i += 2;
      continue;
    }
    if (c != '%') {
      plan.literal(c);
      ++i;
      continue;
    }
    const size_t start = i++;
    if (i < text.size() && text[i] == '%') {
      plan.literal('%');
      ++i;
      continue;
    }
    // Status conditions (%400,501{...}i, %!200r) and the < > modifiers do not change parsing.
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ',' || text[i] == '!' ||
                               text[i] == '<' || text[i] == '>')) {
      ++i;
    }
    std::string_view arg;
    if (i < text.size() && text[i] == '{') {
      const size_t close = text.find('}', i);
      if (close == std::string_view::npos) throw FormatError("'%{' without a closing '}'", start);
      arg = text.substr(i + 1, close - i - 1);
      i = close + 1;
    }
    if (i >= text.size()) throw FormatError("'%' at the end of the format has no directive letter", start);
    const char letter = text[i++];
    std::string directive(text.substr(start, i - start));
    FieldMapping m{directive, LogField::Ignore};
    switch (letter) {
      case 'h':
      case 'a':
        m.field = LogField::Client;
        break;
      case 'l':
        m.field = LogField::Ident;
        break;
      case 'u':
        m.field = LogField::User;
        break;
      case 't':
        if (arg.empty()) {  // %t writes its own brackets: [10/Oct/2000:13:55:36 -0700]
          plan.literal('[');
          LogFormat::Step s = make_step(nullptr, directive);
          s.field = LogField::Time;
          s.time_syntax = TimeSyntax::Clf;
          plan.field(std::move(s), start);
          plan.literal(']');
          continue;
        }
        m.field = LogField::Time;
        m.time = TimeSyntax::Custom;
        break;
      case 'r':
        m.field = LogField::Request;
        break;
      case 'm':
        m.field = LogField::Method;
        break;
      case 'U':
        m.field = LogField::Path;
        break;
      case 'q':
        m.field = LogField::Query;
        break;
      case 'H':
        m.field = LogField::Protocol;
        break;
      case 's':
        m.field = LogField::Status;
        break;
      case 'b':
      case 'B':
      case 'O':
        m.field = LogField::Bytes;
        break;
      case 'v':
      case 'V':
        m.field = LogField::Host;
        break;
      case 'p':
        m.field = LogField::Port;
        break;
      case 'D':
        m.field = LogField::RequestTime;
        m.unit = DurationUnit::Microseconds;
        break;
      case 'T':
        m.field = LogField::RequestTime;
        m.unit = arg == "ms"   ? DurationUnit::Milliseconds
                 : arg == "us" ? DurationUnit::Microseconds
                               : DurationUnit::Seconds;
        break;
      case 'i':
        if (iequals_ascii(arg, "Referer")) m.field = LogField::Referrer;
        if (iequals_ascii(arg, "User-Agent")) m.field = LogField::UserAgent;
        if (iequals_ascii(arg, "Host")) m.field = LogField::Host;
        break;
      default:
        if (!std::isalpha(static_cast<unsigned char>(letter))) {
          throw FormatError(std::string("'%") + letter + "' is not an Apache log directive", start);
        }
        break;  // a directive statuslint does not use: captured and ignored
    }
    plan.field(make_step(&m, std::move(directive)), start);
  }
  std::string prefix;
  std::vector<Step> steps;
  plan.finish(prefix, steps);
  auto fmt = make(std::move(name), std::move(prefix), std::move(steps), false);
  fmt->spec_ = "apache:" + std::string(text);
  return fmt;
}

std::shared_ptr<const LogFormat> LogFormat::from_zeek_fields(std::string_view fields) {
  auto fmt = compile_fields(fields, "zeek", '\t', true);
  fmt->zeek_ = true;
  fmt->dash_or_zero_is_no_response_ = true;  // "-" is Zeek's unset: a request with no reply seen
  return fmt;
}

std::shared_ptr<const LogFormat> LogFormat::with_fields(std::string_view fields) const {
  return zeek_ ? from_zeek_fields(fields) : from_w3c_fields(fields, name_, w3c_separator_);
}

std::shared_ptr<const LogFormat> LogFormat::from_w3c_fields(std::string_view fields, std::string name, char separator) {
  return compile_fields(fields, std::move(name), separator, false);
}

std::shared_ptr<LogFormat> LogFormat::compile_fields(std::string_view fields, std::string name, char separator,
                                                     bool zeek) {
  PlanBuilder plan;
  size_t i = 0;
  bool first = true;
  while (i < fields.size()) {
    while (i < fields.size() && (fields[i] == ' ' || fields[i] == '\t')) ++i;
    if (i >= fields.size()) break;
    const size_t start = i;
    while (i < fields.size() && fields[i] != ' ' && fields[i] != '\t') ++i;
    const std::string_view field = fields.substr(start, i - start);
    if (!first) plan.literal(separator);
    first = false;
    LogFormat::Step step =
        make_step(zeek ? find_mapping(kZeekFields, field) : find_mapping(kW3cFields, field), std::string(field));
    // CloudFront writes time-taken in seconds ("0.002"); IIS in milliseconds.
    if (step.field == LogField::RequestTime && name == "cloudfront") step.unit = DurationUnit::Seconds;
    plan.field(std::move(step), start);
  }
  std::string prefix;
  std::vector<Step> steps;
  plan.finish(prefix, steps);
  auto fmt = make(std::move(name), std::move(prefix), std::move(steps), true);
  fmt->w3c_separator_ = separator;
  fmt->spec_ = fmt->name_;
  fmt->plan_structural();
  return fmt;
}

std::shared_ptr<LogFormat> LogFormat::make(std::string name, std::string prefix, std::vector<Step> steps, bool w3c) {
  // A field is quoted when the literal before it ends with '"' and the one after starts with it.
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string& before = i == 0 ? prefix : steps[i - 1].after;
    steps[i].quoted =
        !before.empty() && before.back() == '"' && !steps[i].after.empty() && steps[i].after.front() == '"';
  }
  auto fmt = std::shared_ptr<LogFormat>(new LogFormat());
  fmt->name_ = std::move(name);
  fmt->prefix_ = std::move(prefix);
  fmt->steps_ = std::move(steps);
  fmt->w3c_ = w3c;
  for (size_t i = 0; i < fmt->steps_.size(); ++i) {
    if (fmt->steps_[i].field == LogField::Status) fmt->status_step_ = i;
  }
  if (!fmt->has_field(LogField::Status)) {
    throw FormatError("the format has no status field ($status, %s or %>s, sc-status)", 0);
  }
  fmt->plan_structural();
  return fmt;
}

namespace {

// parse_steps over the format's own plan.
struct RuntimePlan {
  const LogFormat::PlanStep* steps;
  size_t count;
  bool is_padded;
  size_t size() const noexcept { return count; }
  bool padded() const noexcept { return is_padded; }
  const LogFormat::PlanStep& operator[](size_t i) const noexcept { return steps[i]; }
};

// parse_steps over a plan known at compile time. With the step count and each step's
// literal, field and flags constants, the loop unrolls and every per-step branch (literal
// length, quoting, the list-space rule, which record member to fill) folds away: over half
// of the field extraction's own instructions on a combined log.
template <const auto& kSteps>
struct FixedPlan {
  static constexpr size_t size() noexcept { return kSteps.size(); }
  static constexpr bool padded() noexcept { return false; }
  constexpr const LogFormat::PlanStep& operator[](size_t i) const noexcept { return kSteps[i]; }
};

// One step as plan_structural() builds it.
constexpr LogFormat::PlanStep fixed_step(std::string_view after, std::uint16_t step, LogField field, std::uint8_t klass,
                                         bool quoted, TimeSyntax time = TimeSyntax::None) {
  LogFormat::PlanStep s{};
  for (size_t i = 0; i < after.size(); ++i) s.after[i] = after[i];
  s.after_size = static_cast<std::uint32_t>(after.size());
  s.step = step;
  s.field = field;
  s.time_syntax = time;
  s.klass = klass;
  s.quoted = quoted;
  s.lone_space = !quoted && after == " ";
  return s;
}

// Index classes in the order plan_structural() assigns them: the space first, then ']', '"'.
constexpr std::uint8_t kSpaceClass = StructuralIndex::kFirstNeedle, kBracketClass = kSpaceClass + 1,
                       kQuoteClass = kSpaceClass + 2;

// %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"
constexpr std::array<LogFormat::PlanStep, 9> kCombinedPlan = {{
    fixed_step(" ", 0, LogField::Client, kSpaceClass, false),
    fixed_step(" ", 1, LogField::Ident, kSpaceClass, false),
    fixed_step(" [", 2, LogField::User, kSpaceClass, false),
    fixed_step("] \"", 3, LogField::Time, kBracketClass, false, TimeSyntax::Clf),
    fixed_step("\" ", 4, LogField::Request, kQuoteClass, true),
    fixed_step(" ", 5, LogField::Status, kSpaceClass, false),
    fixed_step(" \"", 6, LogField::Bytes, kSpaceClass, false),
    fixed_step("\" \"", 7, LogField::Referrer, kQuoteClass, true),
    fixed_step("\"", 8, LogField::UserAgent, kQuoteClass, true),
}};

// %h %l %u %t "%r" %>s %b
constexpr std::array<LogFormat::PlanStep, 7> kCommonPlan = {{
    kCombinedPlan[0],
    kCombinedPlan[1],
    kCombinedPlan[2],
    kCombinedPlan[3],
    kCombinedPlan[4],
    kCombinedPlan[5],
    fixed_step("", 6, LogField::Bytes, 0, false),
}};

// %v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" (Apache's vhost_combined, Debian's
// other_vhosts_access.log): the colon takes the first class, so every other class moves up one.
constexpr std::uint8_t kVhostColonClass = StructuralIndex::kFirstNeedle, kVhostSpaceClass = kVhostColonClass + 1,
                       kVhostBracketClass = kVhostColonClass + 2, kVhostQuoteClass = kVhostColonClass + 3;
constexpr std::array<LogFormat::PlanStep, 11> kVhostCombinedPlan = {{
    fixed_step(":", 0, LogField::Host, kVhostColonClass, false),
    fixed_step(" ", 1, LogField::Port, kVhostSpaceClass, false),
    fixed_step(" ", 2, LogField::Client, kVhostSpaceClass, false),
    fixed_step(" ", 3, LogField::Ident, kVhostSpaceClass, false),
    fixed_step(" [", 4, LogField::User, kVhostSpaceClass, false),
    fixed_step("] \"", 5, LogField::Time, kVhostBracketClass, false, TimeSyntax::Clf),
    fixed_step("\" ", 6, LogField::Request, kVhostQuoteClass, true),
    fixed_step(" ", 7, LogField::Status, kVhostSpaceClass, false),
    fixed_step(" \"", 8, LogField::Bytes, kVhostSpaceClass, false),
    fixed_step("\" \"", 9, LogField::Referrer, kVhostQuoteClass, true),
    fixed_step("\"", 10, LogField::UserAgent, kVhostQuoteClass, true),
}};

bool same_steps(std::span<const LogFormat::PlanStep> a, std::span<const LogFormat::PlanStep> b) noexcept {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(), [](const LogFormat::PlanStep& x, const LogFormat::PlanStep& y) {
        return std::memcmp(x.after, y.after, sizeof x.after) == 0 && x.after_size == y.after_size && x.step == y.step &&
               x.field == y.field && x.time_syntax == y.time_syntax && x.unit == y.unit && x.klass == y.klass &&
               x.quoted == y.quoted && x.lone_space == y.lone_space;
      });
}

}  // namespace

void LogFormat::plan_structural() {
  // The bytes a field search looks for: the first byte of each literal after a field, and
  // the separator that ends the last field. Each gets a class in the structural index.
  std::string bytes;
  const auto class_of = [&bytes](char c) {
    size_t at = bytes.find(c);
    if (at == std::string::npos) {
      at = bytes.size();
      bytes += c;
    }
    return static_cast<std::uint8_t>(StructuralIndex::kFirstNeedle + at);
  };
  plan_.assign(steps_.size(), PlanStep{});
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& step = steps_[i];
    PlanStep& plan = plan_[i];
    step.after.copy(plan.after, sizeof plan.after);
    plan.step = static_cast<std::uint16_t>(i);
    plan.after_size = static_cast<std::uint32_t>(step.after.size());
    plan.field = step.field;
    plan.time_syntax = step.time_syntax;
    plan.unit = step.unit;
    plan.quoted = step.quoted;
    plan.lone_space = !step.quoted && step.after == " ";
    if (!step.after.empty()) plan.klass = class_of(step.after.front());
  }
  separator_class_ = class_of(w3c_separator_);
  const bool indexable = bytes.find_first_of(std::string_view("\n\\\0", 3)) == std::string::npos;
  structural_bytes_ = indexable && bytes.size() <= StructuralIndex::kMaxNeedles ? bytes : std::string();
  shape_ = Shape::Generic;
  if (!structural_bytes_.empty() && prefix_.empty() && !w3c_ && w3c_separator_ == ' ') {
    if (separator_class_ == kSpaceClass && same_steps(plan_, kCombinedPlan)) shape_ = Shape::Combined;
    if (separator_class_ == kSpaceClass && same_steps(plan_, kCommonPlan)) shape_ = Shape::Common;
    if (separator_class_ == kVhostSpaceClass && same_steps(plan_, kVhostCombinedPlan)) shape_ = Shape::VhostCombined;
  }
}

bool LogFormat::has_field(LogField field) const noexcept {
  return std::any_of(steps_.begin(), steps_.end(), [field](const Step& s) { return s.field == field; });
}

// PERF NOTES: this is the hot path. Each step finds its end by searching for the first byte
// of the literal that follows (16 bytes per step with SSE2, inline), checks the rest of the
// literal inline, and stores a view.
// Library calls on 1-3 byte spans cost more than the scan itself: profiling showed memcmp
// and memchr calls at 45% of the time before they were inlined. Quoted fields retry past
// escaped or embedded quotes, which are rare. No allocation, no regex.
LogFormat::Fit LogFormat::parse(std::string_view line, Record& r, ParseError& err) const noexcept {
  const Fit fit = parse_lazily(line, r, err);
  r.resolve();
  return fit;
}

LogFormat::Fit LogFormat::parse_lazily(std::string_view line, Record& r, ParseError& err) const noexcept {
  return parse_steps<false>(
      line, r, err, RuntimePlan{plan_.data(), plan_.size(), padded_},
      [](const char* from, const char* end, char byte, std::uint8_t) { return find_byte(from, end, byte); });
}

bool LogFormat::parse_structural(std::string_view line, const StructuralIndex& index, Record& r, ParseError& err,
                                 Fit& fit) const noexcept {
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  // Declined: a format with bytes the index does not hold, a line outside the window, or a
  // backslash (a quote after one may be escaped: the exact parser looks back for it).
  if (structural_bytes_.empty() || begin < index.begin() || end > index.end() ||
      (index.has_backslash() && index.next(StructuralIndex::kBackslash, begin, end) != nullptr)) {
    return false;
  }
  const auto find = [&index](const char* from, const char* to, char, std::uint8_t cls) {
    return index.next(cls, from, to);
  };
  // With a compile-time plan, the line is first read taking each field's first hit; a line
  // where one does not fit is read again from the start by the full algorithm.
  fit = Fit::Whole;
  switch (padded_ ? Shape::Generic : shape_) {
    case Shape::Combined:
      if (!parse_first_fits<FixedPlan<kCombinedPlan>>(line, index, r)) {
        fit = parse_steps<true>(line, r, err, FixedPlan<kCombinedPlan>{}, find);
      }
      break;
    case Shape::Common:
      if (!parse_first_fits<FixedPlan<kCommonPlan>>(line, index, r)) {
        fit = parse_steps<true>(line, r, err, FixedPlan<kCommonPlan>{}, find);
      }
      break;
    case Shape::VhostCombined:
      if (!parse_first_fits<FixedPlan<kVhostCombinedPlan>>(line, index, r)) {
        fit = parse_steps<true>(line, r, err, FixedPlan<kVhostCombinedPlan>{}, find);
      }
      break;
    case Shape::Generic:
      fit = parse_steps<true>(line, r, err, RuntimePlan{plan_.data(), plan_.size(), padded_}, find);
      break;
  }
  return true;
}

// A literal after a field, its first byte already matched at `at`: literals are one to a
// few bytes, so the common lengths are compared inline.
inline bool tail_at(const char* at, const char* end, const LogFormat::PlanStep& s,
                    const std::vector<LogFormat::Step>& steps) noexcept {
  if (end - at < s.after_size) return false;
  switch (s.after_size) {
    case 1:
      return true;
    case 2:
      return at[1] == s.after[1];
    case 3:
      return at[1] == s.after[1] && at[2] == s.after[2];
    default: {
      const char* literal = s.after_size <= sizeof s.after ? s.after : steps[s.step].after.data();
      for (size_t k = 1; k < s.after_size; ++k) {
        if (at[k] != literal[k]) return false;
      }
      return true;
    }
  }
}

template <typename Plan>
bool LogFormat::parse_first_fits(std::string_view line, const StructuralIndex& index, Record& r) const noexcept {
  const char* p = line.data();
  const char* const end = p + line.size();
  if (!prefix_.empty()) {
    if (line.size() < prefix_.size() || std::memcmp(p, prefix_.data(), prefix_.size()) != 0) return false;
    p += prefix_.size();
  }
  r.drop_pending();
  constexpr size_t kLast = Plan::size() - 1;
  // One step per plan entry, expanded at compile time so that each step's literal, class and
  // field are constants.
  const auto step = [&]<size_t kI>(std::integral_constant<size_t, kI>) __attribute__((always_inline)) {
    constexpr PlanStep s = Plan{}[kI];
    const char* field_end;
    if constexpr (s.after_size == 0) {
      const char* sp = index.next(separator_class_, p, end);
      field_end = sp != nullptr ? sp : end;
    } else {
      // parse_steps takes the first hit that fits. When the first hit does not, or is a
      // list's space, or ends the last quoted field short of the line's end, it searches on:
      // declined here.
      static_assert(s.after_size <= sizeof s.after, "a compile-time plan holds its literals");
      field_end = index.next(s.klass, p, end);
      if (field_end == nullptr || end - field_end < s.after_size) return false;
#pragma GCC unroll 8
      for (size_t k = 1; k < s.after_size; ++k) {
        if (field_end[k] != s.after[k]) return false;
      }
      if constexpr (s.lone_space) {
        if (field_end > p && field_end[-1] == ',') return false;
      }
      if constexpr (s.quoted && kI == kLast) {
        if (field_end + s.after_size != end) return false;
      }
    }
    assign_field(r, s.field, std::string_view(p, static_cast<size_t>(field_end - p)), set_status, s.time_syntax,
                 s.unit);
    p = field_end + s.after_size;
    return true;
  };
  const bool fits = [&]<size_t... kI>(std::index_sequence<kI...>) __attribute__((always_inline)) {
    return (step(std::integral_constant<size_t, kI>{}) && ...);
  }
  (std::make_index_sequence<Plan::size()>{});
  if (!fits || p != end) return false;
  mark_no_response(r);
  return true;
}

template <bool kNoBackslash, typename Plan, typename Find, typename OnField>
LogFormat::Fit LogFormat::parse_steps(std::string_view line, Record& r, ParseError& err, const Plan& plan, Find&& find,
                                      OnField&& on_field) const noexcept {
  r.drop_pending();
  const char* p = line.data();
  const char* const end = p + line.size();
  const auto column = [&](const char* at) { return static_cast<std::uint32_t>(at - line.data()); };
  if (!prefix_.empty()) {
    if (line.size() < prefix_.size() || std::memcmp(p, prefix_.data(), prefix_.size()) != 0) {
      err = {ParseError::Kind::Prefix, 0, 0};
      return Fit::Malformed;
    }
    p += prefix_.size();
  }
  const size_t last = plan.size() - 1;
  // A FixedPlan's steps are constants: unrolled, each step's branches fold away.
#pragma GCC unroll 16
  for (size_t i = 0; i <= last; ++i) {
    if (plan.padded()) {  // a field padded to a width starts after a run of spaces
      while (p < end && *p == ' ') ++p;
    }
    const PlanStep& s = plan[i];
    const char* field_end;
    if (s.after_size == 0) {
      // Only the last step has no literal after it. It runs to the first space: servers
      // append fields to a known format, and W3C rejects them below as trailing text.
      const char* sp = find(p, end, w3c_separator_, separator_class_);
      field_end = sp != nullptr ? sp : end;
    } else {
      const char first = s.after[0];
      const char* search = p;
      const char* first_hit = nullptr;
      field_end = nullptr;
      while (search < end) {
        const char* hit = find(search, end, first, s.klass);
        if (hit == nullptr) break;
        if (first_hit == nullptr) first_hit = hit;
        // nginx writes lists as "a, b" ($upstream_status after a retry: "502, 200"): a lone
        // space after a comma is inside the field, not the end of it.
        const bool list_space = s.lone_space && hit > p && hit[-1] == ',';
        // An unquoted field ends where the whole literal first fits ("0.1, 0.2 host=" holds a
        // space before " host="). A quoted field ends at an unescaped quote followed by the
        // literal and, for the last step, by the end of the line or an appended field.
        if (!list_space && tail_at(hit, end, s, steps_)) {
          if (!s.quoted) {
            field_end = hit;
            break;
          }
          const char* after_literal = hit + s.after_size;
          if ((kNoBackslash || !escaped(p, hit)) && (i != last || after_literal == end || *after_literal == ' ')) {
            field_end = hit;
            break;
          }
        }
        search = hit + 1;
      }
      if (field_end == nullptr && !s.quoted && first_hit != nullptr) {
        // No fit: the first place the literal was expected. A lone space after a comma that
        // is the only one left does end the field; anything else is a mismatch there.
        if (!tail_at(first_hit, end, s, steps_)) {
          err = {ParseError::Kind::Literal, static_cast<std::uint16_t>(i), column(first_hit)};
          return Fit::Malformed;
        }
        field_end = first_hit;
      }
      if (field_end == nullptr) {
        err = {ParseError::Kind::LineEnded, static_cast<std::uint16_t>(i), column(end)};
        // Cut inside a quoted field after the status (or, in W3C and Zeek logs, whose fields
        // are a fixed list, inside any field after it): the status was read whole, so the
        // record counts. Every later field is written empty (records are reused).
        if ((!s.quoted && !w3c_) || i <= status_step_) return Fit::Malformed;
        assign_field(r, s.field, std::string_view(p, static_cast<size_t>(end - p)), set_status, s.time_syntax, s.unit);
        on_field(i, std::string_view(p, static_cast<size_t>(end - p)));
        for (size_t k = i + 1; k <= last; ++k) {
          assign_field(r, plan[k].field, std::string_view(), set_status, plan[k].time_syntax, plan[k].unit);
        }
        mark_no_response(r);
        return Fit::Truncated;
      }
    }
    assign_field(r, s.field, std::string_view(p, static_cast<size_t>(field_end - p)), set_status, s.time_syntax,
                 s.unit);
    on_field(i, std::string_view(p, static_cast<size_t>(field_end - p)));
    p = field_end + s.after_size;
  }
  mark_no_response(r);
  if (p == end) return Fit::Whole;
  if (*p == ' ' && !w3c_) return Fit::ExtraFields;
  err = {ParseError::Kind::Trailing, static_cast<std::uint16_t>(last), column(p)};
  return Fit::Malformed;
}

LogFormat::Fit LogFormat::split(std::string_view line, std::vector<std::string_view>& values) const {
  values.assign(steps_.size(), std::string_view());
  Record r;
  ParseError err;
  return parse_steps<false>(
      line, r, err, RuntimePlan{plan_.data(), plan_.size(), padded_},
      [](const char* from, const char* end, char byte, std::uint8_t) { return find_byte(from, end, byte); },
      [&values](size_t step, std::string_view value) { values[step] = value; });
}

std::string LogFormat::describe(const ParseError& e) const {
  const auto col = " at column " + std::to_string(e.column + 1);
  const auto what = [this](size_t i) {
    const Step& s = steps_[i];
    return std::string(field_label(s.field)) + " (" + s.directive + ")";
  };
  switch (e.kind) {
    case ParseError::Kind::None:
      return "no error";
    case ParseError::Kind::Prefix:
      return "expected '" + printable(prefix_) + "' at the start of the line";
    case ParseError::Kind::Literal:
      return "expected '" + printable(steps_[e.step].after) + "' after " + what(e.step) + col;
    case ParseError::Kind::LineEnded:
      return "line ends inside " + what(e.step) + " (expected '" + printable(steps_[e.step].after) + "' after it)";
    case ParseError::Kind::Trailing:
      return "unexpected text after the last field" + col;
  }
  return "malformed";
}

}  // namespace statuslint
