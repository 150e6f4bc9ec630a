// The latency distribution against a sort-based exact oracle: exact while the values are few,
// within 0.55% past the bound (log-normal, bimodal, all-equal, one value, wide ranges), and
// merges that give the same state in every order and grouping.
#include "statuslint/collect/distribution.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace statuslint {
namespace {

constexpr double kQuantiles[] = {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0};

// Nearest rank over the sorted values: the oracle.
std::uint64_t oracle(std::vector<std::uint64_t> v, double q) {
  std::sort(v.begin(), v.end());
  auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  rank = std::clamp<size_t>(rank, 1, v.size());
  return v[rank - 1];
}

Distribution of(const std::vector<std::uint64_t>& v) {
  Distribution d;
  for (std::uint64_t x : v) d.add(x);
  return d;
}

void expect_matches_oracle(const std::vector<std::uint64_t>& values, const char* what) {
  const Distribution d = of(values);
  ASSERT_EQ(d.count(), values.size()) << what;
  std::uint64_t sum = 0;
  for (std::uint64_t x : values) sum += x;
  EXPECT_EQ(d.sum(), sum) << what;
  EXPECT_EQ(d.min(), *std::min_element(values.begin(), values.end())) << what;
  EXPECT_EQ(d.max(), *std::max_element(values.begin(), values.end())) << what;
  for (double q : kQuantiles) {
    const double want = static_cast<double>(oracle(values, q));
    const double got = static_cast<double>(d.quantile(q));
    if (d.exact()) {
      EXPECT_EQ(got, want) << what << " q=" << q;
    } else {
      // 0.55% of the value, and one tick for rounding to an integer.
      EXPECT_LE(std::abs(got - want), want * 0.0055 + 1) << what << " q=" << q;
    }
  }
}

std::vector<std::uint64_t> lognormal(size_t n, double mu, double sigma, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> dist(mu, sigma);
  std::vector<std::uint64_t> v(n);
  for (auto& x : v) x = static_cast<std::uint64_t>(dist(rng));
  return v;
}

TEST(Distribution, ExactBelowTheBoundOfDistinctValues) {
  std::vector<std::uint64_t> v;
  for (int i = 0; i < 20000; ++i) v.push_back(static_cast<std::uint64_t>((i * 7919) % 2048) * 1000);  // ms ticks
  const Distribution d = of(v);
  EXPECT_TRUE(d.exact()) << "2,048 distinct values stay exact";
  expect_matches_oracle(v, "2048 distinct");
  v.push_back(123456789);
  EXPECT_FALSE(of(v).exact()) << "one more distinct value folds";
}

TEST(Distribution, WithinHalfAPercentPastTheBound) {
  expect_matches_oracle(lognormal(100000, std::log(20000.0), 1.0, 1), "log-normal around 20 ms");
  expect_matches_oracle(lognormal(50000, std::log(3e6), 2.5, 2), "log-normal, wide");
  std::vector<std::uint64_t> bimodal = lognormal(40000, std::log(800.0), 0.3, 3);
  for (std::uint64_t x : lognormal(10000, std::log(2.5e6), 0.2, 4)) bimodal.push_back(x);
  expect_matches_oracle(bimodal, "bimodal: cache hits and a slow backend");
  std::vector<std::uint64_t> wide;
  for (std::uint64_t x = 0; x < 5000; ++x) wide.push_back(x * x * x);
  wide.push_back(0);
  wide.push_back(1);
  expect_matches_oracle(wide, "0 and 1 and values up to 10^11");
  EXPECT_FALSE(of(wide).exact());
}

TEST(Distribution, AllEqualAndOneValueAndEmpty) {
  expect_matches_oracle(std::vector<std::uint64_t>(1000, 4200), "all equal");
  expect_matches_oracle({7}, "one value");
  expect_matches_oracle({0}, "zero");
  const Distribution empty;
  EXPECT_EQ(empty.quantile(0.99), 0u);
  EXPECT_EQ(empty.count(), 0u);
  EXPECT_TRUE(empty.exact());
}

TEST(Distribution, MergesAreTheSameInEveryOrderAndGrouping) {
  for (size_t n : {size_t{500}, size_t{30000}}) {  // exact, and folded
    const std::vector<std::uint64_t> values = lognormal(n, std::log(50000.0), 1.2, 9);
    const Distribution whole = of(values);
    for (size_t parts : {size_t{2}, size_t{7}, size_t{64}}) {
      std::vector<Distribution> pieces(parts);
      for (size_t i = 0; i < values.size(); ++i) pieces[(i * 31) % parts].add(values[i]);
      Distribution forward, backward, tree;
      for (const Distribution& p : pieces) forward.merge(p);
      for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) backward.merge(*it);
      std::vector<Distribution> level = pieces;
      while (level.size() > 1) {
        std::vector<Distribution> next;
        for (size_t i = 0; i + 1 < level.size(); i += 2) {
          next.push_back(level[i]);
          next.back().merge(level[i + 1]);
        }
        if (level.size() % 2 == 1) next.push_back(level.back());
        level = std::move(next);
      }
      tree = level[0];
      EXPECT_TRUE(forward == whole) << n << " values in " << parts;
      EXPECT_TRUE(backward == whole) << n << " values in " << parts;
      EXPECT_TRUE(tree == whole) << n << " values in " << parts;
    }
  }
}

