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

inline std::int64_t request_micros(const Record& r) noexcept {
  if (!r.request_time.empty()) return duration_micros(r.request_time, r.request_time_unit);
  return r.request_phase_time.empty() ? kNoDuration : phased_micros(r);
}

// The upstream's share alone (--latency-field upstream).
inline std::int64_t upstream_micros(const Record& r) noexcept {
  return r.upstream_time.empty() ? kNoDuration : duration_micros(r.upstream_time, r.upstream_time_unit);
}

}  // namespace statuslint
