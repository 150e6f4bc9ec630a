// The collector seam: what is gathered per record beyond the counts and the rules' findings
// (trends, top offenders, latency, ...), each kind in one place. A collector C is a type with
//
//   using State = ...;                                   // what a chunk, an input and a scan hold
//   static bool wanted(const CollectOptions&);           // collected at all in this scan
//   static bool needs_time(const CollectOptions&);       // reads each record's time
//   static void prepare(State&, const CollectOptions&);  // a fresh chunk's or input's state
//   class Gatherer {                                     // per reader, kept from chunk to chunk
//    public:
//     explicit Gatherer(const CollectOptions&);
//     void start(State& chunk);                          // before a chunk's first record
//     void add(const Observation&, State& chunk);
//     void flush(State& input);                          // once, when the reader's input ends
//   };
//   static void merge(State& into, State& from, const MergeContext&);  // `from` may be emptied
//
// Merges run in input order (chunk into input, input into scan); a state that keeps
// examples shifts their lines by the context's offset. It is listed once, in collectors.hpp,
// and reported by report/'s section_of<C> (text, JSON, partial summary).
//
// Gatherers are called statically, not through a virtual: the record path inlines them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <tuple>
#include <type_traits>

#include "statuslint/record/duration.hpp"
#include "statuslint/record/record.hpp"
#include "statuslint/routes/route_rules.hpp"

namespace statuslint {

class RuleEngine;

struct CollectOptions {
  const RuleEngine* rules = nullptr;
  bool record_only_rules = false;  // the source never has headers or status text
  size_t max_examples = 5;
  std::optional<std::int64_t> since, until;  // UTC seconds; records outside are "filtered"
  bool trends = false;
  std::int64_t bucket_seconds = 60;  // granularity collected when trends are on (kMinute)
  // --bucket auto: the report will show the granularity the whole span calls for
  // (Trends::auto_bucket_seconds), so a collector whose own records already span more than
  // that granularity's range (with a margin of two of its buckets) coarsens as it goes: memory
  // stays a few hundred buckets whatever the span, and the report is the same.
  bool adaptive_buckets = false;
  // Active sequence rules want Exchanges (collect/sequences.hpp), of every HAR entry or of an
  // access log's challenges.
  bool sequences = false;
  bool har = false;
  size_t top_counters = 0;  // > 0: collect top offenders with this many counters
  bool top_keep_query = false;
  size_t top_memory = size_t{64} << 20;  // exact counts up to this, then sketches
  bool latency = false;                  // request times (latency.hpp)
  // With trends and latency, each time bucket also keeps its request times; compare, which
  // reads only the buckets' counts, turns it off.
  bool trend_latency = true;
  // Response sizes (latency.hpp), with --sizes: apart from times, because reading a byte count
  // is work a plain scan never does, and a log without times should pay nothing for --latency.
  bool sizes = false;
  bool upstream_latency = false;  // --latency-field upstream: the upstream's share
  bool routes = false;            // records per route template (routes.hpp)
  // --route, --route-ignore and --routes FILE, matched before the masks; null when none.
  std::shared_ptr<const RouteRules> route_rules;
};

// What every collector sees of one record.
struct Observation {
  const Record& record;
  std::optional<std::int64_t> time;      // UTC seconds, when any collector or the filter reads it
  std::span<const std::uint16_t> fired;  // the rules that fired on it
  size_t rules = 0;                      // the engine's rule count (for per-rule lists)

  // The request time in microseconds (record/duration.hpp; -1 missing): the total, or the
  // upstream's share. Read once however many collectors ask (latency, trends' buckets).
  std::int64_t micros(bool upstream) const noexcept {
    if (micros_read_ == kNotRead) micros_read_ = upstream ? upstream_micros(record) : request_micros(record);
    return micros_read_;
  }
  static constexpr std::int64_t kNotRead = -2;
  mutable std::int64_t micros_read_ = kNotRead;  // the cache of micros(), not set by callers
};

struct MergeContext {
  std::uint64_t line_offset = 0;  // lines before the merged part (a chunk's are local)
  size_t max_examples = 5;
  // An input's state (or a partial's scan state) merges into a scan's: a collector that
  // reports per input keeps a row for it.
  bool into_scan = false;
};

// The collectors of a scan, in report order, and what holds their states and gatherers.
template <typename... Cs>
struct CollectorList {
  using States = std::tuple<typename Cs::State...>;
  using Gatherers = std::tuple<std::optional<typename Cs::Gatherer>...>;

  // f(std::type_identity<C>{}) for each collector, in order.
  template <typename F>
  static void for_each(F&& f) {
    (f(std::type_identity<Cs>{}), ...);
  }
  static bool need_time(const CollectOptions& o) { return (... || (Cs::wanted(o) && Cs::needs_time(o))); }
  static bool any_wanted(const CollectOptions& o) { return (... || Cs::wanted(o)); }
  static void prepare(States& s, const CollectOptions& o) { (Cs::prepare(std::get<typename Cs::State>(s), o), ...); }
  static void merge(States& into, States& from, const MergeContext& ctx) {
    (Cs::merge(std::get<typename Cs::State>(into), std::get<typename Cs::State>(from), ctx), ...);
  }
  static Gatherers gatherers(const CollectOptions& o) {
    Gatherers g;
    (((Cs::wanted(o) ? (void)std::get<std::optional<typename Cs::Gatherer>>(g).emplace(o) : (void)0)), ...);
    return g;
  }
  static void start(Gatherers& g, States& s) {
    (((std::get<std::optional<typename Cs::Gatherer>>(g)
           ? std::get<std::optional<typename Cs::Gatherer>>(g)->start(std::get<typename Cs::State>(s))
           : (void)0)),
     ...);
  }
  [[gnu::always_inline]] static void add(Gatherers& g, const Observation& obs, States& s) {
    (((std::get<std::optional<typename Cs::Gatherer>>(g)
           ? std::get<std::optional<typename Cs::Gatherer>>(g)->add(obs, std::get<typename Cs::State>(s))
           : (void)0)),
     ...);
  }
  static void flush(Gatherers& g, States& s) {
    (((std::get<std::optional<typename Cs::Gatherer>>(g)
           ? std::get<std::optional<typename Cs::Gatherer>>(g)->flush(std::get<typename Cs::State>(s))
           : (void)0)),
     ...);
  }
};

}  // namespace statuslint
