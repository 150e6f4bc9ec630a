// Top offenders: the most frequent paths, hosts and user agents per status class, and the most
// frequent paths per rule, each in a Space-Saving sketch so memory stays bounded however many
// distinct paths a log holds. Collected only when asked for (--top): it hashes three strings
// per record.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "statuslint/heavy_hitters.hpp"
#include "statuslint/record.hpp"
#include "statuslint/status_registry.hpp"

namespace statuslint {

struct Offenders {
  size_t capacity = 0;     // counters per sketch; 0 = not collected
  bool keep_query = false;  // paths keep their query string
  std::array<SpaceSaving, kStatusClassCount> paths, hosts, agents;  // by StatusClass
  std::vector<SpaceSaving> rule_paths;                              // by rule index

  bool enabled() const noexcept { return capacity > 0; }
  void configure(size_t counters, bool query, size_t rule_count);
  // Counts one record, and the rules that fired on it.
  void add(const Record& r, const std::vector<std::uint16_t>& fired);
  void merge(const Offenders& other);
  bool approximate() const noexcept;
  // The path as counted: the query string dropped unless keep_query.
  std::string_view path_key(const Record& r) const noexcept;
};

}  // namespace statuslint
