// Summaries: what a scan counted, per input and overall.
//
// Counts are plain arrays indexed by status number, so adding a record is two increments and
// merging two summaries is a loop over fixed arrays: summaries from different threads,
// chunks or inputs combine in any order to the same result. Per-class and per-kind totals
// are derived from the per-code counts through the registry, never stored twice.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "statuslint/collect/budget.hpp"
#include "statuslint/collect/collectors.hpp"
#include "statuslint/record/location.hpp"
#include "statuslint/record/record.hpp"
#include "statuslint/registry/status_registry.hpp"
#include "statuslint/rules/rule_engine.hpp"

namespace statuslint {

// Records per three-digit status, 000..999. Dense while records are added (an increment at
// an index); compact() makes it a sorted list of the codes seen, which is what a finished
// input keeps, so that a scan of 100,000 small files does not hold 100,000 tables of 1,000.
class CodeCounts {
 public:
  CodeCounts() : dense_(kStatusTableSize) {}
  void add(int code) noexcept { ++dense_[static_cast<size_t>(code)]; }  // dense only
  std::uint64_t operator[](size_t code) const noexcept;
  void set(size_t code, std::uint64_t n);
  void merge(const CodeCounts& from);
  void compact();
  // f(code, count) for every code counted, ascending.
  template <typename F>
  void for_each(F&& f) const {
    if (!dense_.empty()) {
      for (size_t code = 0; code < dense_.size(); ++code) {
        if (dense_[code] != 0) f(static_cast<int>(code), dense_[code]);
      }
    } else {
      for (const auto& [code, n] : sparse_) f(static_cast<int>(code), n);
    }
  }
  bool operator==(const CodeCounts& other) const;

 private:
  void make_dense();
  std::vector<std::uint64_t> dense_;                               // kStatusTableSize counts, or empty
  std::vector<std::pair<std::uint16_t, std::uint64_t>> sparse_;  // when compact: the codes counted
};

struct Counts {
  std::uint64_t lines = 0;
  std::uint64_t records = 0;
  std::uint64_t malformed = 0;
  std::uint64_t blank = 0;  // empty or whitespace-only lines, and W3C '#' directives
  CodeCounts by_code;       // three-digit statuses, 000..999
  std::uint64_t missing_status = 0;                       // "-" or empty
  std::uint64_t non_numeric_status = 0;                   // anything else that is not three digits
  // Requests that got no response at all (HAR status 0: blocked or failed in the browser).
  // Counted apart from invalid statuses: nothing was wrong with a status, there was none.
  std::uint64_t no_response = 0;
  // Records left out by --since/--until: neither records nor malformed, so every line still
  // counts exactly once.
  std::uint64_t filtered = 0;
  // Lines that are well-formed but not access records: JSON objects without the status key
  // (a server's start-up, TLS or debug events in the same stream). Not malformed: nothing
  // is wrong with them, they are just not requests.
  std::uint64_t other = 0;
  // Records whose line was cut inside a quoted field after the status (a subset of records).
  std::uint64_t truncated = 0;
  // Browser-export quirks (subsets of records; see Record): responses the browser made up,
  // responses from its cache, and entries whose body size is the producer's, not the server's.
  std::uint64_t browser_generated = 0;
  std::uint64_t from_cache = 0;
  std::uint64_t body_size_unreliable = 0;

  void add(const Record& r) noexcept {
    ++records;
    browser_generated += r.browser_generated ? 1 : 0;
    from_cache += r.from_cache ? 1 : 0;
    body_size_unreliable += r.body_size_unreliable ? 1 : 0;
    if (r.no_response) {
      ++no_response;
    } else if (r.status >= 0) {
      by_code.add(r.status);
    } else if (r.status_info == &StatusRegistry::missing_status()) {
      ++missing_status;
    } else {
      ++non_numeric_status;
    }
  }
  void merge(const Counts& from);

