// Top offenders: per-key counts that are exact while they fit a memory budget, and a
// bounded approximate sketch past it.
//
// ExactCounts is a flat open-addressing table with the keys in one arena: a key is hashed
// once (XXH3), held once, and counting a key already seen allocates nothing. Exact counts
// merge into the same result in any order, so reports built from chunks, threads, files
// and machines are identical. In front of the table sits a small direct-mapped memo, picked
// by a fingerprint of a few of the key's bytes, naming the slot that key was last counted
// in: the frequent keys of a log (the Zipf head) are counted with one comparison, without
// hashing or probing. The memo is only a shortcut: its slot's key is compared in full, so
// two keys sharing a fingerprint only cost a miss, never a wrong count.
//
// SpaceSaving is the bounded fallback (Metwally, Agrawal, El Abbadi, 2005), mergeable
// (Agarwal et al., "Mergeable summaries", 2012): it keeps at most `capacity` keys; a new key
// arriving when it is full takes the place of the key with the smallest count and inherits
// that count as its possible overcount (`error`). Any key more frequent than total/capacity
// is kept, and each count is exact or over by at most its error.
//
// TopCounts is one list of top offenders: exact until its owner (Offenders) decides that
// all its tables together have outgrown the budget, then a SpaceSaving sketch.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "statuslint/text.hpp"

namespace statuslint {

// One counted key, as reports and partial summaries see it.
struct CountedKey {
  std::string key;
  std::uint64_t count = 0;
  std::uint64_t error = 0;  // count - error <= true count <= count; 0 when exact
};

// The order every top list is reported in: count descending, then key ascending, so ties
// never depend on insertion order.
bool ranks_before(const CountedKey& a, const CountedKey& b) noexcept;

// XXH3: hashed once per key per record on the --top path, so inline.
inline std::uint64_t hash_key(std::string_view key) noexcept { return XXH3_64bits(key.data(), key.size()); }

// Equal keys: the length, then the bytes (inline when short).
inline bool same_key(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

// A few of the key's bytes (the first 16, the middle 8 and the last 8, which is every byte of
// a key up to 16 bytes) and its length, mixed. Not a hash of the key: keys that differ only
// elsewhere share it, which the memo tolerates. It picks a memo entry from its top bits.
inline std::uint64_t key_fingerprint(std::string_view key) noexcept {
  const char* p = key.data();
  const size_t n = key.size();
  std::uint64_t a = n, b = 0;
  if (n >= 8) {
    a ^= load_u64(p);
    b = load_u64(p + n - 8);
    if (n > 16) {
      a ^= std::rotl(load_u64(p + 8), 29) ^ std::rotl(load_u64(p + n / 2 - 4), 47);
    }
  } else if (n >= 4) {
    b = (std::uint64_t{load_u32(p)} << 32) | load_u32(p + n - 4);
  } else if (n > 0) {
    b = static_cast<unsigned char>(p[0]) | (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
        (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16);
  }
  return ((a * 0x9e3779b97f4a7c15ULL) ^ b) * 0xc2b2ae3d27d4eb4fULL;
}

class ExactCounts {
 public:
  // Adds `n` to the count of `key`, whose hash_key() is `hash`; with its key_fingerprint(),
  // the memo remembers where it is.
  void add_hashed(std::string_view key, std::uint64_t hash, std::uint64_t n) { remember(insert(key, hash, n), 0); }
  void add_hashed(std::string_view key, std::uint64_t hash, std::uint64_t n, std::uint64_t fingerprint) {
    remember(insert(key, hash, n), fingerprint);
  }
  void add(std::string_view key, std::uint64_t n = 1) { add_hashed(key, hash_key(key), n); }
  // Adds `n` to `key` if it is already counted (the common case, which needs no memory);
  // false, and nothing done, for a new key. A `fingerprint` of 0 is none.
  bool add_existing(std::string_view key, std::uint64_t hash, std::uint64_t n, std::uint64_t fingerprint) noexcept {
    if (slots_.empty()) return false;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.count == 0) return false;
      if (s.hash == hash && same_key(this->key(s), key)) {
        s.count += n;
        remember(i, fingerprint);
        return true;
      }
    }
  }
  // Adds `n` to `key` if the memo entry of its key_fingerprint() names the slot holding it;
  // false otherwise (then add_existing() or add_hashed()).
  bool add_remembered(std::string_view key, std::uint64_t fingerprint, std::uint64_t n) noexcept {
    if (memo_.empty()) return false;
    const std::uint32_t at = memo_[fingerprint >> memo_shift_];
    if (at == 0) return false;
    Slot& s = slots_[at - 1];
    if (!same_key(this->key(s), key)) return false;
    s.count += n;
    return true;
  }
  // Adds every count of `other`, reusing its hashes.
  void merge(const ExactCounts& other);
  size_t size() const noexcept { return used_; }
  // Memory held: the slot array, the memo and the key arena.
  size_t bytes() const noexcept {
    return slots_.capacity() * sizeof(Slot) + memo_.capacity() * sizeof(std::uint32_t) + arena_.capacity();
  }
  // The most memory adding a new key of `key_size` bytes can hold at once: while the slot
  // array or the arena grows, the old and the new one are both alive (and the memo is
  // allocated anew, at most kMaxMemo entries).
  size_t peak_bytes_to_add(size_t key_size) const noexcept {
    const size_t slot_bytes = slots_.capacity() * sizeof(Slot);
    const size_t memo_bytes = memo_.capacity() * sizeof(std::uint32_t);
    const size_t grown_slots = 2 * (used_ + 1) > slots_.size() ? 3 * std::max<size_t>(slot_bytes, 8 * sizeof(Slot)) +
                                                                     kMaxMemo * sizeof(std::uint32_t)
                                                               : slot_bytes + memo_bytes;
    const size_t grown_arena =
        arena_.size() + key_size > arena_.capacity() ? 3 * (arena_.size() + key_size) : arena_.capacity();
    return grown_slots + grown_arena;
  }
  // Calls f(key, hash, count) for every key, in table order.
  template <typename F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.count != 0) f(key(s), s.hash, s.count);
    }
  }
  // All keys, ranked (see ranks_before); the `n` first when n > 0.
  std::vector<CountedKey> ranked(size_t n = 0) const;
  void clear() noexcept;

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t count = 0;  // 0: empty slot
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  std::string_view key(const Slot& s) const noexcept { return {arena_.data() + s.offset, s.length}; }
  // Counts `key`, inserting it if new; returns its slot.
  size_t insert(std::string_view key, std::uint64_t hash, std::uint64_t n);
  void remember(size_t slot, std::uint64_t fingerprint) noexcept {
    if (fingerprint != 0) memo_[fingerprint >> memo_shift_] = static_cast<std::uint32_t>(slot + 1);
  }
  void grow();

  // Memo entries: as many as slots, up to this many (4 KiB), so that the memos of the tables
  // a scan touches stay in the first-level cache.
  static constexpr size_t kMaxMemo = 1024;
  std::vector<Slot> slots_;          // power-of-two size, at most half full
  std::vector<std::uint32_t> memo_;  // slot index + 1, or 0; power-of-two size
  unsigned memo_shift_ = 63;         // 64 - log2(memo size)
  std::string arena_;                // every key's bytes, back to back
  size_t used_ = 0;
};

