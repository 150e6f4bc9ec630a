#include "statuslint/collect/latency.hpp"

#include <algorithm>

#include "statuslint/record/duration.hpp"

namespace statuslint {

LatencyStats& Latency::at(int code) {
  for (Code& c : codes) {
    if (c.code == code) return c.stats;
  }
  codes.push_back({code, {}});
  return codes.back().stats;
}

LatencyStats Latency::overall() const {
  LatencyStats all;
  for (const Code* c : sorted_codes()) all.merge(c->stats);
  return all;
}

std::vector<const Latency::Code*> Latency::sorted_codes() const {
  std::vector<const Code*> out;
  out.reserve(codes.size());
  for (const Code& c : codes) out.push_back(&c);
  std::sort(out.begin(), out.end(), [](const Code* a, const Code* b) { return a->code < b->code; });
  return out;
}

void Latency::merge(Latency& from, bool into_scan) {
  collected = collected || from.collected;
  sizes_collected = sizes_collected || from.sizes_collected;
  if (into_scan && (from.collected || from.sizes_collected) && from.inputs.empty()) {
    // An input folds into the scan: it keeps a row of its own.
    inputs.push_back(from.overall());
  } else {
    for (LatencyStats& in : from.inputs) inputs.push_back(std::move(in));
  }
  for (Code& c : from.codes) at(c.code).merge(c.stats);
  for (size_t i = 0; i < from.phases.size(); ++i) phase(i).merge(from.phases[i]);
  if (rules.size() < from.rules.size()) rules.resize(from.rules.size());
  for (size_t i = 0; i < from.rules.size(); ++i) rules[i].merge(from.rules[i]);
}

void LatencyCollector::Gatherer::add_record(const Observation& obs, State&) {
  const Record& r = obs.record;
  const int code = r.no_response ? kNoResponseCode : r.status;  // -1: no valid status
  const int index = code + 2;
  std::uint16_t& slot = slot_of_[static_cast<size_t>(index)];
  if (slot == 0) {
    own_.codes.push_back({code, {}});
    slot = static_cast<std::uint16_t>(own_.codes.size());
  }
  LatencyStats& stats = own_.codes[slot - 1].stats;
  std::int64_t micros = -1;
  if (times_) {
    micros = obs.micros(upstream_);
    if (micros >= 0) {
      stats.time.add(static_cast<std::uint64_t>(micros));
    } else {
      ++stats.time_missing;
    }
  }
  if (sizes_) {
    r.resolve_bytes();
    if (r.bytes >= 0) {
      stats.size.add(static_cast<std::uint64_t>(r.bytes));
    } else {
      ++stats.size_missing;
    }
  }
  // HAR phases and findings are rarer: out of line, so the common path stays short.
  if ((times_ && r.har_timings != nullptr) || (micros >= 0 && !obs.fired.empty())) add_phases_and_rules(obs, micros);
}

void LatencyCollector::Gatherer::add_phases_and_rules(const Observation& obs, std::int64_t micros) {
  const Record& r = obs.record;
  if (r.har_timings != nullptr) {
    for (size_t i = 0; i < kHarPhases.size(); ++i) {
      const std::int64_t phase = duration_micros(r.har_timings->phase[i], DurationUnit::Milliseconds);
      if (phase >= 0) {
        own_.phase(i).time.add(static_cast<std::uint64_t>(phase));
      } else {
        ++own_.phase(i).not_applicable;
      }
    }
  }
  if (micros >= 0 && !obs.fired.empty()) {
    if (own_.rules.size() < obs.rules) own_.rules.resize(obs.rules);
    for (const std::uint16_t rule : obs.fired) own_.rules[rule].add(static_cast<std::uint64_t>(micros));
  }
}

void LatencyCollector::Gatherer::flush(State& input) {
  for (size_t i = 0; i < untimed_.size(); ++i) {
    if (untimed_[i] == 0) continue;
    own_.at(static_cast<int>(i) - 2).time_missing += untimed_[i];
    untimed_[i] = 0;
  }
  own_.collected = input.collected;
  own_.sizes_collected = input.sizes_collected;
  input.merge(own_, false);
  own_ = Latency();
  slot_of_.fill(0);
}

}  // namespace statuslint
