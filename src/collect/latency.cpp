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
  if (into_scan && from.collected && from.inputs.empty()) {
    // An input folds into the scan: it keeps a row of its own.
    inputs.push_back(from.overall());
  } else {
    for (LatencyStats& in : from.inputs) inputs.push_back(std::move(in));
  }
  for (Code& c : from.codes) at(c.code).merge(c.stats);
  if (rules.size() < from.rules.size()) rules.resize(from.rules.size());
  for (size_t i = 0; i < from.rules.size(); ++i) rules[i].merge(from.rules[i]);
}

void LatencyCollector::Gatherer::add(const Observation& obs, State& s) {
  const Record& r = obs.record;
  const int code = r.no_response ? 0 : r.status;
  if (last_ == nullptr || last_index_ >= s.codes.size() || &s.codes[last_index_] != last_ || last_->code != code) {
    s.at(code);
    for (size_t i = 0; i < s.codes.size(); ++i) {
      if (s.codes[i].code == code) {
        last_index_ = i;
        last_ = &s.codes[i];
        break;
      }
    }
  }
  LatencyStats& stats = last_->stats;
  const std::int64_t micros = request_micros(r);
  if (micros >= 0) {
    stats.time.add(static_cast<std::uint64_t>(micros));
  } else {
    ++stats.time_missing;
  }
  r.resolve();
  if (r.bytes >= 0) {
    stats.size.add(static_cast<std::uint64_t>(r.bytes));
  } else {
    ++stats.size_missing;
  }
  if (micros >= 0 && !obs.fired.empty()) {
    if (s.rules.size() < obs.rules) s.rules.resize(obs.rules);
    for (const std::uint16_t rule : obs.fired) s.rules[rule].add(static_cast<std::uint64_t>(micros));
  }
}

}  // namespace statuslint
