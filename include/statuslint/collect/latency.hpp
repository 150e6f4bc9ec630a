// The latency collector (collector.hpp): how slow and how big. Each record's request time (in
// microseconds, record/duration.hpp) and response size go into mergeable distributions
// (distribution.hpp) per status code; classes and the whole scan are merges of those, made
// when reported. Findings add their record's time to their rule's distribution, and each
// input's distributions are kept when it folds into the scan, for the per-input rows.
// A reader gathers into its own state across chunks (chunk states stay empty): the report is
// the same for every -j and chunk size because a merge of distributions is order-free.
//
// Times with --latency (or a --max-latency gate), sizes with --sizes: either turns the
// collector on. A record without a time, or without a known size, is counted as missing,
// never as 0.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "statuslint/collect/collector.hpp"
#include "statuslint/collect/distribution.hpp"

namespace statuslint {

// Times and sizes of one scope (a code, a class, an input, the scan).
struct LatencyStats {
  Distribution time;  // microseconds
  Distribution size;  // response bytes
  std::uint64_t time_missing = 0;
  std::uint64_t size_missing = 0;
  void merge(const LatencyStats& o) {
    time.merge(o.time);
    size.merge(o.size);
    time_missing += o.time_missing;
    size_missing += o.size_missing;
  }
  bool empty() const noexcept { return time.empty() && size.empty() && time_missing == 0 && size_missing == 0; }
};

// One HAR phase's times (timings.blocked, .dns, ...): -1 or absent is not applicable.
struct PhaseStats {
  Distribution time;  // microseconds
  std::uint64_t not_applicable = 0;
  void merge(const PhaseStats& o) {
    time.merge(o.time);
    not_applicable += o.not_applicable;
  }
  bool empty() const noexcept { return time.empty() && not_applicable == 0; }
};

inline constexpr int kNoResponseCode = -2;

struct Latency {
  // By status code; -1 holds records without a valid status, kNoResponseCode requests that got
  // no response (a status of 000 is a status, and invalid). Order is arrival order: reports
  // and partials sort by code, so the order never shows.
  struct Code {
    int code;
    LatencyStats stats;
  };
  std::vector<Code> codes;
  std::vector<Distribution> rules;   // the times of each rule's findings (index = rule)
  std::vector<LatencyStats> inputs;  // in a scan's state: one per input, in input order
  // HAR entries' timings, over all of them, in kHarPhases order; empty until an entry has
  // timings (so that the state of each of 100,000 small text inputs stays small).
  std::vector<PhaseStats> phases;
  bool collected = false;        // times wanted in this scan (reports show none otherwise)
  bool sizes_collected = false;  // sizes wanted in this scan

  LatencyStats& at(int code);
  // Everything of this state (the input's or scan's own records), merged.
  LatencyStats overall() const;
  bool has_phases() const noexcept { return !phases.empty(); }
  PhaseStats& phase(size_t i) {
    if (phases.empty()) phases.resize(kHarPhases.size());
    return phases[i];
  }
  // Codes sorted, and the merged stats of each class (index StatusClass).
  std::vector<const Code*> sorted_codes() const;
  void merge(Latency& from, bool into_scan);
};

struct LatencyCollector {
  using State = Latency;
  static bool wanted(const CollectOptions& o) noexcept { return o.latency || o.sizes; }
  static bool needs_time(const CollectOptions&) noexcept { return false; }
  static void prepare(State& s, const CollectOptions& o) {
    s.collected = o.latency;
    s.sizes_collected = o.sizes;
  }
  static void merge(State& into, State& from, const MergeContext& ctx) { into.merge(from, ctx.into_scan); }

  // Distributions merge in any order, so a reader keeps one set across its chunks (no table
  // per chunk to fill and merge) and hands it to the input once, when the input ends.
  class Gatherer {
   public:
    explicit Gatherer(const CollectOptions& o) noexcept
        : upstream_(o.upstream_latency), times_(o.latency), sizes_(o.sizes) {
      slot_of_.fill(0);
    }
    void start(State&) noexcept {}
    // A record without a time, when no size is wanted either (--latency on a log that has no
    // time field), only counts as missing for its code: inline, so that such a log pays for
    // --latency no more than a counter.
    void add(const Observation& obs, State& chunk) {
      const Record& r = obs.record;
      if (!sizes_ && r.har_timings == nullptr &&
          (upstream_ ? r.upstream_time.empty() : r.request_time.empty() && r.request_phase_time.empty())) {
        const int index = (r.no_response ? kNoResponseCode : r.status) + 2;
        ++untimed_[static_cast<size_t>(index)];
        return;
      }
      add_record(obs, chunk);
    }
    void flush(State& input);

   private:
    void add_record(const Observation& obs, State& chunk);
    [[gnu::noinline]] void add_phases_and_rules(const Observation& obs, std::int64_t micros);
    bool upstream_, times_, sizes_;
    Latency own_;
    // Index + 1 into own_.codes of each code (-1..999 at [0..1000], 0: none yet).
    std::array<std::uint16_t, 1002> slot_of_;    // by code + 2: no response, invalid, 000..999
    std::array<std::uint64_t, 1002> untimed_{};  // records without a time, by code + 2, until flush
  };
};

}  // namespace statuslint
