#include "statuslint/formats/structural_index.hpp"

#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(_M_X64)
#define STATUSLINT_X86 1
#include <immintrin.h>
#endif

namespace statuslint {
namespace {

using MaskRow = std::array<std::uint64_t, StructuralIndex::kRowBlocks>;

// Every kernel writes, for blocks [0, blocks) of `p` and each class c < classes, the bit
// mask of the bytes equal to bytes[c] into rows[c][first + block].
using Kernel = void (*)(const char* p, size_t blocks, const char* bytes, unsigned classes, MaskRow* rows, size_t first);

void scalar_kernel(const char* p, size_t blocks, const char* bytes, unsigned classes, MaskRow* rows, size_t first) {
  for (size_t b = 0; b < blocks; ++b) {
    const char* block = p + b * 64;
    for (unsigned c = 0; c < classes; ++c) {
      std::uint64_t m = 0;
      for (unsigned i = 0; i < 64; ++i) m |= std::uint64_t{block[i] == bytes[c]} << i;
      rows[c][first + b] = m;
    }
  }
}

#if STATUSLINT_X86
void sse2_kernel(const char* p, size_t blocks, const char* bytes, unsigned classes, MaskRow* rows, size_t first) {
  for (size_t b = 0; b < blocks; ++b) {
    const char* block = p + b * 64;
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 32));
    const __m128i v3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 48));
    for (unsigned c = 0; c < classes; ++c) {
      const __m128i needle = _mm_set1_epi8(bytes[c]);
      const auto m0 = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v0, needle))));
      const auto m1 = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v1, needle))));
      const auto m2 = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v2, needle))));
      const auto m3 = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v3, needle))));
      rows[c][first + b] = m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
    }
  }
}

__attribute__((target("avx2"))) void avx2_kernel(const char* p, size_t blocks, const char* bytes, unsigned classes,
                                                 MaskRow* rows, size_t first) {
  for (size_t b = 0; b < blocks; ++b) {
    const char* block = p + b * 64;
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32));
    for (unsigned c = 0; c < classes; ++c) {
      const __m256i needle = _mm256_set1_epi8(bytes[c]);
      const auto m0 =
          static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, needle))));
      const auto m1 =
          static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, needle))));
      rows[c][first + b] = m0 | (m1 << 32);
    }
  }
}

__attribute__((target("avx512f,avx512bw"))) void avx512_kernel(const char* p, size_t blocks, const char* bytes,
                                                               unsigned classes, MaskRow* rows, size_t first) {
  for (size_t b = 0; b < blocks; ++b) {
    const __m512i v = _mm512_loadu_si512(p + b * 64);
    for (unsigned c = 0; c < classes; ++c) {
      rows[c][first + b] = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(bytes[c]));
    }
  }
}
#endif

Kernel kernel_for(StructuralIndex::Isa isa) noexcept {
  switch (isa) {
#if STATUSLINT_X86
    case StructuralIndex::Isa::Avx512:
      return avx512_kernel;
    case StructuralIndex::Isa::Avx2:
      return avx2_kernel;
    case StructuralIndex::Isa::Sse2:
      return sse2_kernel;
#endif
    default:
      return scalar_kernel;
  }
}

}  // namespace

bool StructuralIndex::supported(Isa isa) noexcept {
#if STATUSLINT_X86
  switch (isa) {
    case Isa::Scalar:
    case Isa::Sse2:
      return true;
    case Isa::Avx2:
      return __builtin_cpu_supports("avx2") != 0;
    case Isa::Avx512:
      return __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512bw") != 0;
  }
  return false;
#else
  return isa == Isa::Scalar;
#endif
}

std::string_view StructuralIndex::name(Isa isa) noexcept {
  switch (isa) {
    case Isa::Scalar:
      return "scalar";
    case Isa::Sse2:
      return "sse2";
    case Isa::Avx2:
      return "avx2";
    case Isa::Avx512:
      return "avx512";
  }
  return "scalar";
}

StructuralIndex::Isa StructuralIndex::best_isa() noexcept {
  static const Isa chosen = [] {
    // An override names an instruction set; one the CPU lacks falls back to the best it has.
    if (const char* forced = std::getenv("STATUSLINT_ISA"); forced != nullptr) {
      for (const Isa isa : {Isa::Scalar, Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
        if (name(isa) == forced && supported(isa)) return isa;
      }
    }
    for (const Isa isa : {Isa::Avx512, Isa::Avx2, Isa::Sse2}) {
      if (supported(isa)) return isa;
    }
    return Isa::Scalar;
  }();
  return chosen;
}

StructuralIndex::StructuralIndex(std::string_view needles, Isa isa) noexcept
    : isa_(supported(isa) ? isa : Isa::Scalar) {
  bytes_[kNewline] = '\n';
  bytes_[kBackslash] = '\\';
  for (const char c : needles.substr(0, kMaxNeedles)) bytes_[classes_++] = c;
}

void StructuralIndex::build(const char* begin, const char* end) noexcept {
  begin_ = begin;
  const size_t size = std::min(static_cast<size_t>(end - begin), kWindowBytes);
  end_ = begin + size;
  const Kernel kernel = kernel_for(isa_);
  const size_t whole = size / 64;
  kernel(begin, whole, bytes_.data(), classes_, masks_.data(), 0);
  if (const size_t tail = size % 64; tail != 0) {
    // The last, partial block is copied so that no load reads past the input. NUL matches no
    // class, so the padding sets no bit.
    alignas(64) char padded[64] = {};
    std::memcpy(padded, begin + whole * 64, tail);
    kernel(padded, 1, bytes_.data(), classes_, masks_.data(), whole);
  }
  std::uint64_t backslashes = 0;
  for (size_t b = 0; b < blocks(); ++b) backslashes |= masks_[kBackslash][b];
  has_backslash_ = backslashes != 0;
}

}  // namespace statuslint
