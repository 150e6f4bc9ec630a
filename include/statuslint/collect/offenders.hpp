// Top offenders: the most frequent paths, hosts, user agents and clients (remote addresses)
// per status class, and the most frequent paths and clients per rule. Collected only when asked for (--top).
//
// Counts are exact while all the tables together fit one memory budget (--top-memory,
// 64 MiB by default), so a report is identical for every thread count, chunk size and
// shard split. Past the budget every table becomes a Space-Saving sketch of `capacity`
// counters and the report is marked approximate; from then on memory no longer grows, and
// the counts may depend on how the input was split.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "statuslint/collect/collector.hpp"
#include "statuslint/collect/heavy_hitters.hpp"
#include "statuslint/record/record.hpp"
#include "statuslint/registry/status_registry.hpp"

namespace statuslint {

inline constexpr size_t kDefaultTopMemory = size_t{64} << 20;
inline constexpr size_t kMaxTopMemory = size_t{2} << 30;  // arena offsets are 32-bit

struct Offenders {
  size_t capacity = 0;                       // sketch counters per list past the budget; 0 = not collected
  bool keep_query = false;                   // paths keep their query string
  size_t memory_budget = kDefaultTopMemory;  // bytes for all exact tables together
  // By StatusClass (kStatusClassCount of each once configured; empty when not collected, so
  // that a summary without top offenders stays small).
  std::vector<TopCounts> paths, hosts, agents, clients;
  std::vector<TopCounts> rule_paths, rule_clients;  // by rule index

  bool enabled() const noexcept { return capacity > 0; }
  // Sketch counters for showing the top `n`: ten times as many (at least 64), so that the
  // shown counts stay tight once the lists are sketches.
  static constexpr size_t counters_for(size_t n) noexcept { return n * 10 > 64 ? n * 10 : 64; }
  void configure(size_t counters, bool query, size_t rule_count, size_t budget = kDefaultTopMemory);
  // Counts one record, and the rules that fired on it.
  void add(const Record& r, std::span<const std::uint16_t> fired);
  void merge(const Offenders& other);
  // True once the budget was exceeded: the lists are sketches.
  bool sketched() const noexcept { return sketched_; }
  // True when some count may be an overestimate.
  bool approximate() const noexcept;
  // The path as counted: the query string dropped unless keep_query.
  std::string_view path_key(const Record& r) const noexcept;
  // After the tables were restored from a partial summary: one mode for all, and the
  // budget applied.
  void restored();

 private:
  template <typename F>
  void for_each_table(F&& f);
  // One key of a record: fingerprinted once, and hashed (once) only when a table's memo
  // does not remember it.
  struct RecordKey {
    explicit RecordKey(std::string_view k) noexcept : key(k), fingerprint(key_fingerprint(k)) {}
    std::uint64_t hash() noexcept {
      if (!hashed_) {
        hash_ = hash_key(key);
        hashed_ = true;
      }
      return hash_;
    }
    std::string_view key;
    std::uint64_t fingerprint;

   private:
    std::uint64_t hash_ = 0;
    bool hashed_ = false;
  };
  // A key the table's memo remembers is counted inline; the rest (hashing, probing, a new
  // key's budget check) is out of line, so that this stays small enough to inline.
  void count(TopCounts& table, RecordKey& key) {
    if (!sketched_ && table.add_remembered(key.key, key.fingerprint, 1)) return;
    count_unremembered(table, key);
  }
  void count_unremembered(TopCounts& table, RecordKey& key);
  void count(TopCounts& table, std::string_view key, std::uint64_t hash, std::uint64_t n) {
    if (!sketched_ && table.add_existing(key, hash, n, 0)) return;
    count_new(table, key, hash, n, 0);
  }
  void count_new(TopCounts& table, std::string_view key, std::uint64_t hash, std::uint64_t n,
                 std::uint64_t fingerprint);
  void merge_table(TopCounts& into, const TopCounts& from);
  void to_sketches();
  // Turns every table into a sketch once the exact tables outgrow the budget.
  void enforce_budget();

  size_t bytes_ = 0;  // memory of the exact tables
  bool sketched_ = false;
};

// The top-offenders collector (collector.hpp). Its exact counts are the same in any order, so a
// reader keeps one set of tables for every chunk it reads (a table per chunk, re-inserted and
// merged, cost a third of the time with --top) and hands them over when its input ends.
struct TopOffendersCollector {
  using State = Offenders;
  static bool wanted(const CollectOptions& o) noexcept { return o.top_counters > 0; }
  static bool needs_time(const CollectOptions&) noexcept { return false; }
  static void prepare(State&, const CollectOptions&) noexcept {}
  static void merge(State& into, State& from, const MergeContext&) { into.merge(from); }

  class Gatherer {
   public:
    explicit Gatherer(const CollectOptions& o);
    void start(State&) noexcept {}
    void add(const Observation& obs, State&) { tables_.add(obs.record, obs.fired); }
    void flush(State& input) {
      input.merge(tables_);
      tables_ = Offenders();
    }

   private:
    Offenders tables_;
  };
};

}  // namespace statuslint
