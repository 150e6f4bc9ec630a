#include <gtest/gtest.h>

#include <cstdio>

#include "statuslint/collect/heavy_hitters.hpp"
#include "statuslint/collect/trends.hpp"
#include "statuslint/record/timestamp.hpp"
#include "statuslint/scan/scanner.hpp"

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

TEST(Trends, BucketsMergeAndCoarsen) {
  Trends a, b;
  a.at(90).classes[2] += 1;  // 00:01
  a.at(3600 + 5).classes[5] += 2;
  b.at(95).classes[2] += 3;
  b.undated = 4;
  a.merge(b);
  EXPECT_EQ(a.buckets.size(), 2u);
  EXPECT_EQ(a.buckets.at(60).classes[2], 4u);
  EXPECT_EQ(a.undated, 4u);
  const Trends hourly = a.coarsened(kHour);
  EXPECT_EQ(hourly.buckets.at(0).records(), 4u);
  EXPECT_EQ(hourly.buckets.at(3600).records(), 2u);
  EXPECT_EQ(a.auto_bucket_seconds(), kMinute);
  Trends wide;
  wide.at(0);
  wide.at(10 * kDay);
  EXPECT_EQ(wide.auto_bucket_seconds(), kDay);
}

TEST(Trends, ScannerFiltersAndCountsEveryLine) {
  std::string log;
  for (int m = 0; m < 10; ++m) {
    log += "1.2.3.4 - - [21/Nov/2026:10:0" + std::to_string(m) + ":00 +0000] \"GET / HTTP/1.1\" " +
           (m % 2 ? "500" : "200") + " 1 \"-\" \"-\"\n";
  }
  log += "1.2.3.4 - - [not a time] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n";
  ScanOptions o;
  o.format.text = LogFormat::preset("combined");
  o.collect.trends = true;
  o.collect.since = parse_iso8601_time("2026-11-21T10:02:00Z");
  o.collect.until = parse_iso8601_time("2026-11-21T10:08:00Z");
  o.threads = 2;
  o.chunk_bytes = 64;
  Scanner scanner(o);
  auto src = open_memory(log);
  const InputSummary s = scanner.scan(*src, "t");
  EXPECT_EQ(s.counts.lines, 11u);
  EXPECT_EQ(s.counts.filtered, 4u) << "10:00, 10:01, 10:08, 10:09";
  EXPECT_EQ(s.counts.records, 7u) << "six in range and one without a readable time";
  EXPECT_TRUE(s.counts.balanced());
  EXPECT_EQ(s.states.get<TrendsCollector>().buckets.size(), 6u);
  EXPECT_EQ(s.states.get<TrendsCollector>().undated, 1u);
  EXPECT_EQ(s.states.get<TrendsCollector>().buckets.begin()->second.classes[static_cast<size_t>(StatusClass::Success)], 1u);
}

// With the "auto" bucket, an input's trends are held at the granularity its span calls for,
// however short each chunk's span: 40 days of one line a minute, in chunks of an hour or
// less, are held in days (57,600 minutes before), and the counts stay whole.
TEST(Trends, AutoBucketsStayCoarseAcrossChunks) {
  std::string log;
  const char* const months[] = {"Nov", "Dec"};
  for (int i = 0; i < 40 * 24 * 60; i += 7) {  // a line every 7 minutes
    const int day = i / 1440, minute = i % 1440;
    const int month = day < 30 ? 0 : 1, mday = day < 30 ? day + 1 : day - 29;
    char line[128];
    std::snprintf(line, sizeof line,
                  "1.2.3.4 - - [%02d/%s/2026:%02d:%02d:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n", mday,
                  months[month], minute / 60, minute % 60);
    log += line;
  }
  for (const unsigned threads : {1u, 2u}) {
    ScanOptions o;
    o.format.text = LogFormat::preset("combined");
    o.collect.trends = true;
    o.collect.adaptive_buckets = true;
    o.threads = threads;
    o.chunk_bytes = 4096;  // about 50 lines: under six hours each
    Scanner scanner(o);
    auto src = open_memory(log);
    const InputSummary s = scanner.scan(*src, "t");
    EXPECT_EQ(s.states.get<TrendsCollector>().bucket_seconds, kDay) << threads;
    EXPECT_EQ(s.states.get<TrendsCollector>().buckets.size(), 40u) << threads;
    std::uint64_t records = 0;
    for (const auto& [start, b] : s.states.get<TrendsCollector>().buckets) records += b.records();
    EXPECT_EQ(records, s.counts.records) << threads;
    EXPECT_EQ(s.counts.records, (40u * 24 * 60 + 6) / 7) << threads;
  }
}

TEST(SpaceSaving, ExactUntilFullThenGuaranteesHeavyHitters) {
  SpaceSaving s(4);
  for (int i = 0; i < 10; ++i) s.add("a");
  for (int i = 0; i < 5; ++i) s.add("b");
  s.add("c");
  EXPECT_FALSE(s.approximate());
  EXPECT_EQ(s.top(1)[0].key, "a");
  EXPECT_EQ(s.top(1)[0].count, 10u);
  // A stream of distinct keys: the true heavy hitters (more than total/capacity) stay.
  for (int i = 0; i < 100; ++i) {
    s.add("noise" + std::to_string(i));
    s.add("a");
  }
  EXPECT_TRUE(s.approximate());
  const auto top = s.top(1);
  EXPECT_EQ(top[0].key, "a");
  EXPECT_GE(top[0].count, 110u);
  EXPECT_LE(top[0].count - top[0].error, 110u) << "count - error is a lower bound";
}

TEST(SpaceSaving, MergeAddsAndKeepsTheLargest) {
  SpaceSaving a(3), b(3);
  a.add("x", 5);
  a.add("y", 2);
  b.add("x", 1);
  b.add("z", 7);
  b.add("w", 1);
  a.merge(b);
  const auto top = a.top(3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].key, "z");
  EXPECT_EQ(top[1].key, "x");
  EXPECT_EQ(top[1].count, 6u);
  EXPECT_EQ(a.total(), 16u);
  EXPECT_TRUE(a.approximate()) << "a key was dropped to keep three";
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
