// What happens to each record once a reader has it: the --since/--until filter, the counts,
// the rules, and the trend buckets. Every reader (chunked text and JSON lines, HAR) hands its
// records to a collector, so they all count the same way.
#pragma once

#include <cstdint>
#include <optional>

#include "statuslint/collect/offenders.hpp"
#include "statuslint/collect/sequences.hpp"
#include "statuslint/collect/summary.hpp"
#include "statuslint/collect/trends.hpp"
#include "statuslint/record/record_sink.hpp"
#include "statuslint/record/timestamp.hpp"
#include "statuslint/rules/rule_engine.hpp"

namespace statuslint {

struct CollectOptions {
  const RuleEngine* rules = nullptr;
  bool record_only_rules = false;  // the source never has headers or status text
  size_t max_examples = 5;
  std::optional<std::int64_t> since, until;  // UTC seconds; records outside are "filtered"
  bool trends = false;
  std::int64_t bucket_seconds = kMinute;  // granularity collected when trends are on
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
  size_t top_memory = kDefaultTopMemory;  // exact counts up to this, then sketches
};

// Where a collector adds: one per chunk or per input.
struct Collected {
  Counts counts;
  RuleTallies findings;
  Trends trends;
  Offenders offenders;                                  // RecordCollector::take_offenders, once per collector
  std::vector<MalformedExample> examples;               // the first ones, in input order
  std::vector<MalformedExample> other_examples;         // the first lines counted as other
  std::vector<MalformedExample> truncated_examples;     // the first records cut short
  std::vector<NoResponseExample> no_response_examples;  // the first ones, in input order
  // Lines each format read, when a sibling format read some: [0] the input's format, then its
  // siblings in order (LogFormat::siblings).
  std::vector<std::uint64_t> lines_by_format;
  ExchangeLog exchanges;  // for the sequence rules, in input order
};

class RecordCollector {
 public:
  RecordCollector(const CollectOptions& options);
  // Adds one record. r.line is the (possibly chunk-local) line for finding examples.
  void add(const Record& r, Collected& out);
  // Top offenders are exact counts, the same in any order, so a collector keeps one set of
  // tables for every chunk it reads (a table per chunk re-inserted and merged every key of
  // every chunk: a third of the time with --top) and hands them over when the input ends.
  Offenders take_offenders() { return std::move(offenders_); }
  // Prepares `out` for this collector's rules and trend granularity; call before adding to
  // a new `out`.
  void prepare(Collected& out);

 private:
  const CollectOptions& options_;
  TimeBucket& bucket(Trends& trends, std::int64_t t);

  std::optional<RuleEngine::Evaluator> evaluator_;
  bool need_time_;
  Offenders offenders_;
  EpochCache epochs_;
  // The trend bucket the last record fell in: consecutive records mostly share one, and
  // std::map nodes stay put, so the pointer stays valid while `bucket_trends_` is in use.
  Trends* bucket_trends_ = nullptr;
  std::int64_t bucket_start_ = 0;
  TimeBucket* bucket_ = nullptr;
};

// The sink every reader pushes into: each line or entry is counted as a record, a malformed
// line or a skipped line (blank, or a directive), and the reader's own count of lines is
// added when it stops, so Counts::balanced() checks one against the other; the first
// examples are kept; records go on to the collector.
class CollectingSink final : public RecordSink {
 public:
  CollectingSink(RecordCollector& collector, Collected& out, size_t max_examples) noexcept
      : collector_(collector), out_(out), max_examples_(max_examples) {}

  void record(Record& r) override {
    if (r.no_response) keep_no_response(r);
    collector_.add(r, out_);
  }
  void malformed(Location at, std::string_view reason, std::string_view text) override;
  void other(Location at, std::string_view reason, std::string_view text) override;
  // A record whose line was cut short: pushed like record(), and kept as an example when it
  // counted (it may fall outside --since/--until).
  void truncated_record(Record& r, std::string_view reason, std::string_view text);
  // Readers build a malformed line's reason only when it will be kept.
  bool wants_example() const noexcept { return out_.examples.size() < max_examples_; }
  bool wants_other_example() const noexcept { return out_.other_examples.size() < max_examples_; }
  bool wants_truncated_example() const noexcept { return out_.truncated_examples.size() < max_examples_; }
  void skipped() noexcept { ++out_.counts.blank; }
  void read(std::uint64_t lines) override { out_.counts.lines += lines; }

 private:
  void keep_no_response(const Record& r);

  RecordCollector& collector_;
  Collected& out_;
  size_t max_examples_;
};

}  // namespace statuslint
