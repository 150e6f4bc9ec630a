// Timestamps: a record's time, in whichever syntax its source wrote it, as UTC seconds.
//
// Parsed only when a report needs time (trends, --since/--until), never on the plain scan
// path. Time zones written in the log are respected; W3C/IIS times are UTC by definition.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "statuslint/record/record.hpp"

namespace statuslint {

// Seconds since 1970-01-01T00:00:00Z of the record's time; nullopt when it has none or it
// does not parse (or lies outside years 1970..9999).
std::optional<std::int64_t> record_epoch_seconds(const Record& r) noexcept;

// The individual syntaxes, exposed for tests and option parsing.
std::optional<std::int64_t> parse_clf_time(std::string_view s) noexcept;      // 10/Oct/2000:13:55:36 -0700
std::optional<std::int64_t> parse_iso8601_time(std::string_view s) noexcept;  // 2018-07-02T22:23:00.186Z, +01:00
std::optional<std::int64_t> parse_epoch_time(std::string_view s) noexcept;    // 1700000000.123
std::optional<std::int64_t> parse_w3c_time(std::string_view date, std::string_view time) noexcept;

// record_epoch_seconds with memory of the last time it parsed. Consecutive records of a log
// share their time up to the minute (and busy logs up to the second), so a CLF time is
// parsed once per minute and the seconds read from two digits; a time in another syntax is
// parsed once per distinct text. Same answers as record_epoch_seconds (tested against it).
class EpochCache {
 public:
  std::optional<std::int64_t> epoch(const Record& r) noexcept;

 private:
  static constexpr size_t kMaxText = 48;
  std::array<char, kMaxText> time_{};
  std::array<char, kMaxText> date_{};
  size_t time_size_ = kMaxText + 1;  // nothing cached
  size_t date_size_ = 0;
  TimeSyntax syntax_ = TimeSyntax::None;
  std::optional<std::int64_t> value_;  // the cached text's answer
  unsigned cached_seconds_ = 0;        // a cached CLF time's seconds (its minute is value_ minus them)
};

// UTC "YYYY-MM-DDTHH:MM:SSZ" (times before 1970 are written as 1970-01-01T00:00:00Z).
std::string format_utc(std::int64_t epoch_seconds);

}  // namespace statuslint
