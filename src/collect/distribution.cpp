#include "statuslint/collect/distribution.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace statuslint {

namespace {

// floor(2^(63 + k/64)) for k = 0..64 (the last capped at 2^64 - 1): the bucket bounds within an
// octave, for a value shifted so that its leading 1 is bit 63. Integers, computed once to 60
// digits, so that every machine puts a value in the same bucket (partials merge across them).
constexpr std::uint64_t kOctaveBounds[65] = {
    9223372036854775808u,  9323807973325342579u,  9425337585438007767u,  9527972782539685958u,  9631725603661576980u,
    9736608218931335184u,  9842632931000616231u,  9949812176488168858u,  10058158527438640870u, 10167684692797270501u,
    10278403519900636096u, 10390327995983639004u, 10503471249702896438u, 10617846552676722987u, 10733467321041881441u,
    10850347117027285504u, 10968499650544839023u, 11087938780797598308u, 11208678517905446200u, 11330733024548468560u,
    11454116617628225965u, 11578843769947115458u, 11704929111906019352u, 11832387433220440222u, 11961233684655323370u,
    12091482979778770281u, 12223150596734848760u, 12356251980035707703u, 12490802742373206726u, 12626818666450273140u,
    12764315706832201103u, 12903309991818110089u, 13043817825332782212u, 13185855688839100305u, 13329440243271311081u,
    13474588330989340155u, 13621316977754388158u, 13769643394726039682u, 13919584980481119318u, 14071159323054531591u,
    14224384202002324189u, 14379277590487216476u, 14535857657386837922u, 14694142769424923740u, 14854151493325717731u,
    15015902597991835028u, 15179415056705840218u, 15344708049355799071u, 15511800964685064948u, 15680713402566563765u,
    15851465176301844309u, 16024076314945163555u, 16198567065652879633u, 16374957896058427985u, 16553269496673159336u,
    16733522783313321064u, 16915738899553466670u, 17099939219206581124u, 17286145348831213003u, 17474379130265907513u,
    17664662643191237676u, 17857018207719734200u, 18051468387014017850u, 18248035989933441396u, 18446744073709551615u};

// For each slice s of an octave (x in [2^63 + s 2^55, 2^63 + (s + 1) 2^55)), the least k with
// kOctaveBounds[k] >= the slice's first value: no x in the slice has a smaller k.
constexpr std::array<std::uint8_t, 256> kFirstGuess = [] {
  std::array<std::uint8_t, 256> t{};
  for (size_t slice = 0; slice < 256; ++slice) {
    const std::uint64_t first = (std::uint64_t{1} << 63) + (static_cast<std::uint64_t>(slice) << 55);
    std::uint8_t k = 0;
    while (kOctaveBounds[k] < first) ++k;
    t[slice] = k;
  }
  return t;
}();

}  // namespace

size_t Distribution::bucket_of(std::uint64_t v) noexcept {
  if (v <= 1) return static_cast<size_t>(v);
  // v in (2^(j/64), 2^((j+1)/64)] is bucket j + 2. With e = floor(log2 v) and x = v shifted to
  // bit 63, k is the least with x <= 2^(63 + k/64), and j = 64 e + k - 1.
  const int e = 63 - __builtin_clzll(v);
  const std::uint64_t x = v << (63 - e);
  // The top 8 bits under the leading 1 pick a first guess (a bucket spans more than two of
  // those slices), then at most two steps up.
  size_t k = kFirstGuess[(x >> 55) & 0xFF];
  while (kOctaveBounds[k] < x) ++k;
  return static_cast<size_t>(e) * (1 << kScale) + k - 1 + 2;
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
  hashed_ = 0;
  for (const Slot& s : old) {
    if (s.value == kEmpty) continue;
    // Re-placed, not re-counted: they are distinct already.
    const size_t mask = slots_.size() - 1;
    size_t i = home_slot(s.value);
    while (slots_[i].value != kEmpty) i = (i + 1) & mask;
    slots_[i] = s;
    ++hashed_;
  }
}

