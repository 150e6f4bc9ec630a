// Byte-level text facts that every stage may use: ASCII case folding (header names, methods,
// preset and kind names compare case-insensitively in ASCII only, as HTTP says), the length
// of a UTF-8 sequence (readers repair invalid bytes; reporters escape them), and word loads and
// comparisons of short byte runs for hot paths. It knows nothing of HTTP or logs, which is why
// it sits outside the stage folders.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace statuslint {

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// True when `a` and `b` are equal ignoring ASCII case (bytes >= 0x80 compare exactly).
constexpr bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// The index (0 to 7) of the first byte `c` among the eight bytes of `word`, loaded from
// memory (little-endian), or 8 when there is none: a SWAR zero-byte test, without a byte loop
// or a library search.
constexpr unsigned first_byte_in_word(std::uint64_t word, char c) noexcept {
  const std::uint64_t x = word ^ (0x0101010101010101ULL * static_cast<unsigned char>(c));  // `c` becomes zero
  const std::uint64_t zero = (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
  return zero == 0 ? 8 : static_cast<unsigned>(std::countr_zero(zero) / 8);  // the lowest is exact
}

// The first space of a request line's short first word (its method).
constexpr unsigned first_space_in_word(std::uint64_t word) noexcept { return first_byte_in_word(word, ' '); }

// Unaligned little-endian word loads (memcpy compiles to one load).
inline std::uint64_t load_u64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline std::uint32_t load_u32(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// True when the `n` bytes at `x` and `y` are equal, compared inline with word loads rather
// than by a call to memcmp, whose branches on the length the predictor cannot learn when
// keys of every length alternate: up to 16 bytes (client addresses, short paths, the parts
// of a timestamp) with two overlapping loads a side; longer runs (paths, user agents) 16
// bytes at a time with no early exit, since the callers nearly always compare equal keys.
inline bool same_bytes(const char* x, const char* y, size_t n) noexcept {
  if (n > 16) {
#if defined(__SSE2__)
    // SSE2 is in every x86-64: a 16-byte step is a load, an XOR and an OR a side.
    const auto load = [](const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
    __m128i diff = _mm_xor_si128(load(x + n - 16), load(y + n - 16));
    for (size_t i = 0; i + 16 < n; i += 16) diff = _mm_or_si128(diff, _mm_xor_si128(load(x + i), load(y + i)));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(diff, _mm_setzero_si128())) == 0xffff;
#else
    std::uint64_t diff = 0;
    for (size_t i = 0; i + 16 < n; i += 16) {
      diff |= (load_u64(x + i) ^ load_u64(y + i)) | (load_u64(x + i + 8) ^ load_u64(y + i + 8));
    }
    return (diff | (load_u64(x + n - 16) ^ load_u64(y + n - 16)) | (load_u64(x + n - 8) ^ load_u64(y + n - 8))) == 0;
#endif
  }
  if (n >= 8) return ((load_u64(x) ^ load_u64(y)) | (load_u64(x + n - 8) ^ load_u64(y + n - 8))) == 0;
  if (n >= 4) return ((load_u32(x) ^ load_u32(y)) | (load_u32(x + n - 4) ^ load_u32(y + n - 4))) == 0;
  return n == 0 || (x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1]);
}

// The index of the first `c` in `s`, or s.size() when there is none. Inline, for short runs
// searched once per record (a path's query string), where calling memchr costs more than the
// search: 16 bytes at a time with SSE2 (the last 16 overlapping), a word test from 8 bytes,
// and bytes below that.
inline size_t find_byte(std::string_view s, char c) noexcept {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i needle = _mm_set1_epi8(c);
    const auto matches = [&needle](const char* at) {
      return static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), needle)));
    };
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      if (const unsigned m = matches(p + i); m != 0) return i + static_cast<size_t>(std::countr_zero(m));
    }
    if (i == n) return n;
    // The last 16 bytes: those before `i` were searched already.
    const unsigned m = matches(p + n - 16) >> (i + 16 - n);
    return m != 0 ? i + static_cast<size_t>(std::countr_zero(m)) : n;
  }
#endif
  if (n >= 8) {
    for (size_t i = 0; i + 8 <= n; i += 8) {
      if (const unsigned at = first_byte_in_word(load_u64(p + i), c); at < 8) return i + at;
    }
    const size_t from = n & ~size_t{7};  // bytes from here on were not searched
    if (from == n) return n;
    // The last word, shifted so that its first byte is `from`'s (the bytes shifted in are
    // zeros, which a search for a zero byte would find: hence the bound).
    const unsigned at = first_byte_in_word(load_u64(p + n - 8) >> (8 * (from + 8 - n)), c);
    return at < n - from ? from + at : n;
  }
  for (size_t i = 0; i < n; ++i) {
    if (p[i] == c) return i;
  }
  return n;
}

// Length of the well-formed UTF-8 sequence at the start of `s` (1 to 4), or 0 when it is not
// one: a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, or cut short.
constexpr size_t utf8_sequence_length(std::string_view s) noexcept {
  if (s.empty()) return 0;
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xbf;  // allowed range of the second byte
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3;
    if (b0 == 0xe0) lo = 0xa0;  // overlong
    if (b0 == 0xed) hi = 0x9f;  // surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4;
    if (b0 == 0xf0) lo = 0x90;  // overlong
    if (b0 == 0xf4) hi = 0x8f;  // past U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < len) return 0;
  const auto b1 = static_cast<unsigned char>(s[1]);
  if (b1 < lo || b1 > hi) return 0;
  for (size_t i = 2; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return len;
}

}  // namespace statuslint
