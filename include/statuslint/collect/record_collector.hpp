// What happens to each record once a reader has it: the --since/--until filter, the counts,
// the rules, and every collector (collectors.hpp). Every reader (chunked text and JSON lines, HAR) hands its
// records to a collector, so they all count the same way.
#pragma once

#include <cstdint>
#include <optional>

#include "statuslint/collect/collectors.hpp"
#include "statuslint/collect/sequences.hpp"
#include "statuslint/collect/summary.hpp"
#include "statuslint/record/record_sink.hpp"
#include "statuslint/record/timestamp.hpp"
#include "statuslint/rules/rule_engine.hpp"

namespace statuslint {

// Where a collector adds: one per chunk or per input.
struct Collected {
  Counts counts;
  RuleTallies findings;
  CollectorStates states;                               // every collector's (collectors.hpp)
  std::vector<MalformedExample> examples;               // the first ones, in input order
  std::vector<MalformedExample> other_examples;         // the first lines counted as other
  std::vector<MalformedExample> truncated_examples;     // the first records cut short
  std::vector<NoResponseExample> no_response_examples;  // the first ones, in input order
  // Lines each format read, when a sibling format read some: [0] the input's format, then its
  // siblings in order (LogFormat::siblings).
  std::vector<std::uint64_t> lines_by_format;
  ExchangeLog exchanges;  // for the sequence rules, in input order
  // Lines counted beyond the input's own (a logplex line's frames after its first): line
  // numbers are the file's, so the next chunk's are shifted by counts.lines less these.
  std::uint64_t extra_lines = 0;
};

class RecordCollector {
 public:
  RecordCollector(const CollectOptions& options);
  // Adds one record. r.line is the (possibly chunk-local) line for finding examples.
  void add(const Record& r, Collected& out);
  // Prepares `out` for this collector's rules and collectors; call before adding to a new `out`.
  void prepare(Collected& out);
  // Hands what the gatherers kept across chunks (top-offender tables) to the input's states;
  // once, when the input ends.
  void flush(CollectorStates& input) { Collectors::flush(gatherers_, input.all()); }

 private:
  const CollectOptions& options_;
  std::optional<RuleEngine::Evaluator> evaluator_;
  bool need_time_;
  bool filter_;
  bool gather_;  // any collector is wanted: a plain scan skips the observation altogether
  Collectors::Gatherers gatherers_;
  EpochCache epochs_;
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
  // One more line counted inside a line of the input (a logplex frame after the first).
  void extra_line() noexcept {
    ++out_.counts.lines;
    ++out_.extra_lines;
  }

 private:
  void keep_no_response(const Record& r);

  RecordCollector& collector_;
  Collected& out_;
  size_t max_examples_;
};

}  // namespace statuslint
