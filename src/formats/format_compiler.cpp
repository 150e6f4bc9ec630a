// The format compilers: nginx `log_format` strings, Apache `LogFormat` strings, W3C and Zeek
// field lists, each compiled into the one step plan that the parser walks (log_format.cpp).
// The field tables say which of each syntax's variables statuslint reads.
#include <algorithm>
#include <array>
#include <cctype>

#include "statuslint/formats/log_format.hpp"
#include "statuslint/text.hpp"

namespace statuslint {
namespace {

struct FieldMapping {
  std::string_view name;
  LogField field;
  TimeSyntax time = TimeSyntax::None;
  DurationUnit unit = DurationUnit::None;
};

// nginx variables statuslint understands; any other variable is captured and ignored.
constexpr std::array<FieldMapping, 35> kNginxVariables = {{
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
    {"upstream_response_time", LogField::UpstreamTime, TimeSyntax::None, DurationUnit::Seconds},
    // Not nginx variables: the load balancers' phases (ALB, Classic ELB; seconds, -1 when no
    // target answered) and HAProxy's timers field.
    {"alb_request_processing_time", LogField::RequestPhaseTime},
    {"alb_response_processing_time", LogField::ResponsePhaseTime},
    {"elb_request_processing_time", LogField::RequestPhaseTime},
    {"elb_backend_processing_time", LogField::UpstreamTime, TimeSyntax::None, DurationUnit::Seconds},
    {"elb_response_processing_time", LogField::ResponsePhaseTime},
    {"haproxy_timers", LogField::HaproxyTimers},
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

}  // namespace statuslint
