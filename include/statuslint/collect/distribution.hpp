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
      return;
    }
    // A whole number of milliseconds (what most logs write) counts in the dense table once
    // there is one: a time's counter sits next to its neighbours', where a hash table's probes
    // miss the cache on every record (12% of a --latency scan).
    if (!dense_.empty() && v % kDenseTick == 0 && v < kDenseTick * kDenseValues) {
      std::uint64_t& c = dense_[v / kDenseTick];
      if (c != 0) {
        ++c;
        return;
      }
    } else if (!slots_.empty()) {
      // Otherwise a hit on the first probe is counted here, without the call.
      Slot& s = slots_[home_slot(v)];
      if (s.value == v) {
        ++s.count;
        return;
      }
    }
    add_exact(v, 1);
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

  size_t home_slot(std::uint64_t v) const noexcept {
    return static_cast<size_t>((v * 0x9E3779B97F4A7C15ull) >> 32) & (slots_.size() - 1);
  }
  // The dense table: counts of 0, 1, ..., kDenseValues - 1 ms (in microseconds, the tick of
  // times), made when a distribution of the full exact bound has seen kDenseAfter values, so
  // that the many small ones (a route's, a rule's) stay small. Only the layout changes: the
  // state (entries(), the bound on distinct values) is the same with it or without.
  static constexpr std::uint64_t kDenseTick = 1000;
  static constexpr size_t kDenseValues = 2048;
  static constexpr std::uint64_t kDenseAfter = 8192;
  bool dense_eligible(std::uint64_t v) const noexcept { return v % kDenseTick == 0 && v < kDenseTick * kDenseValues; }
  void make_dense();
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
  size_t hashed_ = 0;                   // values in slots_
  size_t distinct_ = 0;                 // values in slots_ and dense_
  std::vector<std::uint64_t> dense_;    // empty, or kDenseValues counts
  std::vector<std::uint64_t> buckets_;  // folded: kBuckets counts
};

}  // namespace statuslint
