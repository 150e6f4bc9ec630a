#include "statuslint/formats/har_entry_splitter.hpp"

#include <algorithm>
#include <bit>

namespace statuslint {
namespace {

// Classes of the structural index the entries walk uses (after '\n' and '\\').
constexpr std::string_view kNeedles = "\"{}[]";
constexpr unsigned kQuote = StructuralIndex::kFirstNeedle;
constexpr unsigned kOpenBrace = kQuote + 1, kCloseBrace = kQuote + 2, kOpenBracket = kQuote + 3,
                   kCloseBracket = kQuote + 4;

// Bit i set when an odd number of quotes lie at or before i: the inside of strings, with
// each opening quote in and each closing quote out.
constexpr std::uint64_t prefix_xor(std::uint64_t x) noexcept {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

constexpr size_t kHeadBytes = size_t{64} << 10;

// Set bits, counted inline: the portable build has no POPCNT, and std::popcount there is a
// libgcc call per 64-byte block (2% of a HAR scan).
constexpr unsigned count_bits(std::uint64_t x) noexcept {
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
  return static_cast<unsigned>((x * 0x0101010101010101ULL) >> 56);
}
static_assert(count_bits(0) == 0 && count_bits(~std::uint64_t{0}) == 64 && count_bits(0x8000000000000001ULL) == 2);

constexpr std::uint64_t below(unsigned bit) noexcept { return bit == 0 ? 0 : ~std::uint64_t{0} >> (64 - bit); }

}  // namespace

HarEntrySplitter::HarEntrySplitter(size_t max_entry_bytes, StructuralIndex::Isa isa)
    : max_entry_bytes_(max_entry_bytes),
      index_(kNeedles, isa),
      // Every CPU with AVX2 has POPCNT, so the ISA the kernel runs at settles it (and a
      // forced scalar or SSE2 kernel runs the portable walk, which is how tests reach it).
      popcnt_(isa >= StructuralIndex::Isa::Avx2) {}

void HarEntrySplitter::feed(std::string_view bytes, const OnEntry& on_entry) {
  while (!bytes.empty() && error_.empty()) {
    const size_t used = phase_ == Phase::Entries ? walk_entries(bytes, on_entry) : walk_bytes(bytes);
    offset_ += used;
    bytes.remove_prefix(used);
  }
}

size_t HarEntrySplitter::walk_bytes(std::string_view bytes) {
  if (phase_ == Phase::Head && head_.size() < kHeadBytes) {
    head_.append(bytes.substr(0, std::min(bytes.size(), kHeadBytes - head_.size())));
  }
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
        continue;
      } else if (c == '"') {
        in_string_ = false;
        if (depth_ >= 0 && depth_ <= 2) last_string_[depth_] = string_;
        continue;
      }
      if (string_.size() < 16) string_ += c;
      continue;
    }
    if (c == '\n') ++line_;
    if (!saw_root_) {
      // Whitespace, and Fiddler's byte order mark, may come before the document.
      const bool bom = offset_ + i < 3 && static_cast<unsigned char>(c) >= 0xbb;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || bom) continue;
      if (c != '{') {
        not_object_ = true;
        return bytes.size();
      }
      saw_root_ = true;
      depth_ = 1;
      continue;
    }
    switch (c) {
      case '"':
        in_string_ = true;
        string_.clear();
        break;
      case '[':
        if (phase_ == Phase::Head && depth_ == 2 && log_open_ && last_string_[2] == "entries") {
          phase_ = Phase::Entries;
          entry_depth_ = 0;
          gap_commas_ = 0;
          block_in_string_ = block_escape_ = false;
          return i + 1;
        }
        ++depth_;
        break;
      case '{':
        if (depth_ == 1 && last_string_[1] == "log") log_open_ = true;
        ++depth_;
        break;
      case '}':
      case ']':
        --depth_;
        if (depth_ == 1) log_open_ = false;
        if (depth_ == 0) closed_ = true;
        break;
      case ',':
        if (depth_ >= 0 && depth_ <= 2) last_string_[depth_].clear();
        break;
      default:
        break;
    }
  }
  return bytes.size();
}

