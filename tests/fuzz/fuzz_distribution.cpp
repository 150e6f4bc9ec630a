// Holds the latency distribution to its promises: merging parts in any order gives the same
// state (the bytes a partial writes) as adding every value to one; a partial's round trip
// (entries and totals, rebuilt by from_parts) gives it back; count, sum, min and max are
// exact; a quantile is exact while the state is, and within 0.55% of the sorted oracle's
// after it folds. A damaged set of parts is refused, never trusted.
//
// Input: byte 0 splits the values into 1..8 parts and picks how far each value is spread
// (so that a few KiB of input pass the exact bound of 2,048 distinct values); then values,
// each a width byte and 1..8 bytes.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz_common.hpp"
#include "statuslint/collect/distribution.hpp"

namespace {

using statuslint::Distribution;

std::uint64_t nearest_rank(const std::vector<std::uint64_t>& sorted, double q) {
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<size_t>(std::ceil(q * n));
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

size_t limit = Distribution::kExactValues;  // this input's bound on exact values

Distribution round_trip(const Distribution& d) {
  Distribution out(limit);
  FUZZ_CHECK(Distribution::from_parts(d.exact(), d.entries(), d.count(), d.sum(), d.min(), d.max(), out));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t parts = 1 + data[0] % 8;
  limit = size % 2 == 0 ? Distribution::kExactValues : Distribution::kBucketExactValues;  // a trend bucket's
  const size_t spread = 1 + (data[0] >> 3) * 40;  // up to 1,241 values per input value, 20,000 in all
  std::vector<std::uint64_t> values;
  for (size_t i = 1; i < size;) {
    const size_t width = 1 + data[i++] % 8;
    std::uint64_t v = 0;
    for (size_t b = 0; b < width && i < size; ++b, ++i) v = (v << 8) | data[i];
    v >>= data[i - 1] % 4 == 0 ? 8 : 0;  // some values smaller still
    if (v == ~std::uint64_t{0}) v -= 1;
    for (size_t k = 0; k < spread && values.size() < 20000; ++k) {
      const std::uint64_t next = v + k * 7919;
      if (next < v || next == ~std::uint64_t{0}) break;  // past the top: sums could overflow anyway
      values.push_back(next);
    }
  }
  // Sums beyond 2^64 wrap in both ways of adding alike; the oracle below keeps to what fits.
  long double total = 0;
  for (std::uint64_t v : values) total += static_cast<long double>(v);
  const bool sum_fits = total < 1.8e19L;

  Distribution whole(limit);
  std::vector<Distribution> part(parts, Distribution(limit));
  for (size_t i = 0; i < values.size(); ++i) {
    whole.add(values[i]);
    part[(i * 2654435761u >> 7) % parts].add(values[i]);
  }
  Distribution forward(limit), backward(limit), tree(limit);
  for (const Distribution& p : part) forward.merge(p);
  for (auto it = part.rbegin(); it != part.rend(); ++it) backward.merge(*it);
  std::vector<Distribution> level = part;
  while (level.size() > 1) {
    std::vector<Distribution> next;
    for (size_t i = 0; i < level.size(); i += 2) {
      Distribution d = round_trip(level[i]);  // as a partial would carry it between merges
      if (i + 1 < level.size()) d.merge(round_trip(level[i + 1]));
      next.push_back(std::move(d));
    }
    level = std::move(next);
  }
  tree = level.empty() ? Distribution(limit) : level[0];
  FUZZ_CHECK(forward == whole);
  FUZZ_CHECK(backward == whole);
  FUZZ_CHECK(tree == whole);
  FUZZ_CHECK(round_trip(whole) == whole);
  FUZZ_CHECK(whole.count() == values.size());

  if (values.empty()) {
    FUZZ_CHECK(whole.empty() && whole.quantile(0.5) == 0);
    return 0;
  }
  std::vector<std::uint64_t> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  FUZZ_CHECK(whole.min() == sorted.front());
  FUZZ_CHECK(whole.max() == sorted.back());
  if (sum_fits) {
    std::uint64_t sum = 0;
    for (std::uint64_t v : values) sum += v;
    FUZZ_CHECK(whole.sum() == sum);
  }
  const size_t distinct = static_cast<size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
  FUZZ_CHECK(whole.exact() == (distinct <= limit));
  sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (const double q : {0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
    const std::uint64_t want = nearest_rank(sorted, q);
    const std::uint64_t got = whole.quantile(q);
    if (whole.exact()) {
      FUZZ_CHECK(got == want);
    } else {
      const double err = std::fabs(static_cast<double>(got) - static_cast<double>(want));
      FUZZ_CHECK(err <= 0.0055 * static_cast<double>(want) + 1.0);
    }
  }

  // A damaged partial is refused: one entry's count changed (no longer adds up to the count),
  // or a min or max that is not where the entries say.
  const std::vector<Distribution::Entry> entries = whole.entries();
  Distribution damaged(limit);
  std::vector<Distribution::Entry> recounted = entries;
  recounted[size % recounted.size()].count += 1;
  FUZZ_CHECK(!Distribution::from_parts(whole.exact(), recounted, whole.count(), whole.sum(), whole.min(),
                                       whole.max(), damaged));
  if (whole.min() > 0) {
    const std::uint64_t lower = whole.exact() ? whole.min() - 1 : 0;
    if (whole.exact() || Distribution::bucket_of(lower) != Distribution::bucket_of(whole.min())) {
      FUZZ_CHECK(!Distribution::from_parts(whole.exact(), entries, whole.count(), whole.sum(), lower, whole.max(),
                                           damaged));
    }
  }
  return 0;
}
