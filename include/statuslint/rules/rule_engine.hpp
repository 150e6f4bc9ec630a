// The rule engine: rules compiled for the hot path, and their findings.
//
// Rules are compiled into a dispatch table with one list per status slot (0..999, missing,
// non-numeric), so a record touches only the rules that can match its status, and a 200 in a
// typical pack touches none. Regex conditions over one field (path, user agent...) from all
// rules form one RE2::Set, run at most once per record and only when a rule in the record's
// list asks for that field. Findings are tallied per rule (count, not-evaluated count, first
// examples) in vectors that merge like Counts, so parallel scans give identical results.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "statuslint/rules/rule.hpp"
#include "statuslint/rules/rule_set.hpp"

namespace statuslint {

struct CompiledRegex;
struct SlotDispatch;

// What a rule says of one record: it fires, it passes, or the record lacks what the rule
// needs (headers on an access log, an unknown body size) and it could not look.
enum class Verdict : std::uint8_t { Passes, Fires, NotEvaluated };

// Where a rule fired: enough to point a person (or SARIF) at the spot.
struct FindingExample {
  std::uint64_t line = 0;   // 1-based line (text and JSON-lines inputs); 0 for HAR
  std::int64_t entry = -1;  // HAR entry index
  std::uint32_t input = 0;  // index of its input in the scan (ScanSummary::inputs), once folded
  std::string method;
  std::string path;
  std::string status;
  std::string message;
};

struct RuleTally {
  std::uint64_t count = 0;          // records the rule fired on
  std::uint64_t not_evaluated = 0;  // records that lacked what the rule needs
  std::vector<FindingExample> examples;
};
// One tally per rule of the engine, in RuleEngine::rules() order.
using RuleTallies = std::vector<RuleTally>;

// Which rules run and how severe they are: --enable, --disable, --severity and the project
// file. Ids may end in '*' to name every rule with that prefix ("header/*").
struct RuleSelection {
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::pair<std::string, Severity>> severity;
};

class RuleEngine {
 public:
  // Compiles `set` with `selection` applied. Unknown ids in the selection are errors
  // (source "selection"). The engine keeps its own copy of the rules.
  RuleEngine(const RuleSet& set, const RuleSelection& selection, std::vector<RuleError>& errors);
  ~RuleEngine();
  RuleEngine(const RuleEngine&) = delete;
  RuleEngine& operator=(const RuleEngine&) = delete;

  // Every loaded rule (enabled or not), with the selection's severity applied.
  const std::vector<Rule>& rules() const noexcept { return rules_; }
  bool active(size_t rule) const noexcept { return active_[rule]; }
  // The first active sequence rule of `kind`, if any.
  std::optional<size_t> sequence_rule(SequenceRule::Kind kind) const noexcept;
  size_t active_count() const noexcept;

  // Runs every rule's fires/silent examples; a fires example that does not fire, or a silent
  // one that fires or cannot be evaluated, is an error at the example's position.
  void check_examples(std::vector<RuleError>& errors) const;

  // For inputs whose records can never carry headers or status text (text access logs):
  // the rules that need them are left out of the dispatch (see Evaluator), and their
  // not-evaluated counts are derived here from the input's per-status counts instead.
  void count_not_evaluated(const std::array<std::uint64_t, kStatusSlots>& records_per_slot, RuleTallies& tallies) const;

  // Per-thread evaluation state: scratch space reused from record to record.
  class Evaluator {
   public:
    // `record_only`: the source never has headers or status text, so only rules that need a
    // plain record, or that name methods, are dispatched (the others are counted by
    // count_not_evaluated).
    explicit Evaluator(const RuleEngine& engine, bool record_only = false);
    // Evaluates the active rules that can match `r` and adds to `tallies` (sized to
    // rules()). Keeps up to `max_examples` examples per rule.
    void evaluate(const Record& r, RuleTallies& tallies, size_t max_examples);
    // What rule `index` says of `r`.
    Verdict verdict(size_t index, const Record& r);
    // The rules that fired on the last record evaluate() saw.
    const std::vector<std::uint16_t>& fired() const noexcept { return fired_; }

   private:
    friend class RuleEngine;
    bool regex_matches(const CompiledRegex& c, const Record& r);
    // Evaluates rule `index` on `r` and tallies the outcome.
    void run(std::uint16_t index, const Record& r, RuleTallies& tallies, size_t max_examples);
    std::uint64_t method_bit(const Record& r);

    const RuleEngine& engine_;
    const std::array<SlotDispatch, kStatusSlots>* dispatch_;
    std::vector<std::vector<int>> set_matches_;  // per field: indexes matched by the field's set
    unsigned computed_ = 0;                      // bit per field: set_matches_ is current
    std::uint64_t method_bit_ = 0;               // the record's method as a bit; 0: not yet looked up
    // The last method key looked up and its bit: a log is nearly all GETs, so the search of
    // the method table is mostly skipped.
    std::uint64_t last_method_key_ = 0, last_method_bit_ = 0;
    std::vector<std::uint16_t> fired_;
  };

  struct Compiled;  // private representation, defined in rule_engine.cpp

 private:
  std::vector<Rule> rules_;
  std::vector<bool> active_;
  std::unique_ptr<Compiled> compiled_;
};

// The message a reason gives for "not evaluated", by what the rule needs.
std::string_view not_evaluated_reason(RuleNeeds needs) noexcept;

}  // namespace statuslint