  // Derived totals, indexed by StatusClass / StatusKind; records with no response are in
  // neither (they are `no_response`).
  std::array<std::uint64_t, kStatusClassCount> by_class() const noexcept;
  std::array<std::uint64_t, kStatusKindCount> by_kind() const noexcept;
  // Records per rule-dispatch slot: status numbers, then missing, then non-numeric.
  std::array<std::uint64_t, kStatusSlots> by_slot() const noexcept;
  // The accounting invariant every reader keeps: each line is exactly one of these.
  bool balanced() const noexcept { return records + malformed + blank + other + filtered == lines; }
};

// A line that was not a record: where, why, and its first bytes (raw; reporters escape).
struct MalformedExample {
  Location at;
  std::string reason;
  std::string text;
};

// A request that got no response: where, and the browser's error text.
struct NoResponseExample {
  Location at;  // a HAR entry, or a log line (Envoy writes "-" when no response was sent)
  std::string method;
  std::string url;
  std::string error;
};

// How an input's format was chosen.
enum class FormatSource : std::uint8_t { None, Given, Detected };

struct InputSummary {
  std::string name;
  std::string format;  // the format used ("combined"), or "" if none was found
  FormatSource format_source = FormatSource::None;
  std::string format_reason;  // why detection chose it: "combined (20 of 20 sample lines)"
  // "given", or "detected: " + format_reason (the JSON report's format_source).
  std::string format_note() const;
  Compression compression = Compression::None;
  Counts counts;
  std::vector<MalformedExample> examples;            // the first ones, in line order
  std::vector<MalformedExample> other_examples;      // the first lines counted as other
  std::vector<MalformedExample> truncated_examples;  // the first records cut short
  // When a server mixed formats in one input (common lines in a combined log): how many
  // lines each format read, the detected one first. Empty when one format read them all.
  std::vector<std::pair<std::string, std::uint64_t>> lines_by_format;
  std::vector<NoResponseExample> no_response_examples;  // HAR: the first ones, in entry order
  // What the input's scan collected for the scan as a whole; ScanSummary::add folds them into
  // its own and empties them here.
  RuleTallies findings;    // one per rule of the scan's engine (empty without rules)
  CollectorStates states;  // every collector's (collectors.hpp)
  std::string error;                                    // why reading stopped early or never started; "" if it did not
  std::vector<std::string> warnings;                    // what did not stop the input but should be known
  // Set when this is one shard of a file (scan --byte-range): the bytes asked for, and the
  // examples kept per list, so that merge can join the file's shards into one input exactly as
  // one scan of the file would have summarized it.
  struct Shard {
    std::uint64_t start = 0, end = 0;
    size_t max_examples = 0;
  };
  std::optional<Shard> shard;
};

// Appends `next`, the following shard of the same file, to `into` (examples keep their line
// numbers, which are the file's; at most into.shard->max_examples are kept per list).
void append_shard(InputSummary& into, InputSummary&& next);

// A rule keeps at most this many examples over all inputs (each input keeps its first
// --examples), the first ones in input order: memory stays bounded however many inputs a scan
// reads.
inline constexpr size_t kMaxExamplesPerRule = 5000;

struct ScanSummary {
  // One row per input, in order. add() folds an input's findings, trends and top offenders
  // into the members below, so a finished input keeps only its row.
  std::vector<InputSummary> inputs;
  Counts total;
  RuleTallies findings;    // per rule, over all inputs; each example names its input
  CollectorStates states;  // every collector's, over all inputs
  Trends& trends() noexcept { return states.get<TrendsCollector>(); }
  const Trends& trends() const noexcept { return states.get<TrendsCollector>(); }
  Offenders& offenders() noexcept { return states.get<TopOffendersCollector>(); }
  const Offenders& offenders() const noexcept { return states.get<TopOffendersCollector>(); }
  std::shared_ptr<const RuleEngine> rules;  // null when the scan ran no rules
  std::vector<BudgetResult> budgets;        // evaluated error budgets, in the order given
  bool show_trends = false;                 // trends were collected and are reported
  std::int64_t trend_bucket_seconds = 0;    // granularity to report; 0 picks from the span
  size_t top = 0;                           // top offenders shown per list (0: none collected)

  // Appends an input: its counts join the total, its findings (examples tagged with its
  // index) and its collectors' states are folded in and dropped from the row, and its
  // per-status table is compacted.
  void add(InputSummary&& in);
  // The trends at the reported granularity.
  Trends merged_trends() const;
  bool any_input_error() const noexcept;
  // Findings of rule `index` over all inputs.
  std::uint64_t finding_count(size_t index) const noexcept;
  std::uint64_t not_evaluated_count(size_t index) const noexcept;
  // The examples of rule `index` kept over all inputs, in input order (none if it never ran).
  const std::vector<FindingExample>& finding_examples(size_t index) const noexcept;
  // True when an active rule at or above `threshold` fired.
  bool has_findings_at(Severity threshold) const noexcept;
  bool any_budget_breached() const noexcept;
};

// Appends `next` (a summary of later inputs: a partial read back) to `into`: its inputs follow
// into's, its finding examples' input indexes shift with them, and what it folded merges.
void append_summary(ScanSummary& into, ScanSummary&& next);

// Shards of one file (scan --byte-range) become that file's one input again, as one scan of
// the file would have summarized it: the shard rows join (append_shard), and the findings'
// examples move to the joined input, at most its --examples per rule. Shards must come in
// file order, each starting where the one before it ended; returns what is wrong if not.
std::vector<std::string> join_shards(ScanSummary& summary);

// Adds one input's findings to a scan's: counts add up, and its examples (already at most
// --examples per rule) are appended tagged with `input`, up to kMaxExamplesPerRule per rule.
void fold_findings(RuleTallies& into, const RuleTallies& from, std::uint32_t input);

// Adds `from` to `into` (sized alike or empty), shifting example line numbers by
// `line_offset` and keeping at most `max_examples` per rule.
void merge_tallies(RuleTallies& into, const RuleTallies& from, std::uint64_t line_offset, size_t max_examples);

}  // namespace statuslint
