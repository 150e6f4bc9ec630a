// Durations: a record's request time, in whichever unit its source wrote it, as integer
// microseconds (the latency collector's tick).
//
// A byte scan, not a floating-point parse: "0.123" seconds is exactly 123000 us. A list (nginx's
// $upstream_response_time after retries, "0.004, 0.002 : 0.001") is summed: the time the
// request spent upstream in all. "-", an empty field and negative values (-1: HAProxy on an
// abort, HAR for "not applicable", ALB with no target) are missing, never 0.
#pragma once

#include <cstdint>
#include <string_view>

#include "statuslint/record/record.hpp"

namespace statuslint {

inline constexpr std::int64_t kNoDuration = -1;

// Microseconds of `text` in `unit` (None reads as seconds); kNoDuration when missing or not a
// number. Digits past microseconds are dropped (truncated), so nanoseconds lose < 1 us.
std::int64_t duration_micros(std::string_view text, DurationUnit unit) noexcept;

// The request's total time: its request time, or else (a load balancer that logs phases)
// its own time before, the upstream's and its own after, all known. -1 in any (ALB: no target
// answered) leaves the total missing.
std::int64_t phased_micros(const Record& r) noexcept;

// nginx's "%T.%03M" (seconds, a point, three digits), read in place: the shape of every
// record of a timed nginx log, so a --latency scan skips the call. False on any other shape,
// which duration_micros reads.
inline bool seconds_and_millis(std::string_view t, std::int64_t& out) noexcept {
  const size_t n = t.size();
  if (n < 5 || n > 10 || t[n - 4] != '.') return false;
  const unsigned f0 = static_cast<unsigned>(t[n - 3] - '0'), f1 = static_cast<unsigned>(t[n - 2] - '0'),
                 f2 = static_cast<unsigned>(t[n - 1] - '0');
  bool ok = (f0 < 10) & (f1 < 10) & (f2 < 10);
  // Unsigned, because a non-digit is only rejected after the loop: its wrap is defined, and at
  // most six real digits cannot overflow.
  std::uint64_t whole = 0;
  for (size_t i = 0; i + 4 < n; ++i) {
    const unsigned d = static_cast<unsigned>(t[i] - '0');
    ok &= d < 10;
    whole = whole * 10 + d;
  }
  out = static_cast<std::int64_t>(whole * 1000000 + (f0 * 100 + f1 * 10 + f2) * 1000ULL);
  return ok;
}

inline std::int64_t request_micros(const Record& r) noexcept {
  if (!r.request_time.empty()) {
    std::int64_t v = 0;
    if ((r.request_time_unit == DurationUnit::Seconds || r.request_time_unit == DurationUnit::None) &&
        seconds_and_millis(r.request_time, v)) {
      return v;
    }
    return duration_micros(r.request_time, r.request_time_unit);
  }
  return r.request_phase_time.empty() ? kNoDuration : phased_micros(r);
}

// The upstream's share alone (--latency-field upstream).
inline std::int64_t upstream_micros(const Record& r) noexcept {
  return r.upstream_time.empty() ? kNoDuration : duration_micros(r.upstream_time, r.upstream_time_unit);
}

}  // namespace statuslint