// Inlined into both walks (see walk_entries_popcnt).
[[gnu::always_inline]] inline size_t HarEntrySplitter::walk_entries_inline(std::string_view bytes,
                                                                           const OnEntry& on_entry) {
  const char* const base = bytes.data();
  const char* const end = base + bytes.size();
  const char* window = base;
  while (window < end) {
    index_.build(window, end);
    const char* copy_from = window;                               // where the entry's bytes not yet copied start
    const char* gap_from = entry_depth_ == 0 ? window : nullptr;  // between entries, from here
    const auto offset_of = [&](const char* at) { return offset_ + static_cast<std::uint64_t>(at - base); };
    const size_t blocks = index_.blocks();
    const auto window_size = static_cast<size_t>(index_.end() - window);
    for (size_t b = 0; b < blocks; ++b) {
      const char* const block = window + b * 64;
      // The last block of a window may be partial: an escape carries from its last real byte.
      const auto last_bit = static_cast<unsigned>(std::min<size_t>(window_size - b * 64, 64) - 1);
      std::uint64_t backslashes = index_.mask(StructuralIndex::kBackslash, b);
      // A quote after an odd run of backslashes is escaped (runs may cross blocks).
      std::uint64_t escaped = 0;
      if (block_escape_) {
        escaped = 1;
        backslashes &= ~std::uint64_t{1};
        block_escape_ = false;
      }
      while (backslashes != 0) {
        const auto bit = static_cast<unsigned>(std::countr_zero(backslashes));
        backslashes &= backslashes - 1;
        if (bit == last_bit) {
          block_escape_ = true;
        } else {
          escaped |= std::uint64_t{1} << (bit + 1);
          backslashes &= ~(std::uint64_t{1} << (bit + 1));
        }
      }
      const std::uint64_t quotes = index_.mask(kQuote, b) & ~escaped;
      std::uint64_t in_string = prefix_xor(quotes);
      if (block_in_string_) in_string = ~in_string;
      block_in_string_ = (in_string >> 63) != 0;
      const std::uint64_t opens = (index_.mask(kOpenBrace, b) | index_.mask(kOpenBracket, b)) & ~in_string;
      const std::uint64_t closes = (index_.mask(kCloseBrace, b) | index_.mask(kCloseBracket, b)) & ~in_string;
      const std::uint64_t newlines = index_.mask(StructuralIndex::kNewline, b);
      // Inside an entry, a block with fewer closing brackets than the depth cannot end it:
      // its brackets only move the depth. Most blocks of an entry are such (a header object
      // per 64 bytes or so); not walking their brackets one by one takes a fifth off the walk,
      // which runs on the reading thread, the serial part of a -j run.
      if (const auto close_count = static_cast<int>(count_bits(closes)); entry_depth_ > close_count) {
        entry_depth_ += static_cast<int>(count_bits(opens)) - close_count;
        line_ += static_cast<std::uint64_t>(count_bits(newlines));
        continue;
      }
      std::uint64_t events = opens | closes;
      while (events != 0) {
        const auto bit = static_cast<unsigned>(std::countr_zero(events));
        events &= events - 1;
        const char* at = block + bit;
        if ((opens >> bit) & 1) {
          if (entry_depth_ == 0) {
            check_gap(gap_from, at, offset_of(gap_from));
            const std::uint64_t wanted = entries_ == 0 ? 0 : 1;
            if (error_.empty() && gap_commas_ != wanted) {
              error_ = "entry " + std::to_string(entries_) +
                       (wanted == 1 ? ": expected ',' between entries" : ": unexpected ',' before it");
            }
            if (error_.empty() && *at != '{') error_ = "entry " + std::to_string(entries_) + ": not an object";
            if (!error_.empty()) {
              error_ += " at byte " + std::to_string(offset_of(at));
              return bytes.size();
            }
            gap_commas_ = 0;
            entry_size_ = 0;
            in_entry_ = true;
            entry_.clear();
            copy_from = at;
            entry_offset_ = offset_ + static_cast<std::uint64_t>(at - base);
            entry_line_ = line_ + static_cast<std::uint64_t>(count_bits(newlines & below(bit)));
          }
          ++entry_depth_;
          continue;
        }
        if (entry_depth_ == 0) {  // the bracket that closes log.entries
          check_gap(gap_from, at, offset_of(gap_from));
          if (error_.empty() && (gap_commas_ != 0 || *at != ']')) {
            error_ = "entry " + std::to_string(entries_) + ": expected ']' at the end of log.entries at byte " +
                     std::to_string(offset_of(at));
          }
          if (!error_.empty()) return bytes.size();
          line_ += static_cast<std::uint64_t>(count_bits(newlines & below(bit + 1)));
          phase_ = Phase::Tail;
          depth_ = 2;  // inside log
          log_open_ = true;
          return static_cast<size_t>(at + 1 - base);
        }
        if (--entry_depth_ == 0) {
          const std::string_view whole(copy_from, static_cast<size_t>(at + 1 - copy_from));
          Entry e;
          entry_size_ += whole.size();
          if (entry_size_ > max_entry_bytes_) {
            e.oversized = true;
          } else if (entry_.empty()) {
            e.json = whole;  // within this read: no copy
          } else {
            entry_.append(whole);
            e.json = entry_;
          }
          e.size = entry_size_;
          gap_from = at + 1;
          e.index = entries_++;
          e.line = entry_line_;
          e.offset = entry_offset_;
          in_entry_ = false;
          on_entry(e);
          entry_.clear();
        }
      }
      line_ += static_cast<std::uint64_t>(count_bits(newlines));
    }
    if (in_entry_) {
      const auto part = static_cast<size_t>(index_.end() - copy_from);
      entry_size_ += part;
      if (entry_size_ > max_entry_bytes_) {
        std::string().swap(entry_);  // not held: memory stays bounded
      } else {
        entry_.append(copy_from, part);
      }
    } else if (gap_from != nullptr) {
      check_gap(gap_from, index_.end(), offset_of(gap_from));
      if (!error_.empty()) return bytes.size();
    }
    window = index_.end();
  }
  return bytes.size();
}

