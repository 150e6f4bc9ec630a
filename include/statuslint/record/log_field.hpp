// The fields a reader can extract, and the one place that stores an extracted value in a
// record. The text and JSON-lines readers both map their fields through assign_field, so a
// "path" or a "user agent" means the same whatever the input was.
#pragma once

#include <charconv>
#include <cstdint>
#include <string_view>

#include "statuslint/record/record.hpp"

namespace statuslint {

// What a step extracts into the record.
enum class LogField : std::uint8_t {
  Ignore,
  Client,
  Ident,
  User,
  Time,
  Date,
  Request,
  Method,
  Path,
  Query,
  Protocol,
  Status,
  Bytes,
  Referrer,
  UserAgent,
  Host,
  Port,
  RequestTime,
  UpstreamStatus,
  RequestProtocol,  // the request's own HTTP version, where a source writes it apart
  RequestBytes,     // the request body's size
  ClientAndPort,    // "203.0.113.7:5123", "[2001:db8::1]:443", "2001:db8::1:443": split at the last ':'
  ForwardedFor,     // X-Forwarded-For
  UpstreamTime,     // the upstream's (backend's, target's) share of the request time
  // A load balancer's own time before and after the target (ALB request_processing_time and
  // response_processing_time): with the upstream's, they add up to the request time.
  RequestPhaseTime,
  ResponsePhaseTime,
  HaproxyTimers,  // TR/Tw/Tc/Tr/Ta: the request time is Ta (the last), the upstream's Tr
};

// A placeholder is no value: "-" for a host, a user agent, a referrer or a user is absent.
// Records keep what the line says; the consumers that count or match values (top offenders,
// rules, the original client) read fields through this, so the parse path pays nothing.
constexpr std::string_view absent_if_dash(std::string_view v) noexcept {
  return v.size() == 1 && v[0] == '-' ? std::string_view() : v;
}

// "addr:port" as a source writes a client with its port: always a port, so the last ':' parts
// them (IPv6 with or without brackets).
inline void split_client_port(std::string_view v, std::string_view& client, std::string_view& port) noexcept {
  if (!v.empty() && v.front() == '[') {
    const size_t close = v.find(']');
    if (close != std::string_view::npos) {
      client = v.substr(1, close - 1);
      port = close + 2 <= v.size() && v[close + 1] == ':' ? v.substr(close + 2) : std::string_view();
      return;
    }
  }
  const size_t colon = v.rfind(':');
  if (colon == std::string_view::npos) {
    client = absent_if_dash(v);
    port = {};
    return;
  }
  client = v.substr(0, colon);
  port = v.substr(colon + 1);
}

// What a field is called in messages and labels: "client", "user agent", "request time".
constexpr std::string_view field_label(LogField f) noexcept {
  switch (f) {
    case LogField::Ignore:
      return "field";
    case LogField::Client:
      return "client";
    case LogField::Ident:
      return "ident";
    case LogField::User:
      return "user";
    case LogField::Time:
      return "time";
    case LogField::Date:
      return "date";
    case LogField::Request:
      return "request";
    case LogField::Method:
      return "method";
    case LogField::Path:
      return "path";
    case LogField::Query:
      return "query";
    case LogField::Protocol:
      return "protocol";
    case LogField::Status:
      return "status";
    case LogField::Bytes:
      return "bytes";
    case LogField::Referrer:
      return "referrer";
    case LogField::UserAgent:
      return "user agent";
    case LogField::Host:
      return "host";
    case LogField::Port:
      return "port";
    case LogField::RequestTime:
      return "request time";
    case LogField::UpstreamStatus:
      return "upstream status";
    case LogField::RequestProtocol:
      return "request protocol";
    case LogField::RequestBytes:
      return "request bytes";
    case LogField::ClientAndPort:
      return "client:port";
    case LogField::ForwardedFor:
      return "forwarded for";
    case LogField::UpstreamTime:
      return "upstream time";
    case LogField::RequestPhaseTime:
      return "request processing time";
    case LogField::ResponsePhaseTime:
      return "response processing time";
    case LogField::HaproxyTimers:
      return "timers";
  }
  return "field";
}

// Stores one extracted value in the record member `field` names. The request line and the
// byte count are stored lazily (Record::resolve splits them). The one place that maps
// fields onto records: the text and JSON-lines readers both call it. Inline, because the
// text parser calls it once per field on the hot path. The status is handed to
// `set_status`, which the reader supplies (formats/status_field.hpp classifies it through
// the registry): the record vocabulary does not know the registry, and the hot path keeps
// classifying in the same step, with no extra branch.
template <typename SetStatus>
inline void assign_field(Record& r, LogField field, std::string_view v, SetStatus&& set_status,
                         TimeSyntax time_syntax = TimeSyntax::None, DurationUnit unit = DurationUnit::None) noexcept {
  switch (field) {
    case LogField::Ignore:
    case LogField::Ident:
      break;
    case LogField::Client:
      r.client = v;
      break;
    case LogField::ClientAndPort:
      split_client_port(v, r.client, r.client_port);
      break;
    case LogField::ForwardedFor:
      r.forwarded_for = absent_if_dash(v);
      break;
    case LogField::User:
      r.user = v;
      break;
    case LogField::Time:
      r.time = v;
      r.time_syntax = time_syntax;
      break;
    case LogField::Date:
      r.date = v;
      break;
    case LogField::Request:
      r.set_request_line_lazily(v);
      break;
    // A source with a request line and separate parts: the part written last wins, as if the
    // line had been split when it was read.
    case LogField::Method:
      r.resolve();
      r.method = v;
      break;
    case LogField::Path:
      r.resolve();
      r.path = v;
      break;
    case LogField::Query:
      r.query = v;
      break;
    case LogField::Protocol:
      r.resolve();
      r.protocol = v;
      break;
    case LogField::Status:
      set_status(r, v);
      break;
    case LogField::Bytes:
      r.set_bytes_lazily(v);
      break;
    case LogField::Referrer:
      r.referrer = v;
      break;
    case LogField::UserAgent:
      r.user_agent = v;
      break;
    case LogField::Host:
      r.host = v;
      break;
    case LogField::Port:
      r.port = v;
      break;
    case LogField::UpstreamStatus:
      r.upstream_status = v;
      break;
    case LogField::RequestTime:
      r.request_time = v;
      r.request_time_unit = unit;
      break;
    case LogField::RequestProtocol:
      r.request_protocol = v;
      break;
    case LogField::UpstreamTime:
      r.upstream_time = v;
      r.upstream_time_unit = unit;
      break;
    case LogField::RequestPhaseTime:
      r.request_phase_time = v;
      break;
    case LogField::ResponsePhaseTime:
      r.response_phase_time = v;
      break;
    case LogField::HaproxyTimers: {
      // "10/0/30/69/109"; Ta may be written "+109" (a logasap log, before the end).
      const size_t last = v.rfind('/');
      std::string_view total = last == std::string_view::npos ? v : v.substr(last + 1);
      if (!total.empty() && total.front() == '+') total.remove_prefix(1);
      r.request_time = total;
      r.request_time_unit = DurationUnit::Milliseconds;
      std::string_view rest = last == std::string_view::npos ? std::string_view() : v.substr(0, last);
      const size_t tr = rest.rfind('/');
      r.upstream_time = tr == std::string_view::npos ? std::string_view() : rest.substr(tr + 1);
      r.upstream_time_unit = DurationUnit::Milliseconds;
      break;
    }
    case LogField::RequestBytes: {
      std::int64_t n = -1;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      r.request_bytes = ec == std::errc() && end == v.data() + v.size() && n >= 0 ? n : -1;
      break;
    }
  }
}

}  // namespace statuslint