TEST(Distribution, RebuildsFromItsPartsAndRefusesPartsThatDoNotAddUp) {
  for (size_t n : {size_t{100}, size_t{10000}}) {
    const Distribution d = of(lognormal(n, std::log(9000.0), 1.5, 5));
    Distribution back;
    ASSERT_TRUE(Distribution::from_parts(d.exact(), d.entries(), d.count(), d.sum(), d.min(), d.max(), back));
    EXPECT_TRUE(back == d);
    EXPECT_FALSE(Distribution::from_parts(d.exact(), d.entries(), d.count() + 1, d.sum(), d.min(), d.max(), back));
  }
  Distribution scratch;
  EXPECT_FALSE(Distribution::from_parts(false, {{Distribution::kBuckets, 1}}, 1, 5, 5, 5, scratch))
      << "a bucket past the last";
}

// A trend bucket's distribution folds at 256 distinct values (kBucketExactValues), in any
// merge order, and keeps its bound through a partial's round trip; quantiles() answers what
// quantile() does, from one sort.
TEST(Distribution, ABucketsBoundFoldsAt256InAnyOrder) {
  Distribution small(Distribution::kBucketExactValues), a(Distribution::kBucketExactValues),
      b(Distribution::kBucketExactValues);
  for (std::uint64_t v = 1; v <= 256; ++v) small.add(v * 1000);
  EXPECT_TRUE(small.exact());
  small.add(257000);
  EXPECT_FALSE(small.exact()) << "257 distinct values";
  for (std::uint64_t v = 1; v <= 257; ++v) (v % 2 ? a : b).add(v * 1000);
  Distribution ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  EXPECT_EQ(ab, small);
  EXPECT_EQ(ba, small);
  Distribution back(Distribution::kBucketExactValues);
  ASSERT_TRUE(Distribution::from_parts(a.exact(), a.entries(), a.count(), a.sum(), a.min(), a.max(), back));
  back.merge(b);
  EXPECT_EQ(back, small) << "the rebuilt part keeps the bucket's bound";
  const double qs[] = {0.5, 0.9, 0.99};
  const std::vector<std::uint64_t> all = small.quantiles(qs);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(all[i], small.quantile(qs[i]));
}

// Whole milliseconds move into a dense table once a distribution has seen 8,192 values: only
// the layout changes. A state with it equals one built without it (small pieces merged), in
// any order; the bound on distinct values counts both tables; a fold takes both; quantiles
// match the oracle over ms and µs values mixed.
TEST(Distribution, TheDenseMillisecondTableChangesNoState) {
  std::mt19937_64 rng(17);
  std::lognormal_distribution<double> ms(std::log(60.0), 1.0);
  std::vector<std::uint64_t> values;
  for (size_t i = 0; i < 40000; ++i) {
    const auto m = static_cast<std::uint64_t>(ms(rng));
    // Mostly whole ms (nginx), some µs (Apache %D), some past the dense range (> 2.048 s).
    values.push_back(i % 7 == 0 ? m * 1000 + 1 + (i % 999) : i % 50 == 0 ? (2100 + m) * 1000 : m * 1000);
  }
  const Distribution whole = of(values);
  std::vector<Distribution> pieces(64);
  for (size_t i = 0; i < values.size(); ++i) pieces[i % 64].add(values[i]);  // 625 each: no dense table
  Distribution forward, backward;
  for (const Distribution& p : pieces) forward.merge(p);
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) backward.merge(*it);
  EXPECT_EQ(forward, whole);
  EXPECT_EQ(backward, whole);
  expect_matches_oracle(values, "ms and µs mixed");

  // Exactly kExactValues distinct values stay exact whichever table holds them; one more folds.
  Distribution bound;
  for (size_t round = 0; round < 5; ++round) {
    for (std::uint64_t v = 0; v < 1024; ++v) bound.add(v * 1000);      // dense once 8,192 seen
    for (std::uint64_t v = 0; v < 1024; ++v) bound.add(v * 1000 + 7);  // hashed
  }
  EXPECT_TRUE(bound.exact());
  EXPECT_EQ(bound.entries().size(), Distribution::kExactValues);
  Distribution folded = bound;
  folded.add(5000 * 1000);
  EXPECT_FALSE(folded.exact()) << "the 2,049th distinct value folds";
  EXPECT_EQ(folded.count(), bound.count() + 1);
  Distribution small;
  for (std::uint64_t v = 0; v < 1024; ++v) small.add(v * 1000 + 7);
  Distribution merged = small;  // the same values from a state without a dense table
  for (size_t round = 0; round < 5; ++round) {
    for (std::uint64_t v = 0; v < 1024; ++v) merged.add(v * 1000);
    if (round > 0) {
      for (std::uint64_t v = 0; v < 1024; ++v) merged.add(v * 1000 + 7);
    }
  }
  EXPECT_EQ(merged, bound);
  Distribution back;
  ASSERT_TRUE(Distribution::from_parts(bound.exact(), bound.entries(), bound.count(), bound.sum(), bound.min(),
                                       bound.max(), back));
  EXPECT_EQ(back, bound);
}

}  // namespace
}  // namespace statuslint
