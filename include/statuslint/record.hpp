// A record: one request/response as a reader found it.
//
// Readers fill records with views into their own buffers (no copies, no allocation); a record
// is valid only until the reader moves on. Fields a source does not have stay empty, and
// numeric fields that are absent are -1. Every stage after the reader (classification,
// rules, summaries) sees only records, whatever the input format was.
#pragma once

#include <cstdint>
#include <string_view>

#include "statuslint/status_registry.hpp"

namespace statuslint {

// How `Record::time` is written, so it can be parsed lazily when a report needs it.
enum class TimeSyntax : std::uint8_t {
  None,
  Clf,         // 10/Oct/2000:13:55:36 -0700 (Apache %t without brackets, nginx $time_local)
  Iso8601,     // 2018-07-02T22:23:00.186641Z or with an offset
  EpochSeconds,  // 1700000000.123 (nginx $msec)
  W3c,         // date and time in separate fields, UTC (`Record::date` holds the date)
  Custom,      // an Apache %{...}t format: kept, not parsed
};

// Unit of `Record::request_time` as the log wrote it.
enum class DurationUnit : std::uint8_t { None, Seconds, Milliseconds, Microseconds, Nanoseconds };

struct Record {
  // Status as written, its number (-1 unless exactly three digits) and its registry entry.
  std::string_view status_text;
  int status = -1;
  const StatusInfo* status_info = nullptr;

  std::string_view request;   // the whole request line, when the source has one
  std::string_view method;
  std::string_view target;    // path (and query, if the source writes them together)
  std::string_view query;     // when the source writes the query separately
  std::string_view protocol;  // "HTTP/1.1"; empty for HTTP/0.9 request lines

  std::string_view time;
  std::string_view date;      // W3C only
  TimeSyntax time_syntax = TimeSyntax::None;

  std::string_view client;
  std::string_view user;
  std::string_view host;
  std::string_view port;
  std::string_view referrer;
  std::string_view user_agent;

  std::int64_t bytes = -1;
  std::string_view request_time;
  DurationUnit request_time_unit = DurationUnit::None;

  std::uint32_t input = 0;    // index of the input in the scan
  std::uint64_t line = 0;     // 1-based line number within the input
};

}  // namespace statuslint
