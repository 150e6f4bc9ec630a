// Routes, stage two: the cardinality collapse, run when a report is written, over the merged
// counts of the masked templates (route_mask.hpp). Because it sees the whole merged summary and
// nothing of how it was split, its result is the same for every -j, chunk size, shard and merge
// order; Sentry's clusterer and Drain, which merge as they go, cannot say that.
//
// The templates form a tree of segments. Where a node has more than `max_children` literal
// children (segments no mask took), they are values, not routes: they merge into one `{var}`
// child, and so do their subtrees, recursively. A child that alone carries at least
// `literal_share` of its siblings' traffic stays literal, so a popular owner keeps its name.
// This is how `/repos/{var}/{var}/issues/{int}` is found from names no mask can recognise.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace statuslint {

struct RouteCollapseOptions {
  size_t max_children = 100;   // Sentry's threshold
  double literal_share = 0.1;  // of the siblings' traffic
};

// One route of the report: the templates it holds (indices into the input), its name, and
// why it merged.
struct CollapsedRoute {
  std::string name;
  std::vector<size_t> members;
  std::uint16_t reasons = 0;        // kMergedByCardinality when some segment collapsed
  std::uint64_t merged_values = 0;  // the most distinct segments one of its {var}s replaced
};

// The routes of `templates` (each with its record count), in template order. A template that
// is not a path ("*", "{authority}") is a route of its own.
std::vector<CollapsedRoute> collapse_routes(std::span<const std::string_view> templates,
                                            std::span<const std::uint64_t> counts, const RouteCollapseOptions& options);

}  // namespace statuslint
