// Top offenders in bounded memory: the Space-Saving sketch (Metwally, Agrawal, El Abbadi,
// 2005), mergeable (Agarwal et al., "Mergeable summaries", 2012).
//
// A sketch keeps at most `capacity` keys. A new key arriving when it is full takes the place
// of the key with the smallest count and inherits that count as its possible overcount
// (`error`). Any key more frequent than total/capacity is guaranteed to be kept, and each
// count is exact or overestimated by at most its error. Merging adds counts key by key and
// keeps the largest `capacity`, so sketches from threads, files and machines combine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace statuslint {

class SpaceSaving {
 public:
  struct Item {
    std::string key;
    std::uint64_t count = 0;
    std::uint64_t error = 0;  // count - error <= true count <= count
  };

  explicit SpaceSaving(size_t capacity = 64) : capacity_(capacity) {}

  void add(std::string_view key, std::uint64_t n = 1);
  void merge(const SpaceSaving& other);
  // The `n` largest, by count then key.
  std::vector<Item> top(size_t n) const;
  // True once a key was evicted: counts may be overestimates.
  bool approximate() const noexcept { return approximate_; }
  std::uint64_t total() const noexcept { return total_; }
  size_t capacity() const noexcept { return capacity_; }
  const std::vector<Item>& items() const noexcept { return items_; }
  // Restores a sketch written out by a partial summary.
  void restore(std::vector<Item> items, std::uint64_t total, bool approximate);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  size_t capacity_;
  std::vector<Item> items_;
  std::unordered_map<std::string, size_t, Hash, std::equal_to<>> index_;
  std::uint64_t total_ = 0;
  bool approximate_ = false;
};

}  // namespace statuslint
