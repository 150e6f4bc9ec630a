#include "statuslint/record/duration.hpp"

namespace statuslint {

namespace {

// Powers of ten that turn a value in `unit` into microseconds: the integer part is multiplied
// by 10^shift and that many fraction digits are kept (a negative shift divides).
int micro_shift(DurationUnit unit) noexcept {
  switch (unit) {
    case DurationUnit::Milliseconds:
      return 3;
    case DurationUnit::Microseconds:
      return 0;
    case DurationUnit::Nanoseconds:
      return -3;
    case DurationUnit::Seconds:
    case DurationUnit::None:
      break;
  }
  return 6;
}

// One number: digits, optionally '.' and digits. Returns false on anything else.
bool one_value(std::string_view s, int shift, std::int64_t& out) noexcept {
  if (s.empty()) return false;
  std::uint64_t whole = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (whole > (std::uint64_t{1} << 50)) return false;  // far past any request time
    whole = whole * 10 + static_cast<unsigned>(s[i] - '0');
  }
  const size_t int_digits = i;
  std::uint64_t frac = 0;
  int frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (frac_digits < shift) {
        frac = frac * 10 + static_cast<unsigned>(s[i] - '0');
        ++frac_digits;
      }
    }
    if (int_digits == 0 && frac_digits == 0 && shift > 0) return false;  // "." alone
  } else if (int_digits == 0) {
    return false;
  }
  if (i != s.size()) return false;
  std::uint64_t v = whole;
  if (shift >= 0) {
    for (int k = 0; k < shift; ++k) v *= 10;
    for (int k = frac_digits; k < shift; ++k) frac *= 10;
    v += frac;
  } else {
    for (int k = 0; k < -shift; ++k) v /= 10;
  }
  out = static_cast<std::int64_t>(v);
  return true;
}

}  // namespace

std::int64_t duration_micros(std::string_view text, DurationUnit unit) noexcept {
  const int shift = micro_shift(unit);
  // The common case, one plain value ("0.123", "226"): one pass. Lists, spaces, signs and
  // anything odd take the general path below.
  static constexpr std::uint64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  // nginx writes every time as "%T.%03M" (seconds, then exactly three digits of milliseconds),
  // and so do most that log seconds: the fraction is read without a loop.
  const size_t n = text.size();
  if (shift >= 3 && n >= 5 && n < 16 && text[n - 4] == '.') {
    const unsigned f0 = static_cast<unsigned>(text[n - 3] - '0');
    const unsigned f1 = static_cast<unsigned>(text[n - 2] - '0');
    const unsigned f2 = static_cast<unsigned>(text[n - 1] - '0');
    bool ok = (f0 < 10) & (f1 < 10) & (f2 < 10);
    std::uint64_t whole = 0;
    for (size_t i = 0; i + 4 < n; ++i) {
      const unsigned d = static_cast<unsigned>(text[i] - '0');
      ok &= d < 10;
      whole = whole * 10 + d;
    }
    if (ok) return static_cast<std::int64_t>(whole * kPow10[shift] + (f0 * 100 + f1 * 10 + f2) * kPow10[shift - 3]);
  }
  if (shift >= 0 && !text.empty() && text.size() < 16) {
    const char* p = text.data();
    const char* const end = p + text.size();
    std::uint64_t v = 0;
    unsigned d;
    while (p < end && (d = static_cast<unsigned>(*p - '0')) < 10) {
      v = v * 10 + d;
      ++p;
    }
    const bool digits = p != text.data();
    int kept = 0;
    if (p < end && *p == '.') {
      ++p;
      while (p < end && (d = static_cast<unsigned>(*p - '0')) < 10) {
        if (kept < shift) {
          v = v * 10 + d;
          ++kept;
        }
        ++p;
      }
    }
    if (p == end && (digits || kept > 0)) return static_cast<std::int64_t>(v * kPow10[shift - kept]);
  }
  std::int64_t total = 0;
  bool any = false;
  // Split on ',' and ':' (nginx lists), trimming spaces around each value.
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = start;
    while (end < text.size() && text[end] != ',' && text[end] != ':') ++end;
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    std::int64_t v = 0;
    if (part == "-" || (!part.empty() && part.front() == '-')) {
      // A list entry of "-" (no upstream answered that try) adds nothing; alone it is missing.
    } else if (one_value(part, shift, v)) {
      total += v;
      any = true;
    } else {
      return kNoDuration;
    }
    if (end >= text.size()) break;
    start = end + 1;
  }
  return any ? total : kNoDuration;
}

std::int64_t phased_micros(const Record& r) noexcept {
  const std::int64_t before = duration_micros(r.request_phase_time, DurationUnit::Seconds);
  const std::int64_t upstream = upstream_micros(r);
  const std::int64_t after = duration_micros(r.response_phase_time, DurationUnit::Seconds);
  if (before < 0 || upstream < 0 || after < 0) return kNoDuration;
  return before + upstream + after;
}

}  // namespace statuslint
