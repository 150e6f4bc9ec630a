#include "statuslint/formats/plausibility.hpp"

#include <algorithm>

#include "statuslint/record/timestamp.hpp"

namespace statuslint {

std::string_view record_value(LogField field, const Record& r) noexcept {
  switch (field) {
    case LogField::Client:
    case LogField::ClientAndPort:
      return r.client;
    case LogField::ForwardedFor:
      return r.forwarded_for;
    case LogField::User:
      return r.user;
    case LogField::Time:
      return r.time;
    case LogField::Request:
      return r.request;
    case LogField::Method:
      return r.method;
    case LogField::Path:
      return r.path;
    case LogField::Protocol:
      return r.protocol;
    case LogField::RequestProtocol:
      return r.request_protocol;
    case LogField::Host:
      return r.host;
    case LogField::Port:
      return r.port;
    case LogField::RequestTime:
      return r.request_time;
    case LogField::Referrer:
      return r.referrer;
    case LogField::UserAgent:
      return r.user_agent;
    case LogField::Status:
      return r.status_text;
    case LogField::Query:
      return r.query;
    case LogField::Date:
      return r.date;
    case LogField::UpstreamStatus:
      return r.upstream_status;
    default:
      return {};
  }
}

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view s) noexcept { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

bool ipv4(std::string_view s) noexcept {
  int parts = 0;
  while (true) {
    size_t n = 0;
    unsigned value = 0;
    while (n < s.size() && n < 4 && is_digit(s[n])) value = value * 10 + static_cast<unsigned>(s[n++] - '0');
    if (n == 0 || n > 3 || value > 255) return false;
    ++parts;
    s.remove_prefix(n);
    if (s.empty()) return parts == 4;
    if (s.front() != '.' || parts == 4) return false;
    s.remove_prefix(1);
  }
}

bool ipv6(std::string_view s) noexcept {
  if (s.size() < 2 || s.size() > 45) return false;
  if (const size_t zone = s.find('%'); zone != std::string_view::npos) s = s.substr(0, zone);
  int colons = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ':') {
      ++colons;
    } else if (c == '.') {  // an embedded IPv4 tail: ::ffff:192.0.2.1
      const size_t start = s.rfind(':', i);
      return colons >= 2 && start != std::string_view::npos && ipv4(s.substr(start + 1));
    } else if (!is_hex(c)) {
      return false;
    }
  }
  return colons >= 2 && colons <= 7;
}

}  // namespace

bool valid_status(int status) noexcept { return status >= 100 && status <= 599; }

bool looks_like_address(std::string_view s) noexcept {
  if (s.empty()) return false;
  if (s.front() == '[') {  // [v6] or [v6]:port
    const size_t close = s.find(']');
    if (close == std::string_view::npos || !ipv6(s.substr(1, close - 1))) return false;
    const std::string_view rest = s.substr(close + 1);
    return rest.empty() || (rest.front() == ':' && all_digits(rest.substr(1)));
  }
  if (ipv4(s) || ipv6(s)) return true;
  const size_t colon = s.rfind(':');
  return colon != std::string_view::npos && ipv4(s.substr(0, colon)) && all_digits(s.substr(colon + 1));
}

bool looks_like_host_name(std::string_view s) noexcept {
  if (s.empty() || s.size() > 253 || looks_like_address(s)) return false;
  bool letter = false;
  for (const char c : s) {
    if (is_alpha(c)) {
      letter = true;
    } else if (!is_digit(c) && c != '-' && c != '.' && c != '_') {
      return false;
    }
  }
  return letter && s.front() != '.' && s.front() != '-';
}

bool looks_like_method(std::string_view s) noexcept {
  if (s.empty() || s.size() > 20) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '-' || c == '_'; });
}

bool looks_like_number(std::string_view s, bool integer) noexcept {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  const size_t dot = s.find('.');
  if (dot == std::string_view::npos) return all_digits(s);
  return !integer && all_digits(s.substr(0, dot)) && all_digits(s.substr(dot + 1));
}

