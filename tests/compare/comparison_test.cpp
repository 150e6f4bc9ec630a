// The verdicts of compare_summaries on summaries built by hand: the cases the statistics must
// get right whatever the traffic (a change of mix, low traffic, a wider tail, clustering).
#include "statuslint/compare/comparison.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "statuslint/collect/latency.hpp"
#include "statuslint/collect/routes.hpp"
#include "statuslint/collect/trends.hpp"

namespace statuslint {
namespace {

// A side: per route, requests and 5xx among them (the rest 200).
struct RouteTraffic {
  std::string name;
  std::uint64_t requests, errors;
};

ScanSummary side(const std::vector<RouteTraffic>& routes) {
  ScanSummary s;
  Routes& table = s.states.get<RoutesCollector>();
  table.collected = true;
  table.table = std::make_unique<Routes::Table>();
  for (const RouteTraffic& r : routes) {
    RouteStats& stats = (*table.table)[r.name];
    stats.count = r.requests;
    stats.classes[static_cast<size_t>(StatusClass::ServerError)] = r.errors;
    stats.classes[static_cast<size_t>(StatusClass::Success)] = r.requests - r.errors;
    for (std::uint64_t i = 0; i < r.requests; ++i) {
      s.total.by_code.add(i < r.errors ? 500 : 200);
      ++s.total.records;
      ++s.total.lines;
    }
  }
  return s;
}

const MetricComparison& find(const CompareResult& r, std::string_view metric, std::string_view scope) {
  for (const MetricComparison& c : r.comparisons) {
    if (c.metric == metric && c.scope == scope) return c;
  }
  ADD_FAILURE() << "no comparison " << metric << " of " << scope;
  static const MetricComparison none;
  return none;
}

TEST(Compare, AChangeOfTrafficMixIsNotARegression) {
  // Simpson's paradox: each route fails exactly as often as before, but the candidate sends
  // more of its traffic to the route that always failed more. The crude 5xx share doubles.
  const ScanSummary base = side({{"/cheap", 9000, 90}, {"/search", 1000, 100}});
  const ScanSummary cand = side({{"/cheap", 5000, 50}, {"/search", 5000, 500}});
  const CompareResult r = compare_summaries(base, cand, CompareOptions{});
  const MetricComparison& all = find(r, "5xx share", "all");
  EXPECT_NEAR(all.baseline, 0.019, 1e-9);
  EXPECT_NEAR(all.candidate, 0.055, 1e-9);
  EXPECT_EQ(all.test, "Mantel-Haenszel, stratified by route");
  EXPECT_NEAR(all.effect, 0.0, 1e-9);  // the stratified difference
  EXPECT_NE(all.verdict, CompareVerdict::Fail);
  EXPECT_NE(r.verdict, CompareVerdict::Fail);
}

TEST(Compare, TheSameRiseWithinARouteFails) {
  const ScanSummary base = side({{"/cheap", 9000, 90}, {"/search", 1000, 100}});
  const ScanSummary cand = side({{"/cheap", 9000, 90}, {"/search", 1000, 250}});
  const CompareResult r = compare_summaries(base, cand, CompareOptions{});
  EXPECT_EQ(find(r, "5xx share", "all").verdict, CompareVerdict::Fail);
  EXPECT_EQ(find(r, "5xx share", "/search").verdict, CompareVerdict::Fail);
  EXPECT_NE(find(r, "5xx share", "/cheap").verdict, CompareVerdict::Fail);
  EXPECT_EQ(r.verdict, CompareVerdict::Fail);
}

TEST(Compare, OneErrorInSixtyRequestsIsNeverAFailure) {
  const ScanSummary base = side({{"/", 60, 0}});
  const ScanSummary cand = side({{"/", 60, 1}});
  const CompareResult r = compare_summaries(base, cand, CompareOptions{});
  const MetricComparison& all = find(r, "5xx share", "all");
  EXPECT_EQ(all.verdict, CompareVerdict::Inconclusive);
  EXPECT_TRUE(all.prefiltered);  // Fisher's smallest p-value with one event is 0.5
  EXPECT_EQ(r.verdict, CompareVerdict::Inconclusive);
}

TEST(Compare, LowTrafficIsInconclusiveNeverFailed) {
  // Every request failing, but five of them: --min-requests (20) says it cannot be judged.
  const ScanSummary base = side({{"/", 5, 0}});
  const ScanSummary cand = side({{"/", 5, 5}});
  const CompareResult r = compare_summaries(base, cand, CompareOptions{});
  const MetricComparison& all = find(r, "5xx share", "all");
  EXPECT_EQ(all.verdict, CompareVerdict::Inconclusive);
  EXPECT_NE(all.why.find("too few requests"), std::string::npos) << all.why;
}

TEST(Compare, EnoughTrafficWithNoChangePasses) {
  const ScanSummary base = side({{"/a", 50000, 50}, {"/b", 50000, 40}});
  const ScanSummary cand = side({{"/a", 50000, 48}, {"/b", 50000, 41}});
  const CompareResult r = compare_summaries(base, cand, CompareOptions{});
  const MetricComparison& all = find(r, "5xx share", "all");
  EXPECT_EQ(all.verdict, CompareVerdict::Pass);
  // The minimum detectable rise d solves d = (z_0.95 + z_0.8) sd(d), the candidate at p1 + d.
  ASSERT_TRUE(all.mde.has_value());
  const double p1 = 90.0 / 100000, d = *all.mde, zsum = 1.6448536269514722 + 0.8416212335729143;
  EXPECT_NEAR(d, zsum * std::sqrt(p1 * (1 - p1) / 1e5 + (p1 + d) * (1 - p1 - d) / 1e5), 1e-12);
  EXPECT_GT(d, 0.0003);
  EXPECT_LT(d, 0.0004);
}

TEST(Compare, ErrorsThatClusterInTimeWidenTheTest) {
  // The same totals; in the candidate its extra errors all fall in two minutes.
  ScanSummary base = side({{"/", 20000, 20}});
  ScanSummary cand = side({{"/", 20000, 45}});
  const CompareResult even = compare_summaries(base, cand, CompareOptions{});
  Trends& trends = cand.states.get<TrendsCollector>();
  for (int minute = 0; minute < 40; ++minute) {
    TimeBucket& b = trends.at(1700000000 + 60 * minute);
    const std::uint64_t errors = minute == 7 || minute == 8 ? 15 : (minute < 15 ? 1 : 0);
    b.classes[static_cast<size_t>(StatusClass::ServerError)] = errors;
    b.classes[static_cast<size_t>(StatusClass::Success)] = 500 - errors;
  }
  Trends& flat = base.states.get<TrendsCollector>();
  for (int minute = 0; minute < 40; ++minute) {
    TimeBucket& b = flat.at(1700000000 + 60 * minute);
    b.classes[static_cast<size_t>(StatusClass::ServerError)] = minute % 2 == 0 ? 1 : 0;
    b.classes[static_cast<size_t>(StatusClass::Success)] =
        500 - b.classes[static_cast<size_t>(StatusClass::ServerError)];
  }
  const CompareResult clustered = compare_summaries(base, cand, CompareOptions{});
  const MetricComparison& e = find(even, "5xx share", "all");
  const MetricComparison& c = find(clustered, "5xx share", "all");
  EXPECT_EQ(e.dispersion, 1.0);
  EXPECT_GT(c.dispersion, 2.0);
  EXPECT_GT(*c.p_value, *e.p_value * 10);
}

// Latency: the same median, a candidate whose slowest 5% got three times slower. Mann-Whitney
// barely moves; the p99's quantile test catches it.
TEST(Compare, AWiderTailFailsThePercentileNotTheWholeDistribution) {
  ScanSummary base = side({{"/", 20000, 0}});
  ScanSummary cand = side({{"/", 20000, 0}});
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> ms(std::log(50.0), 0.4);
  LatencyStats& b = base.states.get<LatencyCollector>().at(200);
  LatencyStats& c = cand.states.get<LatencyCollector>().at(200);
  base.states.get<LatencyCollector>().collected = cand.states.get<LatencyCollector>().collected = true;
  for (int i = 0; i < 20000; ++i) {
    b.time.add(static_cast<std::uint64_t>(ms(rng) * 1000));
    const double v = ms(rng);
    c.time.add(static_cast<std::uint64_t>((v > 50 * std::exp(0.4 * 1.645) ? v * 3 : v) * 1000));
  }
  const CompareResult r = compare_summaries(base, cand, CompareOptions{});
  EXPECT_EQ(find(r, "p99", "all").verdict, CompareVerdict::Fail);
  EXPECT_NE(find(r, "latency distribution", "all").verdict, CompareVerdict::Fail);
  EXPECT_NE(find(r, "p50", "all").verdict, CompareVerdict::Fail);
}

TEST(Compare, NewAndVanishedRoutesAreListedNotJudged) {
  const ScanSummary base = side({{"/a", 1000, 0}, {"/old", 300, 0}});
  const ScanSummary cand = side({{"/a", 1000, 0}, {"/new", 300, 0}});
  const CompareResult r = compare_summaries(base, cand, CompareOptions{});
  EXPECT_EQ(find(r, "requests", "/new").why, "new route");
  EXPECT_EQ(find(r, "requests", "/old").why, "vanished");
  EXPECT_EQ(find(r, "requests", "/new").verdict, CompareVerdict::Info);
}

TEST(Compare, ASideWithoutRoutesMakesNoRouteNew) {
  // A baseline partial written without --latency or --top has no routes: the candidate's
  // routes are not "new", nothing is compared per route, and a note says so.
  ScanSummary base = side({{"/a", 1000, 0}});
  base.states.get<RoutesCollector>() = Routes();
  const ScanSummary cand = side({{"/a", 1000, 0}, {"/b", 500, 0}});
  const CompareResult r = compare_summaries(base, cand, CompareOptions{});
  for (const MetricComparison& c : r.comparisons) EXPECT_NE(c.scope_kind, "route") << c.scope;
  ASSERT_FALSE(r.notes.empty());
  EXPECT_NE(r.notes.front().find("no routes"), std::string::npos);
}

}  // namespace
}  // namespace statuslint
