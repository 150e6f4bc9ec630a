// The collectors of a scan, listed once, in report order (collector.hpp says what one is).
// Adding a collector: its header and source in collect/, a line here, its sections in
// report/ (section_of<C>), its tests and its part of the HTML page.
#pragma once

#include "statuslint/collect/collector.hpp"
#include "statuslint/collect/latency.hpp"
#include "statuslint/collect/offenders.hpp"
#include "statuslint/collect/routes.hpp"
#include "statuslint/collect/trends.hpp"

namespace statuslint {

using Collectors = CollectorList<TrendsCollector, TopOffendersCollector, LatencyCollector, RoutesCollector>;

// What a chunk, an input and a scan hold of every collector.
struct CollectorStates {
  Collectors::States states;
  template <typename C>
  typename C::State& get() noexcept {
    return std::get<typename C::State>(states);
  }
  template <typename C>
  const typename C::State& get() const noexcept {
    return std::get<typename C::State>(states);
  }
};

}  // namespace statuslint