Plausible check_field(LogField field, std::string_view v, const Record& r) noexcept {
  if (v.empty() || v == "-") return Plausible::Absent;
  const auto verdict = [](bool yes) { return yes ? Plausible::Yes : Plausible::No; };
  switch (field) {
    case LogField::Client:
    case LogField::ClientAndPort:
    case LogField::ForwardedFor: {
      // A list ("2001:db8::1, 198.51.100.7": X-Forwarded-For) is judged by its first address.
      std::string_view first = v.substr(0, v.find(','));
      if (first == "unknown" || first == "localhost") return Plausible::Absent;
      return verdict(looks_like_address(first) || looks_like_host_name(first));
    }
    case LogField::Ident:
    case LogField::User:
      // "ident user" read as one field: a vhost line read by a plain format.
      return v.find(' ') == std::string_view::npos ? Plausible::Absent : Plausible::No;
    case LogField::Time:
      if (r.time_syntax == TimeSyntax::None || r.time_syntax == TimeSyntax::Custom) return Plausible::Absent;
      return verdict(record_epoch_seconds(r).has_value());
    case LogField::Request: {
      const size_t sp = v.find(' ');
      if (sp == std::string_view::npos) return Plausible::No;
      const std::string_view target = v.substr(sp + 1);
      return verdict(
          looks_like_method(v.substr(0, sp)) && !target.empty() &&
          (target.front() == '/' || target.front() == '*' || target.starts_with("http") || target.front() == '-'));
    }
    case LogField::Method:
      return verdict(looks_like_method(v));
    case LogField::Path:
      return verdict(v.front() == '/' || v.front() == '*' || v.starts_with("http"));
    case LogField::Protocol:
    case LogField::RequestProtocol:
      return verdict(v.starts_with("HTTP/") || v.starts_with("h2") || v.starts_with("h3") || v == "HTTP");
    case LogField::Bytes:
    case LogField::RequestBytes:
      return verdict(looks_like_number(v, true));
    case LogField::Host:
      // A vhost is a host name (an IPv4 address at most): a list or an IPv6 address where a
      // vhost goes is X-Forwarded-For.
      if (looks_like_host_name(v)) return Plausible::Yes;
      if (v.find(',') != std::string_view::npos || (v.find(':') != std::string_view::npos && v.front() != '[')) {
        return looks_like_address(v.substr(0, v.find(','))) && v.find('.') == std::string_view::npos ? Plausible::No
               : v.find(',') != std::string_view::npos                                               ? Plausible::No
                                                       : Plausible::Absent;
      }
      return looks_like_address(v) ? Plausible::Absent : Plausible::No;
    case LogField::Port:
      return verdict(all_digits(v));
    case LogField::RequestTime: {
      const bool integer =
          r.request_time_unit == DurationUnit::Microseconds || r.request_time_unit == DurationUnit::Nanoseconds;
      return verdict(looks_like_number(v, integer));
    }
    case LogField::Referrer:
      return v.find("://") != std::string_view::npos ? Plausible::Yes : Plausible::Absent;
    case LogField::UserAgent:  // anything may be an agent; one that is there says the field is
      return Plausible::Yes;
    case LogField::Status:  // scored apart (score_record)
    case LogField::Date:    // checked with its time
    case LogField::Query:
    case LogField::UpstreamStatus:
    // Timings beside the request time: not judged, so that mapping them changed no detection.
    case LogField::UpstreamTime:
    case LogField::RequestPhaseTime:
    case LogField::ResponsePhaseTime:
    case LogField::HaproxyTimers:
    case LogField::Ignore:
      break;
  }
  return Plausible::Absent;
}

namespace {

// How much a field's verdict weighs: what a misread gets wrong first counts most.
struct Weight {
  int yes, no;
};
Weight weight_of(LogField field) noexcept {
  switch (field) {
    case LogField::Time:
    case LogField::Request:
    case LogField::Method:
    case LogField::Port:
      return {1, -2};
    case LogField::RequestTime:
      return {0, -3};
    case LogField::User:
      return {0, -2};
    case LogField::Client:
    case LogField::ClientAndPort:
    case LogField::ForwardedFor:
    case LogField::Host:
    case LogField::Protocol:
      return {1, -1};
    case LogField::Referrer:
    case LogField::UserAgent:
      return {1, 0};
    case LogField::Path:
      return {0, -1};
    default:
      return {0, 0};
  }
}

}  // namespace

int max_record_points(std::span<const LogField> fields) noexcept {
  int most = 0;
  for (const LogField field : fields) {
    if (field == LogField::Status) {
      most += 3;
    } else if (field != LogField::Bytes) {
      most += std::max(weight_of(field).yes, 0);
    }
  }
  return most;
}

RecordScore score_record(const Record& r, std::span<const LogField> fields) noexcept {
  RecordScore score;
  for (const LogField field : fields) {
    if (field == LogField::Status) {
      score.status_present = !r.status_text.empty() && r.status_text != "-";
      score.status_valid = r.no_response || valid_status(r.status);
      score.points += score.status_valid ? 3 : score.status_present ? -4 : -1;
      continue;
    }
    if (field == LogField::Bytes) {  // "-" reads as 0; what is no count reads as -1
      r.resolve();
      score.points += r.bytes >= 0 ? 0 : -1;
      continue;
    }
    const Weight w = weight_of(field);
    if (w.yes == 0 && w.no == 0) continue;
    const Plausible p = check_field(field, record_value(field, r), r);
    score.points += p == Plausible::Yes ? w.yes : p == Plausible::No ? w.no : 0;
  }
  return score;
}

}  // namespace statuslint
