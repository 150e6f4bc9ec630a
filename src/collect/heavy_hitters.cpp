#include "statuslint/collect/heavy_hitters.hpp"

#include <algorithm>
#include <bit>

namespace statuslint {

bool ranks_before(const CountedKey& a, const CountedKey& b) noexcept {
  return a.count != b.count ? a.count > b.count : a.key < b.key;
}

// --- ExactCounts ------------------------------------------------------------------------

size_t ExactCounts::insert(std::string_view key, std::uint64_t hash, std::uint64_t n) {
  if (2 * (used_ + 1) > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.count == 0) {
      s = {hash, n, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size())};
      arena_.append(key);
      ++used_;
      return i;
    }
    if (s.hash == hash && same_key(this->key(s), key)) {
      s.count += n;
      return i;
    }
  }
}

void ExactCounts::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : 2 * old.size(), Slot{});
  // Slots move, so the memo starts over (freed first: the peak is the two slot arrays).
  const size_t memo_size = std::min(slots_.size(), kMaxMemo);
  std::vector<std::uint32_t>().swap(memo_);
  memo_.assign(memo_size, 0);
  memo_shift_ = 64 - static_cast<unsigned>(std::countr_zero(memo_size));
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.count == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].count != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void ExactCounts::merge(const ExactCounts& other) {
  for (const Slot& s : other.slots_) {
    if (s.count != 0) add_hashed(other.key(s), s.hash, s.count);
  }
}

std::vector<CountedKey> ExactCounts::ranked(size_t n) const {
  // Rank slot pointers and copy out only the keys kept: cutting a table of millions of keys
  // to a sketch must not first copy every key.
  std::vector<const Slot*> order;
  order.reserve(used_);
  for (const Slot& s : slots_) {
    if (s.count != 0) order.push_back(&s);
  }
  const auto before = [this](const Slot* a, const Slot* b) {
    return a->count != b->count ? a->count > b->count : key(*a) < key(*b);
  };
  const size_t keep = n > 0 && n < order.size() ? n : order.size();
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), before);
  std::vector<CountedKey> out;
  out.reserve(keep);
  for (size_t i = 0; i < keep; ++i) out.push_back({std::string(key(*order[i])), order[i]->count, 0});
  return out;
}

void ExactCounts::clear() noexcept {
  std::vector<Slot>().swap(slots_);
  std::vector<std::uint32_t>().swap(memo_);
  std::string().swap(arena_);
  used_ = 0;
}

// --- SpaceSaving ------------------------------------------------------------------------

void SpaceSaving::add(std::string_view key, std::uint64_t n) {
  total_ += n;
  if (auto it = index_.find(key); it != index_.end()) {
    items_[it->second].count += n;
    return;
  }
  if (items_.size() < capacity_) {
    index_.emplace(std::string(key), items_.size());
    items_.push_back({std::string(key), n, 0});
    return;
  }
  // Full: the smallest count gives way. A linear scan: capacities are small (64 by default)
  // and this runs only for keys not already held, past the exact budget.
  const auto smallest =
      std::min_element(items_.begin(), items_.end(), [](const Item& a, const Item& b) { return a.count < b.count; });
  const auto slot = static_cast<size_t>(smallest - items_.begin());
  index_.erase(index_.find(std::string_view(smallest->key)));
  const std::uint64_t floor = smallest->count;
  *smallest = {std::string(key), floor + n, floor};
  index_.emplace(smallest->key, slot);
  approximate_ = true;
}

void SpaceSaving::merge(const SpaceSaving& other) {
  std::unordered_map<std::string, Item, Hash, std::equal_to<>> sum;
  for (const Item& i : items_) sum.emplace(i.key, i);
  for (const Item& i : other.items_) {
    auto [it, fresh] = sum.try_emplace(i.key, i);
    if (!fresh) {
      it->second.count += i.count;
      it->second.error += i.error;
    }
  }
  std::vector<Item> merged;
  merged.reserve(sum.size());
  for (auto& [key, item] : sum) merged.push_back(std::move(item));
  std::sort(merged.begin(), merged.end(), ranks_before);
  const bool dropped = merged.size() > capacity_;
  if (dropped) merged.resize(capacity_);
  restore(std::move(merged), total_ + other.total_, approximate_ || other.approximate_ || dropped);
}

std::vector<SpaceSaving::Item> SpaceSaving::top(size_t n) const {
  std::vector<Item> out = items_;
  std::sort(out.begin(), out.end(), ranks_before);
  if (out.size() > n) out.resize(n);
  return out;
}

void SpaceSaving::restore(std::vector<Item> items, std::uint64_t total, bool approximate) {
  items_ = std::move(items);
  index_.clear();
  for (size_t i = 0; i < items_.size(); ++i) index_.emplace(items_[i].key, i);
  total_ = total;
  approximate_ = approximate;
}

// --- TopCounts --------------------------------------------------------------------------

void TopCounts::to_sketch() {
  if (sketched_) return;
  const size_t cap = sketch_.capacity();
  const bool dropped = exact_.size() > cap;
  sketch_.restore(exact_.ranked(cap), total_, dropped);
  exact_.clear();
  sketched_ = true;
}

void TopCounts::merge(const TopCounts& other) {
  if (!sketched_ && !other.sketched_) {
    exact_.merge(other.exact_);
    total_ += other.total_;
    return;
  }
  to_sketch();
  if (other.sketched_) {
    sketch_.merge(other.sketch_);
  } else {
    TopCounts cut = other;
    cut.to_sketch();
    sketch_.merge(cut.sketch_);
  }
  total_ += other.total_;
}

std::vector<CountedKey> TopCounts::top(size_t n) const { return sketched_ ? sketch_.top(n) : exact_.ranked(n); }

std::uint64_t TopCounts::uncertain_bound(size_t n) const {
  if (!approximate()) return 0;
  const std::vector<CountedKey> all = sketch_.top(n + 1);
  if (all.size() > n) return all[n].count;
  return sketch_.items().size() >= sketch_.capacity() && !all.empty() ? all.back().count : 0;
}

std::vector<CountedKey> TopCounts::items() const {
  return sketched_ ? sketch_.top(sketch_.items().size()) : exact_.ranked();
}

void TopCounts::restore(std::vector<CountedKey> items, std::uint64_t total, bool sketched, bool approximate) {
  exact_.clear();
  total_ = total;
  sketched_ = sketched;
  if (sketched) {
    sketch_.restore(std::move(items), total, approximate);
    return;
  }
  sketch_.restore({}, 0, false);
  for (const CountedKey& k : items) exact_.add(k.key, k.count);
}

}  // namespace statuslint
