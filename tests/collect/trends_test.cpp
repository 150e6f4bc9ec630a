// Trends: per-bucket counts, merged across chunks and coarsened as an input's span grows.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "statuslint/collect/summary.hpp"
#include "statuslint/collect/trends.hpp"
#include "statuslint/report/html_report.hpp"
#include "statuslint/report/summary_report.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

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
  EXPECT_EQ(s.states.get<TrendsCollector>().buckets.begin()->second.classes[static_cast<size_t>(StatusClass::Success)],
            1u);
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

// With --latency, each bucket holds its records' request times: a distribution, so that
// coarsening merges values and the hour's p99 is the p99 of its minutes' values, not a mean of
// their p99s. A minute without a time shows as missing, never 0, and breaks the HTML chart's
// lines instead of drawing a slope through it.
TEST(Trends, BucketsHoldRequestTimes) {
  std::string log;
  // 10:00: 1..99 ms; 10:01: no time ("-"); 10:02: 1000 ms once.
  for (int i = 1; i <= 99; ++i) {
    log += "1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\" 0." +
           std::string(i < 10 ? "00" : "0") + std::to_string(i) + "\n";
  }
  log += "1.2.3.4 - - [21/Nov/2026:10:01:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\" -\n";
  log += "1.2.3.4 - - [21/Nov/2026:10:02:00 +0000] \"GET / HTTP/1.1\" 503 1 \"-\" \"-\" 1.000\n";
  ScanOptions o;
  o.format = InputFormat::from_spec(
      "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" "
      "\"$http_user_agent\" $request_time",
      {});
  o.collect.trends = true;
  o.collect.latency = true;
  for (const size_t chunk : {size_t{64}, size_t{1} << 20}) {
    o.chunk_bytes = chunk;
    o.threads = chunk == 64 ? 2 : 1;
    Scanner scanner(o);
    auto src = open_memory(log);
    const InputSummary in = scanner.scan(*src, "t");
    const Trends& t = in.states.get<TrendsCollector>();
    ASSERT_TRUE(t.latency);
    ASSERT_EQ(t.buckets.size(), 3u) << chunk;
    const TimeBucket& first = t.buckets.begin()->second;
    EXPECT_EQ(first.time.count(), 99u);
    EXPECT_EQ(first.time.quantile(0.5), 50000u) << "50 ms, in microseconds";
    EXPECT_EQ(first.time.quantile(0.99), 99000u) << "nearest rank: the 99th of 99";
    const TimeBucket& gap = std::next(t.buckets.begin())->second;
    EXPECT_EQ(gap.time.count(), 0u);
    EXPECT_EQ(gap.time_missing, 1u);
    const Trends hourly = t.coarsened(kHour);
    ASSERT_EQ(hourly.buckets.size(), 1u);
    EXPECT_EQ(hourly.buckets.begin()->second.time.count(), 100u);
    EXPECT_EQ(hourly.buckets.begin()->second.time.quantile(1.0), 1000000u);
    EXPECT_EQ(hourly.buckets.begin()->second.time.quantile(0.99), 99000u) << "the 99th of 100 values";

    ScanSummary summary;
    summary.show_trends = true;
    summary.add(InputSummary(in));
    std::string json, html, text;
    write_summary_json(json, summary);
    write_summary_text(text, summary);
    write_summary_html(html, summary);
    EXPECT_NE(text.find("P50 MS  P95 MS  P99 MS"), std::string::npos) << text;
    EXPECT_NE(json.find("\"latency\": {\n          \"count\": 0,\n          \"missing\": 1,\n          \"p50\": null,"),
              std::string::npos)
        << json;
    const size_t chart = html.find("<h3>Latency over time (ms)</h3>");
    ASSERT_NE(chart, std::string::npos);
    // Three buckets, the middle one untimed: each line is two moves ("M"), never a line to it.
    const size_t path = html.find("d=\"M", chart);
    ASSERT_NE(path, std::string::npos);
    const std::string d = html.substr(path + 3, html.find('"', path + 3) - path - 3);
    EXPECT_EQ(std::count(d.begin(), d.end(), 'M'), 2) << d;
    EXPECT_EQ(std::count(d.begin(), d.end(), 'L'), 0) << d;
  }
}

}  // namespace
}  // namespace statuslint
