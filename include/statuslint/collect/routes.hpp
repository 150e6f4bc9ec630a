// The routes collector (collector.hpp): records per endpoint, not per raw path. Each record's
// path is masked into a template (routes/route_mask.hpp: stateless, so exact counts keyed on
// it survive any split) and counted per class and per rule that fired, with its bytes, its
// request times (with --latency) and up to three example paths. The report collapses the
// merged templates by cardinality (routes/route_tree.hpp) and writes the route table, the
// routes of the top offenders and latency per route.
//
// Everything in a route's stats merges in any order (sums, distributions, the three smallest
// example paths), so the report is the same for every -j, chunk size, shard and merge order
// while the table fits its memory budget (--top-memory). Past the budget, new templates are
// counted as "routes not kept", and the report says so.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "statuslint/collect/collector.hpp"
#include "statuslint/collect/distribution.hpp"
#include "statuslint/registry/status_registry.hpp"
#include "statuslint/routes/route_mask.hpp"
#include "statuslint/routes/route_rules.hpp"

namespace statuslint {

struct RouteStats {
  static constexpr size_t kExamples = 3;
  std::uint64_t count = 0;
  std::array<std::uint64_t, kStatusClassCount> classes{};
  std::uint64_t bytes = 0;        // the sum of the known response sizes
  std::uint64_t bytes_known = 0;  // records with a known size
  // Request times in microseconds (with --latency). A trend bucket's bound on exact values: a
  // route needs a p95, and thousands of routes each with 2,048 exact values cost too much.
  Distribution time{Distribution::kBucketExactValues};
  std::uint64_t time_missing = 0;
  std::uint16_t reasons = 0;                                   // route_mask.hpp's bits
  std::vector<std::string> examples;                           // the smallest distinct raw paths, sorted
  std::vector<std::pair<std::uint16_t, std::uint64_t>> rules;  // (rule index, findings), by index

  void merge(const RouteStats& o);
  void add_example(std::string_view path);
  void add_rule(std::uint16_t rule, std::uint64_t n);
  std::uint64_t errors() const noexcept {
    return classes[static_cast<size_t>(StatusClass::ClientError)] +
           classes[static_cast<size_t>(StatusClass::ServerError)];
  }
};

struct Routes {
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept;
  };
  using Table = std::unordered_map<std::string, RouteStats, Hash, std::equal_to<>>;
  bool collected = false;
  bool latency = false;  // request times kept per route
  size_t memory_budget = size_t{64} << 20;
  // By template; null until a route is counted, so that each of 100,000 small inputs' rows
  // stays small.
  std::unique_ptr<Table> table;
  std::uint64_t not_kept = 0;  // records whose new template did not fit the budget
  std::uint64_t ignored = 0;   // records a --route-ignore pattern left out
  size_t bytes = 0;            // the table's memory, as estimated

  size_t size() const noexcept { return table ? table->size() : 0; }

  Routes() = default;
  Routes(const Routes& o)
      : collected(o.collected),
        latency(o.latency),
        memory_budget(o.memory_budget),
        table(o.table ? std::make_unique<Table>(*o.table) : nullptr),
        not_kept(o.not_kept),
        ignored(o.ignored),
        bytes(o.bytes) {}
  Routes& operator=(const Routes& o) {
    if (this != &o) *this = Routes(o);
    return *this;
  }
  Routes(Routes&&) noexcept = default;
  Routes& operator=(Routes&&) noexcept = default;
  ~Routes() = default;

  RouteStats* find_or_add(std::string_view key);
  void merge(Routes& from);
};

// A route of a report: the merged templates collapsed by cardinality (routes/route_tree.hpp),
// each with its merged stats. Computed whenever a report or a gate needs them, by the routes
// section, the top offenders' route lists and --max-latency's route scopes, so all state the
// same routes.
struct ReportedRoute {
  std::string name;
  RouteStats stats;
  size_t templates = 0;             // masked templates it holds
  std::uint64_t merged_values = 0;  // distinct segments one of its {var}s replaced
};

// Most records first, then by name. Empty when routes were not collected.
std::vector<ReportedRoute> reported_routes(const Routes& routes);

// The routes of two summaries side by side (statuslint compare): collapsed over the union of
// both sides' templates, so that each side is counted under the same names, whatever traffic
// each saw. Most records (both sides) first, then by name.
struct ComparedRoute {
  std::string name;
  RouteStats baseline, candidate;
};
std::vector<ComparedRoute> compared_routes(const Routes& baseline, const Routes& candidate);

// Why a route merged, as reports write it: the masks' names, then "cardinality".
std::vector<std::string_view> merged_by(std::uint16_t reasons);

struct RoutesCollector {
  using State = Routes;
  static bool wanted(const CollectOptions& o) noexcept { return o.routes; }
  static bool needs_time(const CollectOptions&) noexcept { return false; }
  static void prepare(State& s, const CollectOptions& o) {
    s.collected = o.routes;
    s.latency = o.latency;
    s.memory_budget = o.top_memory;
  }
  static void merge(State& into, State& from, const MergeContext&) { into.merge(from); }

  // Like latency's: one table per reader across its chunks, handed over when its input ends.
  class Gatherer {
   public:
    explicit Gatherer(const CollectOptions& o) : upstream_(o.upstream_latency) {
      RoutesCollector::prepare(own_, o);
      if (o.route_rules && !o.route_rules->empty()) matcher_.emplace(*o.route_rules);
    }
    void start(State&) noexcept {}
    void add(const Observation& obs, State& chunk);
    void flush(State& input);

   private:
    // A log repeats its busy paths, so the route of a raw target is remembered in a small
    // direct-mapped memo, picked by key_fingerprint(), and compared in full: a hit skips the
    // rules, the masks and the table's hashing. Its pointers are into own_'s table (whose nodes
    // never move), so flush(), which empties own_, forgets them.
    struct Memo {
      std::string target;           // the raw target, as the record has it
      RouteStats* stats = nullptr;  // null: the slot is empty, or the target is ignored
      bool ignored = false;
      std::uint16_t reasons = 0;
    };
    static constexpr size_t kMemoBits = 12;
    static constexpr size_t kMemoKeyLimit = 256;  // longer targets are rare and not remembered

    bool upstream_;
    Routes own_;
    RouteMasker masker_;
    std::optional<RouteRules::Matcher> matcher_;
    std::vector<Memo> memo_;  // allocated at the first record
  };
};

}  // namespace statuslint
