// The fast paths of the numbers a latency scan reads on every record, against exact ones:
// byte counts (4 to 8 digits read at once) against a digit loop, and request times ("%T.%03M"
// read without a loop) against the general path, on every length and on bytes that are not
// digits in every position.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "statuslint/record/duration.hpp"
#include "statuslint/record/record.hpp"

namespace statuslint {
namespace {

std::int64_t byte_count_oracle(const std::string& s) {
  if (s == "-") return 0;
  if (s.empty() || s.size() > 18) return -1;
  std::int64_t n = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

TEST(NumberFields, ByteCountsMatchADigitLoop) {
  std::mt19937 rng(5);
  const std::string alphabet = "0123456789-+ .x/:\x7f\xff";
  for (size_t len = 0; len <= 19; ++len) {
    for (int round = 0; round < 3000; ++round) {
      std::string s;
      for (size_t i = 0; i < len; ++i) {
        // Mostly digits, so that a single bad byte is tried in every position.
        s += rng() % 8 != 0 ? static_cast<char>('0' + rng() % 10) : alphabet[rng() % alphabet.size()];
      }
      // The field sits inside a longer line: the bytes around it must not be read as digits.
      const std::string line = "99" + s + "99";
      EXPECT_EQ(parse_byte_count(std::string_view(line).substr(2, len)), byte_count_oracle(s)) << '"' << s << '"';
    }
  }
  EXPECT_EQ(parse_byte_count("00000000"), 0);
  EXPECT_EQ(parse_byte_count("99999999"), 99999999);
  EXPECT_EQ(parse_byte_count("1234"), 1234);
  EXPECT_EQ(parse_byte_count("12a4"), -1);
  EXPECT_EQ(parse_byte_count("1234567/"), -1);
  EXPECT_EQ(parse_byte_count("/1234567"), -1);
}

TEST(NumberFields, RequestTimesMatchTheGeneralPath) {
  // A trailing space sends the same value through the general path (which trims it).
  std::mt19937 rng(7);
  const std::string alphabet = "0123456789.,:- x";
  for (const DurationUnit unit : {DurationUnit::Seconds, DurationUnit::Milliseconds, DurationUnit::Microseconds,
                                  DurationUnit::Nanoseconds, DurationUnit::None}) {
    for (size_t len = 1; len <= 17; ++len) {
      for (int round = 0; round < 2000; ++round) {
        std::string s;
        for (size_t i = 0; i < len; ++i) {
          s += rng() % 6 != 0 ? static_cast<char>('0' + rng() % 10) : alphabet[rng() % alphabet.size()];
        }
        if (rng() % 2 == 0 && len >= 5) s[len - 4] = '.';  // the "%T.%03M" shape, half the time
        EXPECT_EQ(duration_micros(s, unit), duration_micros(s + " ", unit)) << '"' << s << '"';
        Record r;
        r.request_time = s;
        r.request_time_unit = unit;
        EXPECT_EQ(request_micros(r), duration_micros(s + " ", unit)) << "inline: \"" << s << '"';
      }
    }
  }
  EXPECT_EQ(duration_micros("0.039", DurationUnit::Seconds), 39000);
  EXPECT_EQ(duration_micros("12.345", DurationUnit::Seconds), 12345000);
  EXPECT_EQ(duration_micros("12.345", DurationUnit::Milliseconds), 12345);
  EXPECT_EQ(duration_micros("1-2.345", DurationUnit::Seconds), kNoDuration);
}

}  // namespace
}  // namespace statuslint
