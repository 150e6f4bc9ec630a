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
#include "statuslint/text.hpp"

namespace statuslint {

// Seconds since 1970-01-01T00:00:00Z of the record's time; nullopt when it has none or it
// does not parse (or lies outside years 1970..9999).
std::optional<std::int64_t> record_epoch_seconds(const Record& r) noexcept;

// The individual syntaxes, exposed for tests and option parsing.
std::optional<std::int64_t> parse_clf_time(std::string_view s) noexcept;      // 10/Oct/2000:13:55:36 -0700
std::optional<std::int64_t> parse_iso8601_time(std::string_view s) noexcept;  // 2018-07-02T22:23:00.186Z, +01:00
std::optional<std::int64_t> parse_epoch_time(std::string_view s) noexcept;    // 1700000000.123
std::optional<std::int64_t> parse_w3c_time(std::string_view date, std::string_view time) noexcept;
std::optional<std::int64_t> parse_asctime(std::string_view s) noexcept;  // Tue Nov  3 09:14:07 2026
// Epoch time in whole units of 1/per_second s: 1700000000123 with 1000 (milliseconds).
std::optional<std::int64_t> parse_epoch_fraction(std::string_view s, std::int64_t per_second) noexcept;

// record_epoch_seconds with memory of the last time it parsed. Consecutive records of a log
// share their time up to the minute (and busy logs up to the second), so a CLF time is
// parsed once per minute and the seconds read from two digits; a time in another syntax is
// parsed once per distinct text. Same answers as record_epoch_seconds (tested against it).
class EpochCache {
 public:
  std::optional<std::int64_t> epoch(const Record& r) noexcept {
    // Inline, since every record of a busy CLF log comes here: the cached minute's text
    // (20 to 28 bytes; "10/Oct/2000:13:55:36 -0700" is 26) compared as four words a side
    // with the seconds (bytes 18 and 19) masked out, and the seconds read from two digits.
    if (clf_minute_ && r.time_syntax == TimeSyntax::Clf && r.time.size() == time_size_ && r.date.size() == date_size_) {
      const char* a = r.time.data();
      const char* b = time_.data();
      const size_t n = time_size_;
      constexpr std::uint64_t kUpToSeconds = 0x0000ffffffffffffULL;  // bytes 12 to 17 of 12 to 19
      const bool same_minute = ((load_u64(a) ^ load_u64(b)) | (load_u64(a + 8) ^ load_u64(b + 8)) |
                                ((load_u64(a + 12) ^ load_u64(b + 12)) & kUpToSeconds) |
                                ((load_u64(a + n - 8) ^ load_u64(b + n - 8)) & tail_mask_)) == 0;
      const unsigned tens = static_cast<unsigned char>(a[18]) - '0', ones = static_cast<unsigned char>(a[19]) - '0';
      const unsigned seconds = tens * 10 + ones;
      if (same_minute && tens <= 9 && ones <= 9 && seconds <= 60) return minute_ + seconds;
    }
    return epoch_slow(r);
  }

 private:
  std::optional<std::int64_t> epoch_slow(const Record& r) noexcept;

  static constexpr size_t kMaxText = 48;
  std::array<char, kMaxText> time_{};
  std::array<char, kMaxText> date_{};
  // No text's size: nothing is cached. (A text one byte over kMaxText would match
  // kMaxText + 1, and be compared with bytes past the array.)
  static constexpr size_t kNothing = static_cast<size_t>(-1);
  size_t time_size_ = kNothing;
  size_t date_size_ = 0;
  TimeSyntax syntax_ = TimeSyntax::None;
  std::optional<std::int64_t> value_;  // the cached text's answer
  unsigned cached_seconds_ = 0;        // a cached CLF time's seconds (its minute is value_ minus them)
  // The inline path applies: the cached text is an unbracketed CLF time of 20 to 28 bytes
  // with a value, whose minute starts at minute_, and tail_mask_ keeps the bytes of its last
  // word (from byte n - 8) but the seconds.
  bool clf_minute_ = false;
  std::int64_t minute_ = 0;
  std::uint64_t tail_mask_ = 0;
};

// UTC "YYYY-MM-DDTHH:MM:SSZ" (times before 1970 are written as 1970-01-01T00:00:00Z).
std::string format_utc(std::int64_t epoch_seconds);

}  // namespace statuslint
