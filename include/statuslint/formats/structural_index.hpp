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

  enum class Isa : std::uint8_t { Scalar, Sse2, Avx2, Avx512 };

  // Indexes '\n', '\\' and `needles` (classes kFirstNeedle + i; at most kMaxNeedles, none of
  // them '\n', '\\' or NUL).
  explicit StructuralIndex(std::string_view needles, Isa isa = best_isa()) noexcept;

  // Indexes [begin, min(end, begin + kWindowBytes)).
  void build(const char* begin, const char* end) noexcept;
  const char* begin() const noexcept { return begin_; }
  const char* end() const noexcept { return end_; }  // end of the indexed window

  // The first byte of class `c` in [from, limit), or nullptr. `from` >= begin(), `limit` <= end().
  const char* next(unsigned c, const char* from, const char* limit) const noexcept {
    size_t offset = static_cast<size_t>(from - begin_);
    size_t block = offset >> 6;
    const size_t stop = static_cast<size_t>(limit - begin_);
    if (offset >= stop) return nullptr;
    std::uint64_t bits = masks_[c][block] & (~std::uint64_t{0} << (offset & 63));
    while (bits == 0) {
      ++block;
      if ((block << 6) >= stop) return nullptr;
      bits = masks_[c][block];
    }
    const size_t at = (block << 6) + static_cast<size_t>(__builtin_ctzll(bits));
    return at < stop ? begin_ + at : nullptr;
  }

  // The raw mask of class `c` for 64-byte block `block` of the window (bits past end() are 0).
  std::uint64_t mask(unsigned c, size_t block) const noexcept { return masks_[c][block]; }
  size_t blocks() const noexcept { return (static_cast<size_t>(end_ - begin_) + 63) / 64; }

  // The instruction set the running CPU supports best, or the STATUSLINT_ISA override.
  static Isa best_isa() noexcept;
  static bool supported(Isa isa) noexcept;
  static std::string_view name(Isa isa) noexcept;
  Isa isa() const noexcept { return isa_; }

 private:
  using Masks = std::array<std::array<std::uint64_t, kWindowBlocks>, kFirstNeedle + kMaxNeedles>;
  Masks masks_{};
  std::array<char, kFirstNeedle + kMaxNeedles> bytes_{};
  unsigned classes_ = kFirstNeedle;
  Isa isa_;
  const char* begin_ = nullptr;
  const char* end_ = nullptr;
};

}  // namespace statuslint
