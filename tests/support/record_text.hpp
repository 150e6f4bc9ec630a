// Every field of a record as one string, for tests and fuzzers that hold two reads of a line
// to the same answer (the structural parser against the exact one): one comparison, and a
// readable difference when it fails.
#pragma once

#include <string>

#include "statuslint/record/record.hpp"

namespace statuslint::test {

inline std::string record_text(const Record& r) {
  r.resolve();
  std::string out;
  const auto field = [&out](const char* name, std::string_view v) {
    out += name;
    out += '=';
    out.append(v);
    out += '\x1f';
  };
  field("status_text", r.status_text);
  field("status", std::to_string(r.status));
  field("status_info", r.status_info == nullptr ? "null" : "set");
  field("request", r.request);
  field("method", r.method);
  field("path", r.path);
  field("query", r.query);
  field("protocol", r.protocol);
  field("time", r.time);
  field("date", r.date);
  field("time_syntax", std::to_string(static_cast<int>(r.time_syntax)));
  field("client", r.client);
  field("user", r.user);
  field("host", r.host);
  field("port", r.port);
  field("referrer", r.referrer);
  field("user_agent", r.user_agent);
  field("upstream_status", r.upstream_status);
  field("bytes", std::to_string(r.bytes));
  field("request_time", r.request_time);
  field("request_time_unit", std::to_string(static_cast<int>(r.request_time_unit)));
  field("no_response", r.no_response ? "1" : "0");
  field("truncated", r.truncated ? "1" : "0");
  return out;
}

}  // namespace statuslint::test
