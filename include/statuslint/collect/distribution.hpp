// A mergeable distribution of non-negative integers (latency in microseconds, sizes in bytes):
// count, sum, min, max and quantiles.
//
// Exact while it has seen at most kExactValues distinct values (each value with its count);
// past that it folds into a base-2 exponential histogram at a fixed scale of 6 (bucket i + 2
// holds (2^(i/64), 2^((i+1)/64)]; 0 and 1 have buckets of their own: the bucket family of OpenTelemetry's exponential
// histograms and Prometheus' native histograms), where a quantile is within 0.55% of the true value.
//
// Why this design and not DDSketch or HdrHistogram: logs repeat values (nginx writes
// milliseconds, so a day's latencies hold a few thousand distinct values), so most reports stay
// exact; and with one fixed scale, a merge is bucket-wise addition, so any order of merging
// (every -j, chunk size, byte-range shard, partial and Dask task) gives the same bytes. The
// state is exact iff the union of the merged values has at most kExactValues distinct values,
// which does not depend on the order either. Sum, min and max are always exact.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace statuslint {

class Distribution {
 public:
  static constexpr size_t kExactValues = 2048;
  // A trend bucket's: a chart point needs no more, and hundreds of buckets each growing a
  // table of 2,048 values cost more than the rest of the scan (a bucket folds at 256).
  static constexpr size_t kBucketExactValues = 256;

  // `exact_values`: how many distinct values it keeps before folding. Every distribution that
  // merges into one scope must use the same, for the state to be the same in any order.
  Distribution() noexcept : Distribution(kExactValues) {}
  explicit Distribution(size_t exact_values) noexcept : exact_limit_(static_cast<std::uint32_t>(exact_values)) {}
  static constexpr int kScale = 6;                                // 2^6 buckets per power of two
  static constexpr size_t kBuckets = (size_t{64} << kScale) + 2;  // 0, 1, then every uint64

  void add(std::uint64_t v) {
    ++count_;
    sum_ += v;
    if (v < min_) min_ = v;
    if (v > max_) max_ = v;
    if (folded_) {
      add_folded(v, 1);
    } else {
      add_exact(v, 1);
    }
  }
  void merge(const Distribution& other);

  std::uint64_t count() const noexcept { return count_; }
  std::uint64_t sum() const noexcept { return sum_; }
  std::uint64_t min() const noexcept { return count_ > 0 ? min_ : 0; }
  std::uint64_t max() const noexcept { return max_; }
  bool exact() const noexcept { return !folded_; }
  bool empty() const noexcept { return count_ == 0; }
  // The nearest-rank q-quantile (0 < q <= 1): the smallest value with at least q of the count
  // at or below it. Exact while exact(); after, the bucket's value of least relative error,
  // clamped to [min, max]. 0 when empty.
  std::uint64_t quantile(double q) const;
  // quantile() of each of `qs`, from one sort of the entries.
  std::vector<std::uint64_t> quantiles(std::span<const double> qs) const;

  // The state as (value or bucket, count) pairs in ascending order, for partial summaries.
  struct Entry {
    std::uint64_t key;
    std::uint64_t count;
  };
  std::vector<Entry> entries() const;
  // Rebuilds a distribution from what entries() and the getters gave, with out's bound on exact
  // values; false when they do not add up (a damaged partial).
  static bool from_parts(bool exact, const std::vector<Entry>& entries, std::uint64_t count, std::uint64_t sum,
                         std::uint64_t min, std::uint64_t max, Distribution& out);

  static size_t bucket_of(std::uint64_t v) noexcept;   // 0 holds 0, 1 holds 1, then by scale
  static double bucket_value(size_t bucket) noexcept;  // least-relative-error value in it

  friend bool operator==(const Distribution& a, const Distribution& b) { return a.entries_equal(b); }

 private:
  struct Slot {
    std::uint64_t value = kEmpty;
    std::uint64_t count = 0;
  };
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

  void add_exact(std::uint64_t v, std::uint64_t n);
  void add_folded(std::uint64_t v, std::uint64_t n) { buckets_[bucket_of(v)] += n; }
  void fold();
  void grow();
  bool entries_equal(const Distribution& b) const;

  std::uint64_t count_ = 0, sum_ = 0;
  std::uint64_t min_ = ~std::uint64_t{0}, max_ = 0;
  bool folded_ = false;
  std::uint32_t exact_limit_;
  // Exact: open addressing, linear probing, at most half full; kEmpty marks a free slot (a
  // value of 2^64-1 is folded straight away: no latency or size is that large).
  std::vector<Slot> slots_;
  size_t distinct_ = 0;
  std::vector<std::uint64_t> buckets_;  // folded: kBuckets counts
};

}  // namespace statuslint