class SpaceSaving {
 public:
  using Item = CountedKey;

  explicit SpaceSaving(size_t capacity = 64) : capacity_(capacity) {}

  void add(std::string_view key, std::uint64_t n = 1);
  void merge(const SpaceSaving& other);
  // The `n` largest, ranked.
  std::vector<Item> top(size_t n) const;
  // True once a key was evicted: counts may be overestimates.
  bool approximate() const noexcept { return approximate_; }
  std::uint64_t total() const noexcept { return total_; }
  size_t capacity() const noexcept { return capacity_; }
  const std::vector<Item>& items() const noexcept { return items_; }
  // Restores a sketch from its items (a partial summary, or exact counts cut to capacity).
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

class TopCounts {
 public:
  explicit TopCounts(size_t capacity = 64) : sketch_(capacity) {}

  // Adds `n` to `key`, whose hash_key() is `hash` (ignored once sketched), and whose
  // key_fingerprint() is `fingerprint` (0: none).
  void add(std::string_view key, std::uint64_t hash, std::uint64_t n = 1, std::uint64_t fingerprint = 0) {
    total_ += n;
    if (sketched_) {
      sketch_.add(key, n);
    } else {
      exact_.add_hashed(key, hash, n, fingerprint);
    }
  }
  void add(std::string_view key) { add(key, sketched_ ? 0 : hash_key(key)); }
  // ExactCounts::add_remembered and add_existing, while exact.
  bool add_remembered(std::string_view key, std::uint64_t fingerprint, std::uint64_t n) noexcept {
    if (sketched_ || !exact_.add_remembered(key, fingerprint, n)) return false;
    total_ += n;
    return true;
  }
  bool add_existing(std::string_view key, std::uint64_t hash, std::uint64_t n, std::uint64_t fingerprint) noexcept {
    if (sketched_ || !exact_.add_existing(key, hash, n, fingerprint)) return false;
    total_ += n;
    return true;
  }
  // Exact plus exact stays exact; otherwise both sides become sketches and merge.
  void merge(const TopCounts& other);
  // Calls f(key, hash, count) for every exact count (nothing once sketched).
  template <typename F>
  void for_each_exact(F&& f) const {
    if (!sketched_) exact_.for_each(f);
  }
  // Past the memory budget: keep the `capacity` largest counts in a sketch, free the table.
  void to_sketch();

  // The `n` largest, ranked.
  std::vector<CountedKey> top(size_t n) const;
  // What a key left out of top(n) may have at most: the next candidate's count, or, when the
  // sketch is full, the smallest count held (an evicted or unseen key has no more). An entry
  // of top(n) is certain to belong there when its guaranteed count (count - error) beats it;
  // with exact counts, every entry is. 0 while exact.
  std::uint64_t uncertain_bound(size_t n) const;
  bool certain(const CountedKey& item, std::uint64_t bound) const noexcept {
    return !approximate() || item.count - item.error > bound;
  }
  // Everything held (all exact counts, or the sketch's items), for partial summaries.
  std::vector<CountedKey> items() const;
  // Restores from items(): exact counts unless `sketched`.
  void restore(std::vector<CountedKey> items, std::uint64_t total, bool sketched, bool approximate);

  bool sketched() const noexcept { return sketched_; }
  // True when a count may be an overestimate (a sketch that evicted a key).
  bool approximate() const noexcept { return sketched_ && sketch_.approximate(); }
  std::uint64_t total() const noexcept { return total_; }
  size_t capacity() const noexcept { return sketch_.capacity(); }
  size_t bytes() const noexcept { return sketched_ ? 0 : exact_.bytes(); }
  size_t peak_bytes_to_add(size_t key_size) const noexcept {
    return sketched_ ? 0 : exact_.peak_bytes_to_add(key_size);
  }

 private:
  ExactCounts exact_;
  SpaceSaving sketch_;
  std::uint64_t total_ = 0;
  bool sketched_ = false;
};

}  // namespace statuslint
