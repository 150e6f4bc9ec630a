#include "statuslint/collect/distribution.hpp"

#include <algorithm>
#include <cmath>

namespace statuslint {

size_t Distribution::bucket_of(std::uint64_t v) noexcept {
  if (v <= 1) return static_cast<size_t>(v);
  // (2^(j/64), 2^((j+1)/64)] is bucket j + 2: j = ceil(64 log2 v) - 1.
  const double j = std::ceil(std::log2(static_cast<double>(v)) * (1 << kScale)) - 1;
  return std::min(static_cast<size_t>(j) + 2, kBuckets - 1);
}

double Distribution::bucket_value(size_t bucket) noexcept {
  if (bucket <= 1) return static_cast<double>(bucket);
  const double j = static_cast<double>(bucket - 2);
  const double lower = std::exp2(j / (1 << kScale));
  const double upper = std::exp2((j + 1) / (1 << kScale));
  // The value whose relative error to either end is the same, (u - l) / (u + l) < 0.55%.
  return 2 * lower * upper / (lower + upper);
}

void Distribution::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  distinct_ = 0;
  for (const Slot& s : old) {
    if (s.value != kEmpty) add_exact(s.value, s.count);
  }
}

void Distribution::add_exact(std::uint64_t v, std::uint64_t n) {
  if (v == kEmpty) {  // the free-slot marker: no latency or size gets here, but stay correct
    fold();
    add_folded(v, n);
    return;
  }
  if ((distinct_ + 1) * 2 > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>((v * 0x9E3779B97F4A7C15ull) >> 32) & mask;
  while (true) {
    Slot& s = slots_[i];
    if (s.value == v) {
      s.count += n;
      return;
    }
    if (s.value == kEmpty) {
      if (distinct_ == kExactValues) {
        fold();
        add_folded(v, n);
        return;
      }
      s.value = v;
      s.count = n;
      ++distinct_;
      return;
    }
    i = (i + 1) & mask;
  }
}

void Distribution::fold() {
  if (folded_) return;
  folded_ = true;
  buckets_.assign(kBuckets, 0);
  for (const Slot& s : slots_) {
    if (s.value != kEmpty) add_folded(s.value, s.count);
  }
  slots_ = {};
  distinct_ = 0;
}

void Distribution::merge(const Distribution& other) {
  if (other.count_ == 0) return;
  if (other.folded_) {
    fold();
    for (size_t b = 0; b < kBuckets; ++b) buckets_[b] += other.buckets_[b];
  } else {
    for (const Slot& s : other.slots_) {
      if (s.value == kEmpty) continue;
      if (folded_) {
        add_folded(s.value, s.count);
      } else {
        add_exact(s.value, s.count);
      }
    }
  }
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

std::vector<Distribution::Entry> Distribution::entries() const {
  std::vector<Entry> out;
  if (folded_) {
    for (size_t b = 0; b < kBuckets; ++b) {
      if (buckets_[b] > 0) out.push_back({b, buckets_[b]});
    }
  } else {
    out.reserve(distinct_);
    for (const Slot& s : slots_) {
      if (s.value != kEmpty) out.push_back({s.value, s.count});
    }
    std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  }
  return out;
}

std::uint64_t Distribution::quantile(double q) const {
  if (count_ == 0) return 0;
  // Nearest rank: the ceil(q * count)-th value, 1-based.
  std::uint64_t rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (const Entry& e : entries()) {
    seen += e.count;
    if (seen < rank) continue;
    if (!folded_) return e.key;
    const double v = std::round(bucket_value(e.key));
    return std::clamp(static_cast<std::uint64_t>(v), min(), max_);
  }
  return max_;
}

bool Distribution::from_parts(bool exact, const std::vector<Entry>& entries, std::uint64_t count, std::uint64_t sum,
                              std::uint64_t min, std::uint64_t max, Distribution& out) {
  Distribution d;
  std::uint64_t total = 0;
  for (const Entry& e : entries) {
    if (e.count == 0 || (!exact && e.key >= kBuckets)) return false;
    total += e.count;
    if (exact) {
      d.add_exact(e.key, e.count);
    } else {
      d.fold();
      d.buckets_[e.key] += e.count;  // a folded entry's key is its bucket
    }
  }
  if (!exact) d.fold();
  if (total != count || (count > 0 && min > max)) return false;
  if (exact && d.folded_) return false;  // more distinct values than an exact state holds
  d.count_ = count;
  d.sum_ = sum;
  d.min_ = count > 0 ? min : ~std::uint64_t{0};
  d.max_ = count > 0 ? max : 0;
  out = std::move(d);
  return true;
}

bool Distribution::entries_equal(const Distribution& b) const {
  if (count_ != b.count_ || sum_ != b.sum_ || min() != b.min() || max_ != b.max_ || folded_ != b.folded_) return false;
  const auto x = entries(), y = b.entries();
  return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                    [](const Entry& p, const Entry& q) { return p.key == q.key && p.count == q.count; });
}

}  // namespace statuslint
