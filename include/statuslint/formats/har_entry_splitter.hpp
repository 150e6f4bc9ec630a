// Streaming HAR: finds each element of log.entries in a byte stream without parsing the
// document, so that a HAR of any size is read in bounded memory and its entries can be
// parsed on several threads (each with simdjson On-Demand, entry by entry).
//
// Up to the entries array the splitter walks bytes one by one, tracking keys (the document
// head is small); inside it, it works on 64-byte blocks the way simdjson's stage 1 does:
// masks of quotes, backslashes and brackets from the structural index, escaped quotes
// removed, the inside of strings found by a prefix XOR of the quote mask, and only the
// brackets outside strings walked to follow the depth. An entry's bytes are copied out as
// they pass (an entry may span reads); everything else is only looked at.
//
//   HarEntrySplitter split;
//   while (size_t n = source.read(buf, size)) split.feed({buf, n}, on_entry);
//   switch (split.finish()) { ... }
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "statuslint/formats/structural_index.hpp"

namespace statuslint {

class HarEntrySplitter {
 public:
  struct Entry {
    std::string_view json;     // the entry's object, exactly as written
    std::uint64_t index = 0;   // in log.entries, from 0
    std::uint64_t line = 1;    // the line the entry starts on
    std::uint64_t offset = 0;  // byte offset of its first byte in the input
    // Longer than the entry limit: `json` is empty and `size` says how long it was.
    bool oversized = false;
    std::uint64_t size = 0;
  };
  using OnEntry = std::function<void(const Entry&)>;

  enum class End : std::uint8_t {
    Complete,   // the document closed after the entries array
    NotObject,  // the input does not start with a JSON object
    NoEntries,  // the document has no log.entries array
    Truncated,  // the input ends inside the entries array or after it, before the document closed
  };

  // Entries longer than `max_entry_bytes` are not held (memory stays bounded): they are
  // reported oversized. `isa` picks the structural kernel (tests pass each one; STATUSLINT_ISA
  // overrides the default), and with it the block walk: with POPCNT from AVX2 on.
  explicit HarEntrySplitter(size_t max_entry_bytes = size_t{16} << 20,
                            StructuralIndex::Isa isa = StructuralIndex::best_isa());
  // Feeds the next bytes of the input; calls `on_entry` for every entry that completes in
  // them (the view is valid during the call).
  void feed(std::string_view bytes, const OnEntry& on_entry);
  // After the last feed: how the document ended.
  End finish() const noexcept;

  std::uint64_t entries() const noexcept { return entries_; }
  // The document before log.entries (its first 64 KiB): where log.creator is.
  std::string_view head() const noexcept { return head_; }
  std::uint64_t bytes() const noexcept { return offset_; }
  // True when the input ended inside an entry (finish() == Truncated).
  bool inside_entry() const noexcept { return in_entry_; }
  // Not empty when log.entries holds something other than objects separated by commas: what
  // was expected, and where ("entry 3: expected ',' between entries at byte 1200"). The
  // splitter stops there; the entries before it were handed on.
  const std::string& error() const noexcept { return error_; }

 private:
  enum class Phase : std::uint8_t { Head, Entries, Tail };
  // Byte-at-a-time walk of the head and the tail; returns bytes consumed (stops at the
  // entries array's opening bracket, after which the block walk takes over).
  size_t walk_bytes(std::string_view bytes);
  // Block walk inside the entries array; returns bytes consumed (stops after the closing
  // bracket, or at the end of `bytes`). Compiled twice, for POPCNT and without, and picked by
  // `popcnt_`: counting a block's newlines and brackets is most of the walk.
  size_t walk_entries(std::string_view bytes, const OnEntry& on_entry);
  size_t walk_entries_popcnt(std::string_view bytes, const OnEntry& on_entry);
  size_t walk_entries_inline(std::string_view bytes, const OnEntry& on_entry);

  Phase phase_ = Phase::Head;
  std::uint64_t offset_ = 0;  // bytes fed so far
  std::uint64_t line_ = 1;    // line at offset_ (counted up to where the walk is)
  std::uint64_t entries_ = 0;

  // Head and tail state.
  int depth_ = 0;
  bool in_string_ = false, escaped_ = false, saw_root_ = false, not_object_ = false, log_open_ = false;
  std::string string_;          // the string being read (keys are short: capped)
  std::string last_string_[3];  // the last string closed at depth 0..2 (the key before a value)
  bool closed_ = false;         // the root object closed
  std::string head_;

  // Entries state: depth relative to the array (0 = between entries).
  int entry_depth_ = 0;
  bool block_in_string_ = false, block_escape_ = false;
  bool in_entry_ = false;
  // Between entries: what the gap held so far (whitespace and commas are all it may hold).
  // Checked from gap_from_ when the next entry or the end of the array comes.
  void check_gap(const char* from, const char* to, std::uint64_t from_offset);
  std::uint64_t gap_commas_ = 0;
  std::string error_;
  size_t max_entry_bytes_;
  std::uint64_t entry_size_ = 0;
  std::string entry_;  // the bytes of the entry being read
  std::uint64_t entry_offset_ = 0, entry_line_ = 1;
  StructuralIndex index_;
  bool popcnt_ = false;  // the walk counts bits with POPCNT
};

}  // namespace statuslint
