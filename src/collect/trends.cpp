#include "statuslint/collect/trends.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

#include "statuslint/record/duration.hpp"

namespace statuslint {

std::uint64_t TimeBucket::records() const noexcept {
  return std::accumulate(classes.begin(), classes.end(), no_response);
}

void TimeBucket::add(const TimeBucket& b) {
  for (size_t i = 0; i < classes.size(); ++i) classes[i] += b.classes[i];
  no_response += b.no_response;
  if (findings.size() < b.findings.size()) findings.resize(b.findings.size());
  for (size_t i = 0; i < b.findings.size(); ++i) findings[i] += b.findings[i];
  time.merge(b.time);
  time_missing += b.time_missing;
}

TimeBucket& Trends::at(std::int64_t t) {
  const std::int64_t start = t - ((t % bucket_seconds) + bucket_seconds) % bucket_seconds;
  return buckets[start];
}

void Trends::merge(const Trends& other) {
  undated += other.undated;
  latency = latency || other.latency;
  // Collectors may have coarsened on their own (CollectOptions::adaptive_buckets): the sum
  // takes the coarser granularity.
  if (other.bucket_seconds > bucket_seconds) *this = coarsened(other.bucket_seconds);
  const Trends& src = other.bucket_seconds == bucket_seconds ? other : other.coarsened(bucket_seconds);
  for (const auto& [start, b] : src.buckets) {
    at(start).add(b);
  }
  if (adaptive && !buckets.empty()) adapt(buckets.begin()->first, buckets.rbegin()->first);
}

void Trends::adapt(std::int64_t first, std::int64_t last) {
  const std::int64_t span = last - first;
  if (bucket_seconds == kMinute && span > 5 * kHour) *this = coarsened(kHour);
  if (bucket_seconds == kHour && span > 6 * kDay) *this = coarsened(kDay);
}

Trends Trends::coarsened(std::int64_t seconds) const {
  Trends out;
  out.bucket_seconds = seconds;
  out.undated = undated;
  out.adaptive = adaptive;
  out.latency = latency;
  for (const auto& [start, b] : buckets) {
    out.at(start).add(b);
  }
  return out;
}

std::int64_t Trends::auto_bucket_seconds() const noexcept {
  if (buckets.empty()) return bucket_seconds;
  const std::int64_t span = buckets.rbegin()->first - buckets.begin()->first;
  const std::int64_t wanted = span <= 3 * kHour ? kMinute : span <= 4 * kDay ? kHour : kDay;
  return wanted < bucket_seconds ? bucket_seconds : wanted;
}

TimeBucket& TrendsCollector::Gatherer::bucket(Trends& trends, std::int64_t t, Cache& cache) {
  if (cache.trends == &trends && t >= cache.start && t - cache.start < trends.bucket_seconds) return *cache.bucket;
  if (adaptive_ && !trends.buckets.empty()) {
    // The span the buckets would have were this record added.
    trends.adapt(std::min(trends.buckets.begin()->first, t), std::max(trends.buckets.rbegin()->first, t));
  }
  cache.bucket = &trends.at(t);
  cache.trends = &trends;
  cache.start = t - ((t % trends.bucket_seconds) + trends.bucket_seconds) % trends.bucket_seconds;
  return *cache.bucket;
}

void TrendsCollector::Gatherer::reset_times() {
  times_ = Trends();
  times_.bucket_seconds = bucket_seconds_;
  times_.adaptive = adaptive_;
  times_.latency = latency_;
  times_cache_ = Cache();
}

void TrendsCollector::Gatherer::flush(State& input) {
  if (!latency_) return;
  if (!times_.buckets.empty()) input.merge(times_);
  reset_times();
}

void TrendsCollector::Gatherer::add_time(TimeBucket& b, const Observation& obs) const {
  const std::int64_t micros = obs.micros(upstream_);
  if (micros >= 0) {
    b.time.add(static_cast<std::uint64_t>(micros));
  } else {
    ++b.time_missing;
  }
}

std::optional<std::int64_t> parse_bucket(std::string_view text) noexcept {
  if (text == "minute") return kMinute;
  if (text == "hour") return kHour;
  if (text == "day") return kDay;
  if (text == "auto") return 0;
  return std::nullopt;
}

std::string_view bucket_name(std::int64_t seconds) noexcept {
  return seconds == kMinute ? "minute" : seconds == kHour ? "hour" : seconds == kDay ? "day" : "custom";
}

}  // namespace statuslint