void Distribution::make_dense() {
  dense_.assign(kDenseValues, 0);
  // The hash table's whole milliseconds move over, so that no value is in both.
  std::vector<Slot> old = std::move(slots_);
  slots_ = {};
  hashed_ = 0;
  const size_t distinct = distinct_;
  for (const Slot& s : old) {
    if (s.value == kEmpty) continue;
    if (dense_eligible(s.value)) {
      dense_[s.value / kDenseTick] = s.count;
    } else {
      if ((hashed_ + 1) * 2 > slots_.size()) grow();
      const size_t mask = slots_.size() - 1;
      size_t i = home_slot(s.value);
      while (slots_[i].value != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
      ++hashed_;
    }
  }
  distinct_ = distinct;
}

void Distribution::add_exact(std::uint64_t v, std::uint64_t n) {
  if (v == kEmpty) {  // the free-slot marker: no latency or size gets here, but stay correct
    fold();
    add_folded(v, n);
    return;
  }
  if (dense_.empty() && exact_limit_ >= kExactValues && count_ >= kDenseAfter && dense_eligible(v)) make_dense();
  if (!dense_.empty() && dense_eligible(v)) {
    std::uint64_t& c = dense_[v / kDenseTick];
    if (c == 0) {
      if (distinct_ == exact_limit_) {
        fold();
        add_folded(v, n);
        return;
      }
      ++distinct_;
    }
    c += n;
    return;
  }
  if ((hashed_ + 1) * 2 > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  size_t i = home_slot(v);
  while (true) {
    Slot& s = slots_[i];
    if (s.value == v) {
      s.count += n;
      return;
    }
    if (s.value == kEmpty) {
      if (distinct_ == exact_limit_) {
        fold();
        add_folded(v, n);
        return;
      }
      s.value = v;
      s.count = n;
      ++hashed_;
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
  for (size_t i = 0; i < dense_.size(); ++i) {
    if (dense_[i] != 0) add_folded(i * kDenseTick, dense_[i]);
  }
  slots_ = {};
  dense_ = {};
  hashed_ = 0;
  distinct_ = 0;
}

void Distribution::merge(const Distribution& other) {
  if (other.count_ == 0) return;
  if (other.folded_) {
    fold();
    for (size_t b = 0; b < kBuckets; ++b) buckets_[b] += other.buckets_[b];
  } else {
    const auto add_one = [this](std::uint64_t v, std::uint64_t n) {
      if (folded_) {
        add_folded(v, n);
      } else {
        add_exact(v, n);
      }
    };
    for (const Slot& s : other.slots_) {
      if (s.value != kEmpty) add_one(s.value, s.count);
    }
    for (size_t i = 0; i < other.dense_.size(); ++i) {
      if (other.dense_[i] != 0) add_one(i * kDenseTick, other.dense_[i]);
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
    for (size_t i = 0; i < dense_.size(); ++i) {
      if (dense_[i] != 0) out.push_back({i * kDenseTick, dense_[i]});
    }
    std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  }
  return out;
}

std::uint64_t Distribution::quantile(double q) const {
  const double qs[] = {q};
  return quantiles(qs)[0];
}

std::vector<std::uint64_t> Distribution::quantiles(std::span<const double> qs) const {
  std::vector<std::uint64_t> out(qs.size(), 0);
  if (count_ == 0) return out;
  // Sorting the entries is most of a quantile's cost: once for all of them (a report asks for
  // five per scope, and an exact state holds up to 2,048 entries).
  const std::vector<Entry> sorted = entries();
  for (size_t i = 0; i < qs.size(); ++i) {
    // Nearest rank: the ceil(q * count)-th value, 1-based.
    std::uint64_t rank = static_cast<std::uint64_t>(std::ceil(qs[i] * static_cast<double>(count_)));
    rank = std::clamp<std::uint64_t>(rank, 1, count_);
    std::uint64_t seen = 0;
    out[i] = max_;
    for (const Entry& e : sorted) {
      seen += e.count;
      if (seen < rank) continue;
      if (!folded_) {
        out[i] = e.key;
      } else {
        const double v = std::round(bucket_value(e.key));
        out[i] = std::clamp(static_cast<std::uint64_t>(v), min(), max_);
      }
      break;
    }
  }
  return out;
}

bool Distribution::from_parts(bool exact, const std::vector<Entry>& entries, std::uint64_t count, std::uint64_t sum,
                              std::uint64_t min, std::uint64_t max, Distribution& out) {
  Distribution d(out.exact_limit_);  // out's bound on exact values
  std::uint64_t total = 0;
  std::uint64_t lowest = ~std::uint64_t{0}, highest = 0;
  for (const Entry& e : entries) {
    if (e.count == 0 || (!exact && e.key >= kBuckets)) return false;
    if (total + e.count < total) return false;  // counts that wrap
    total += e.count;
    lowest = std::min(lowest, e.key);
    highest = std::max(highest, e.key);
    if (exact) {
      d.add_exact(e.key, e.count);
    } else {
      d.fold();
      d.buckets_[e.key] += e.count;  // a folded entry's key is its bucket
    }
  }
  if (!exact) d.fold();
  if (total != count || (count > 0 && min > max)) return false;
  // min and max must be where the entries say: the smallest and largest value, or in the first
  // and last bucket; otherwise quantiles, clamped to [min, max], would answer from a lie.
  if (count > 0 &&
      (exact ? (min != lowest || max != highest) : (bucket_of(min) != lowest || bucket_of(max) != highest))) {
    return false;
  }
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
