// The structural index of the fast text path: for a window of input, one bit mask per
// 64-byte block for each byte a format cares about (the line end, the backslash, and the
// first byte of each literal between fields), built with SIMD compares the way simdjson's
// stage 1 builds its structural masks. Finding the end of a field is then a shift and a
// count of trailing zeros, not a byte search restarted at every field.
//
// The instruction set is picked once at run time (AVX-512BW, AVX2 or SSE2 on x86-64, plain
// C++ elsewhere), so the default build stays portable; STATUSLINT_ISA=scalar|sse2|avx2|avx512
// overrides it (tests run every kernel against the scalar one).
//
//   StructuralIndex index(format.structural_bytes());
//   index.build(line_start, chunk_end);        // a window starting where a line starts
//   const char* q = index.next(2, p, line_end); // the next byte of class 2, or nullptr
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace statuslint {

class StructuralIndex {
 public:
  static constexpr unsigned kNewline = 0;    // class of '\n'
  static constexpr unsigned kBackslash = 1;  // class of '\\'
  static constexpr unsigned kFirstNeedle = 2;
  static constexpr size_t kMaxNeedles = 5;
  static constexpr size_t kWindowBlocks = 256;  // 16 KiB of input, 12 KiB of masks: stays in L1
  static constexpr size_t kWindowBytes = kWindowBlocks * 64;
  static constexpr size_t kRowBlocks = kWindowBlocks + 2;  // a mask row: the window and two spare blocks

  enum class Isa : std::uint8_t { Scalar, Sse2, Avx2, Avx512 };

  // Indexes '\n', '\\' and `needles` (classes kFirstNeedle + i; at most kMaxNeedles, none of
  // them '\n', '\\' or NUL).
  explicit StructuralIndex(std::string_view needles, Isa isa = best_isa()) noexcept;

  // Indexes [begin, min(end, begin + kWindowBytes)).
  void build(const char* begin, const char* end) noexcept;
  const char* begin() const noexcept { return begin_; }
  const char* end() const noexcept { return end_; }  // end of the indexed window

  // The first byte of class `c` in [from, limit), or nullptr. begin() <= `from` <= end() and
  // `limit` <= end(); a `from` past `limit` finds nothing.
  [[gnu::always_inline]] const char* next(unsigned c, const char* from, const char* limit) const noexcept {
    // The 64 bytes from `from` on, from its block and the next: a field ending within them
    // (nearly every field) is found with no branch on where the blocks part, which a
    // predictor cannot learn. A hit at or past `limit` is none, which also covers `from` >=
    // `limit` (blocks past end() may hold an earlier window's bits, but only at or past
    // end(); the spare blocks keep the loads in bounds).
    const auto offset = static_cast<size_t>(from - begin_);
    const size_t block = offset >> 6;
    const unsigned shift = offset & 63;
    const std::uint64_t bits = (masks_[c][block] >> shift) | ((masks_[c][block + 1] << 1) << (63 - shift));
    if (bits != 0) {
      const char* at = from + __builtin_ctzll(bits);
      return at < limit ? at : nullptr;
    }
    return next_block(c, block, limit);
  }

  // The bytes of one class front to back, for a caller whose `from` never moves back (the
  // line ends): the current block's mask is kept, so the next byte costs a shift and a count,
  // not a search from `from`. reset() after each build().
  class Walker {
   public:
    Walker(const StructuralIndex& index, unsigned c) noexcept : index_(index), c_(c) {}
    void reset() noexcept { block_ = kNone; }
    // The first byte of the class in [from, end()), or nullptr.
    const char* next(const char* from) noexcept {
      const auto offset = static_cast<size_t>(from - index_.begin_);
      const auto stop = static_cast<size_t>(index_.end_ - index_.begin_);
      if (const size_t block = offset >> 6; block != block_) {
        block_ = block;
        bits_ = index_.masks_[c_][block];
      }
      bits_ &= ~std::uint64_t{0} << (offset & 63);
      while (bits_ == 0) {
        if ((++block_ << 6) >= stop) return nullptr;
        bits_ = index_.masks_[c_][block_];
      }
      const size_t at = (block_ << 6) + static_cast<size_t>(__builtin_ctzll(bits_));
      return at < stop ? index_.begin_ + at : nullptr;
    }

   private:
    static constexpr size_t kNone = ~size_t{0};
    const StructuralIndex& index_;
    unsigned c_;
    size_t block_ = kNone;
    std::uint64_t bits_ = 0;
  };

  // False when the window holds no backslash (nearly always): then no line in it needs the
  // per-line search for one.
  bool has_backslash() const noexcept { return has_backslash_; }

  // The raw mask of class `c` for 64-byte block `block` of the window (bits past end() are 0).
  std::uint64_t mask(unsigned c, size_t block) const noexcept { return masks_[c][block]; }
  size_t blocks() const noexcept { return (static_cast<size_t>(end_ - begin_) + 63) / 64; }

  // The instruction set the running CPU supports best, or the STATUSLINT_ISA override.
  static Isa best_isa() noexcept;
  static bool supported(Isa isa) noexcept;
  static std::string_view name(Isa isa) noexcept;
  Isa isa() const noexcept { return isa_; }

 private:
  // The first byte of class `c` in the blocks after `block`, before `limit`. Out of line:
  // the hot path inlines next() at every field.
  [[gnu::noinline]] const char* next_block(unsigned c, size_t block, const char* limit) const noexcept {
    const auto stop = static_cast<size_t>(limit - begin_);
    for (++block; (block << 6) < stop; ++block) {
      if (const std::uint64_t bits = masks_[c][block]; bits != 0) {
        const size_t at = (block << 6) + static_cast<size_t>(__builtin_ctzll(bits));
        return at < stop ? begin_ + at : nullptr;
      }
    }
    return nullptr;
  }

  // Two spare blocks, for next()'s loads at end() of a whole window.
  using Masks = std::array<std::array<std::uint64_t, kRowBlocks>, kFirstNeedle + kMaxNeedles>;
  Masks masks_{};
  std::array<char, kFirstNeedle + kMaxNeedles> bytes_{};
  unsigned classes_ = kFirstNeedle;
  bool has_backslash_ = false;
  Isa isa_;
  const char* begin_ = nullptr;
  const char* end_ = nullptr;
};

}  // namespace statuslint