size_t HarEntrySplitter::walk_entries(std::string_view bytes, const OnEntry& on_entry) {
  return popcnt_ ? walk_entries_popcnt(bytes, on_entry) : walk_entries_inline(bytes, on_entry);
}

// The same walk compiled for POPCNT, which turns count_bits into one instruction.
__attribute__((target("popcnt"))) size_t HarEntrySplitter::walk_entries_popcnt(std::string_view bytes,
                                                                               const OnEntry& on_entry) {
  return walk_entries_inline(bytes, on_entry);
}

void HarEntrySplitter::check_gap(const char* from, const char* to, std::uint64_t from_offset) {
  if (from == nullptr || !error_.empty()) return;
  for (const char* p = from; p < to; ++p) {
    if (*p == ',') {
      ++gap_commas_;
    } else if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t') {
      error_ = "entry " + std::to_string(entries_) + ": expected an object or ',' in log.entries at byte " +
               std::to_string(from_offset + static_cast<std::uint64_t>(p - from));
      return;
    }
  }
}

HarEntrySplitter::End HarEntrySplitter::finish() const noexcept {
  if (not_object_ || !saw_root_) return End::NotObject;
  switch (phase_) {
    case Phase::Head:
      return End::NoEntries;
    case Phase::Entries:
      return End::Truncated;
    case Phase::Tail:
      return closed_ ? End::Complete : End::Truncated;
  }
  return End::Truncated;
}

}  // namespace statuslint
