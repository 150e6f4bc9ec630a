#include "statuslint/heavy_hitters.hpp"

#include <algorithm>

namespace statuslint {

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
  // and this runs only for keys not already held.
  const auto smallest = std::min_element(items_.begin(), items_.end(),
                                         [](const Item& a, const Item& b) { return a.count < b.count; });
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
  std::sort(merged.begin(), merged.end(),
            [](const Item& a, const Item& b) { return a.count != b.count ? a.count > b.count : a.key < b.key; });
  const bool dropped = merged.size() > capacity_;
  if (dropped) merged.resize(capacity_);
  restore(std::move(merged), total_ + other.total_, approximate_ || other.approximate_ || dropped);
}

std::vector<SpaceSaving::Item> SpaceSaving::top(size_t n) const {
  std::vector<Item> out = items_;
  std::sort(out.begin(), out.end(),
            [](const Item& a, const Item& b) { return a.count != b.count ? a.count > b.count : a.key < b.key; });
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

}  // namespace statuslint
