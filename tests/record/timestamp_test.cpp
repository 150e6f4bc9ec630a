// Timestamps: every log time syntax to UTC seconds, and the cache that skips re-parsing a time
// whose minute did not change (it must answer exactly as a fresh parse).
#include "statuslint/record/timestamp.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace statuslint {
namespace {

TEST(Timestamp, EverySyntaxToUtc) {
  EXPECT_EQ(parse_clf_time("10/Oct/2000:13:55:36 -0700"), 971211336);
  EXPECT_EQ(parse_clf_time("[10/Oct/2000:20:55:36 +0000]"), 971211336);
  // HAProxy: milliseconds and no zone (read as UTC).
  EXPECT_EQ(parse_clf_time("10/Oct/2000:20:55:36.655"), 971211336);
  EXPECT_EQ(parse_iso8601_time("2000-10-10T20:55:36Z"), 971211336);
  EXPECT_EQ(parse_iso8601_time("2000-10-10T22:55:36.186641+02:00"), 971211336);
  EXPECT_EQ(parse_iso8601_time("2000-10-10T20:55:36.000000000Z"), 971211336);
  EXPECT_EQ(parse_epoch_time("971211336.123"), 971211336);
  EXPECT_EQ(parse_w3c_time("2000-10-10", "20:55:36"), 971211336);
  EXPECT_EQ(format_utc(971211336), "2000-10-10T20:55:36Z");
  EXPECT_EQ(parse_iso8601_time("2024-02-29T00:00:00Z"), 1709164800) << "leap day";
}

TEST(Timestamp, OutOfRangeAndGarbage) {
  for (const char* s : {"", "yesterday", "99/Oct/2000:13:55:36 -0700", "10/Foo/2000:13:55:36 -0700",
                        "10/Oct/2000:25:55:36 -0700", "10/Oct/2000:13:55:36 +9999", "0000-01-01T00:00:00Z"}) {
    EXPECT_FALSE(parse_clf_time(s)) << s;
    EXPECT_FALSE(parse_iso8601_time(s)) << s;
  }
  EXPECT_FALSE(parse_iso8601_time("1969-12-31T23:59:59Z")) << "before 1970 is no log time";
  EXPECT_FALSE(parse_epoch_time("99999999999999999999"));
  EXPECT_FALSE(parse_epoch_time("-5"));
  EXPECT_FALSE(parse_epoch_time("1e308"));
}

// The cache must answer exactly as a fresh parse for every sequence of times: same minute,
// next minute, invalid seconds, a changed zone, a bracketed time, other syntaxes, and a
// W3C time whose date changes while the time text stays.
TEST(EpochCache, AgreesWithAFreshParseOverASequence) {
  struct T {
    std::string_view time, date;
    TimeSyntax syntax;
  };
  const std::vector<T> times = {
      {"10/Oct/2000:13:55:36 -0700", "", TimeSyntax::Clf},
      {"10/Oct/2000:13:55:37 -0700", "", TimeSyntax::Clf},
      {"10/Oct/2000:13:55:59 -0700", "", TimeSyntax::Clf},
      {"10/Oct/2000:13:55:60 -0700", "", TimeSyntax::Clf},  // a leap second reads as :60
      {"10/Oct/2000:13:55:61 -0700", "", TimeSyntax::Clf},  // invalid
      {"10/Oct/2000:13:55:3x -0700", "", TimeSyntax::Clf},  // invalid
      {"10/Oct/2000:13:55:36 +0000", "", TimeSyntax::Clf},  // another zone
      {"10/Oct/2000:13:56:00 +0000", "", TimeSyntax::Clf},
      {"[10/Oct/2000:13:56:01 +0000]", "", TimeSyntax::Clf},
      {"[10/Oct/2000:13:56:02 +0000]", "", TimeSyntax::Clf},
      {"10/Oct/2000:13:56:02.655", "", TimeSyntax::Clf},
      {"10/Oct/2000:13:56:03.655", "", TimeSyntax::Clf},
      {"1x/Oct/2000:13:56:03 +0000", "", TimeSyntax::Clf},
      {"1x/Oct/2000:13:56:04 +0000", "", TimeSyntax::Clf},
      {"2018-07-02T22:23:00Z", "", TimeSyntax::Iso8601},
      {"2018-07-02T22:23:00Z", "", TimeSyntax::Iso8601},
      {"2018-07-02T22:23:01Z", "", TimeSyntax::Iso8601},
      {"13:55:36", "2000-10-10", TimeSyntax::W3c},
      {"13:55:36", "2000-10-11", TimeSyntax::W3c},
      {"13:55:36", "2000-10-11", TimeSyntax::W3c},
      {"1700000000.123", "", TimeSyntax::EpochSeconds},
      {"10/Oct/2000:13:55:36 -0700", "", TimeSyntax::Clf},
      {"10/Oct/2000:13:55:36 -0700", "", TimeSyntax::Custom},
      {"", "", TimeSyntax::None},
  };
  EpochCache cache;
  for (const T& t : times) {
    Record r;
    r.time = t.time;
    r.date = t.date;
    r.time_syntax = t.syntax;
    EXPECT_EQ(cache.epoch(r), record_epoch_seconds(r)) << t.time << " " << t.date;
  }
}

// A time too long to cache (over 48 bytes) left the cache marked with the size 49, so a
// 49-byte time came to be compared with the cached bytes and one past them (the first of the
// cached date), and could be answered with the long time's value.
TEST(EpochCache, ATimeOneByteOverTheCacheIsParsed) {
  const std::string cached = "2018-07-02T22:23:00." + std::string(28, '1');  // 48 bytes
  const std::string too_long = "2019-01-01T00:00:00." + std::string(40, '1');
  const std::string next = cached + "2";  // 49 bytes: its last byte is the cached date's first
  ASSERT_EQ(cached.size(), 48u);
  EpochCache cache;
  const auto epoch = [&cache](std::string_view time, std::string_view date, TimeSyntax syntax) {
    Record r;
    r.time = time;
    r.date = date;
    r.time_syntax = syntax;
    EXPECT_EQ(cache.epoch(r), record_epoch_seconds(r)) << time;
  };
  epoch("13:55:36", "2000-10-10", TimeSyntax::W3c);
  epoch(cached, "", TimeSyntax::Iso8601);
  epoch(too_long, "", TimeSyntax::Iso8601);
  epoch(next, "", TimeSyntax::Iso8601);
}

// The same-minute shortcut compares a CLF time as a few word loads with the seconds masked
// out: after each time of every length it reads (20 to 30 bytes), a time differing from it in
// any one byte must be answered as a fresh parse answers it.
TEST(EpochCache, AnyOneChangedByteOfAClfTimeIsSeen) {
  const std::vector<std::string> bases = {
      "10/Oct/2000:13:55:36",         "10/Oct/2000:13:55:36Z",         "10/Oct/2000:13:55:36.1",
      "10/Oct/2000:13:55:36.655",     "10/Oct/2000:13:55:36 -0700",    "10/Oct/2000:13:55:36 +05:30",
      "10/Oct/2000:13:55:36.1 -0700", "10/Oct/2000:13:55:36.12 -0700", "10/Oct/2000:13:55:36.123 -0700",
  };
  const auto answer = [](EpochCache& cache, const std::string& time) {
    Record r;
    r.time = time;
    r.time_syntax = TimeSyntax::Clf;
    return std::pair{cache.epoch(r), record_epoch_seconds(r)};
  };
  size_t parsed = 0;
  for (const std::string& base : bases) {
    for (size_t i = 0; i < base.size(); ++i) {
      for (const char c : {'0', '1', '5', '9', '+', 'x'}) {
        if (base[i] == c) continue;
        std::string changed = base;
        changed[i] = c;
        EpochCache cache;
        const auto [first, first_fresh] = answer(cache, base);
        ASSERT_EQ(first, first_fresh) << base;
        const auto [got, fresh] = answer(cache, changed);
        EXPECT_EQ(got, fresh) << base << " then " << changed;
        parsed += fresh.has_value() ? 1 : 0;
      }
    }
  }
  EXPECT_GT(parsed, 100u) << "most changed times must still parse, or the test shows little";
}

}  // namespace
}  // namespace statuslint
