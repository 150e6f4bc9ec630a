// Trends: counts per time bucket, for nightly reports ("when did the 5xx start?").
//
// Buckets are fixed UTC intervals (minute, hour or day), keyed by their start, so trends from
// different threads, chunks, files or machines merge by adding buckets with the same key.
// A bucket holds counts per status class, no-response, findings per rule and, with --latency,
// the request times of its records (a distribution: merged when buckets are, so coarsening
// keeps quantiles, not averages of them).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "statuslint/collect/collector.hpp"
#include "statuslint/collect/distribution.hpp"
#include "statuslint/registry/status_registry.hpp"

namespace statuslint {

inline constexpr std::int64_t kMinute = 60, kHour = 3600, kDay = 86400;

struct TimeBucket {
  std::array<std::uint64_t, kStatusClassCount> classes{};
  std::uint64_t no_response = 0;
  std::vector<std::uint64_t> findings;  // per rule index; empty until one fires here
  Distribution time{Distribution::kBucketExactValues};  // microseconds, with --latency
  std::uint64_t time_missing = 0;

  std::uint64_t records() const noexcept;
  void add(const TimeBucket& other);
};

struct Trends {
  std::int64_t bucket_seconds = kMinute;       // the granularity collected
  std::map<std::int64_t, TimeBucket> buckets;  // bucket start (UTC seconds) -> counts
  std::uint64_t undated = 0;                   // records whose time is missing or unreadable
  // The "auto" bucket: coarsen as the span grows (adapt), so that a long log is held in hours
  // or days, never in every minute of it.
  bool adaptive = false;
  bool latency = false;  // buckets hold request times (--latency)

  bool empty() const noexcept { return buckets.empty() && undated == 0; }
  TimeBucket& at(std::int64_t epoch_seconds);
  void merge(const Trends& other);
  // The same counts in coarser buckets (`seconds` a multiple of bucket_seconds).
  Trends coarsened(std::int64_t seconds) const;
  // Coarsens to what buckets spanning [first, last] keep: minutes up to 5 hours, hours up to 6
  // days, then days. Never finer than auto_bucket_seconds() picks for that span, so the
  // report's granularity is the same whenever and wherever this ran.
  void adapt(std::int64_t first, std::int64_t last);
  // The granularity "auto" picks for these buckets: minutes for spans up to 3 hours, hours up
  // to 4 days, days beyond.
  std::int64_t auto_bucket_seconds() const noexcept;
};

// The trends collector (collector.hpp): each record's class, and the rules that fired on it,
// in its time's bucket; a record without a readable time is undated.
struct TrendsCollector {
  using State = Trends;
  static bool wanted(const CollectOptions& o) noexcept { return o.trends; }
  static bool needs_time(const CollectOptions&) noexcept { return true; }
  static void prepare(State& s, const CollectOptions& o) noexcept {
    s.bucket_seconds = o.bucket_seconds;
    s.adaptive = o.adaptive_buckets;
    s.latency = o.latency && o.trend_latency;
  }
  static void merge(State& into, State& from, const MergeContext&) {
    into.adaptive = into.adaptive || from.adaptive;
    into.latency = into.latency || from.latency;
    into.merge(from);
  }

  class Gatherer {
   public:
    explicit Gatherer(const CollectOptions& o) noexcept
        : adaptive_(o.adaptive_buckets), latency_(o.latency && o.trend_latency), upstream_(o.upstream_latency),
          bucket_seconds_(o.bucket_seconds) {
      reset_times();
    }
    // A new chunk's state may sit where the last one did: the remembered bucket is forgotten.
    void start(State&) noexcept { counts_.trends = nullptr; }
    void add(const Observation& obs, State& trends) {
      if (!obs.time) {
        ++trends.undated;
        return;
      }
      TimeBucket& b = bucket(trends, *obs.time, counts_);
      const Record& r = obs.record;
      if (r.no_response) {
        ++b.no_response;
      } else {
        ++b.classes[static_cast<size_t>(r.status_info != nullptr ? r.status_info->status_class()
                                                                 : StatusClass::Invalid)];
      }
      if (!obs.fired.empty()) {
        if (b.findings.size() < obs.rules) b.findings.resize(obs.rules);
        for (const std::uint16_t rule : obs.fired) ++b.findings[rule];
      }
      if (latency_) add_time(bucket(times_, *obs.time, times_cache_), obs);
    }
    // The request times gathered across this reader's chunks go to the input once.
    void flush(State& input);

   private:
    // The bucket the last record fell in: consecutive records mostly share one, and std::map
    // nodes stay put, so the pointer stays valid while `trends` is in use.
    struct Cache {
      Trends* trends = nullptr;
      std::int64_t start = 0;
      TimeBucket* bucket = nullptr;
    };
    TimeBucket& bucket(Trends& trends, std::int64_t t, Cache& cache);
    void add_time(TimeBucket& b, const Observation& obs) const;
    void reset_times();
    bool adaptive_, latency_, upstream_;
    std::int64_t bucket_seconds_;
    Cache counts_;
    // Request times are kept apart from the counts, in one set of buckets for all of this
    // reader's chunks (distributions merge in any order): a chunk's buckets would each build
    // a hash table only to merge it into the input's.
    Trends times_;
    Cache times_cache_;
  };
};

// "minute", "hour", "day" -> seconds; "auto" -> 0; nullopt for anything else.
std::optional<std::int64_t> parse_bucket(std::string_view text) noexcept;
std::string_view bucket_name(std::int64_t seconds) noexcept;

}  // namespace statuslint
