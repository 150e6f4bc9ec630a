// The collectors of a scan, listed once, in report order (collector.hpp says what one is).
// Adding a collector: its header and source in collect/, a line here, its sections in
// report/ (section_of<C>), its tests and its part of the HTML page.
#pragma once

#include <memory>

#include "statuslint/collect/collector.hpp"
#include "statuslint/collect/latency.hpp"
#include "statuslint/collect/offenders.hpp"
#include "statuslint/collect/routes.hpp"
#include "statuslint/collect/trends.hpp"

namespace statuslint {

using Collectors = CollectorList<TrendsCollector, TopOffendersCollector, LatencyCollector, RoutesCollector>;

// What a chunk, an input and a scan hold of every collector. The states live in one box,
// made when first written: a finished input's row keeps an empty box (a pointer, not the
// 400 bytes of every collector's state), which is what lets 100,000 inputs fit in memory.
class CollectorStates {
 public:
  CollectorStates() = default;
  CollectorStates(const CollectorStates& other)
      : box_(other.box_ ? std::make_unique<Collectors::States>(*other.box_) : nullptr) {}
  CollectorStates& operator=(const CollectorStates& other) {
    if (this != &other) box_ = other.box_ ? std::make_unique<Collectors::States>(*other.box_) : nullptr;
    return *this;
  }
  CollectorStates(CollectorStates&&) noexcept = default;
  CollectorStates& operator=(CollectorStates&&) noexcept = default;
  ~CollectorStates() = default;

  // Every collector's state, made (empty) on first use.
  Collectors::States& all() {
    if (!box_) box_ = std::make_unique<Collectors::States>();
    return *box_;
  }
  // Read-only: an input that never collected reads as empty states.
  const Collectors::States& all() const noexcept { return box_ ? *box_ : empty(); }

  template <typename C>
  typename C::State& get() {
    return std::get<typename C::State>(all());
  }
  template <typename C>
  const typename C::State& get() const noexcept {
    return std::get<typename C::State>(all());
  }

 private:
  static const Collectors::States& empty() noexcept {
    static const Collectors::States none;
    return none;
  }
  std::unique_ptr<Collectors::States> box_;
};

}  // namespace statuslint
