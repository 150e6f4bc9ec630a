// Error budgets: limits on what a scan may contain, checked after it, for CI gates.
//
//   --max-rate 5xx=1        at most 1% of records in a class (1xx..5xx, invalid)
//   --max-rate 499=0.5      ...with one status code (three digits)
//   --max-rate nonstandard=2  ...of one registry kind; also no_response (share of records)
//                           and malformed (share of lines)
//   --max-count status/invalid=0   at most N findings of a rule
//   --max-latency p99=300ms  the 99th percentile of request times at most 300 ms; a scope
//                           first picks a class or a code (5xx:p95=2s, 504:p50=1s)
//
// A latency budget whose scope has no record with a request time cannot be judged: it says
// "inconclusive" and counts as breached (a gate never passes on nothing).
//
// Each budget reports what was measured, breached or not, so the report can say why a gate
// failed. Budgets read only the summary, so they work the same after `merge`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace statuslint {

class RuleEngine;
struct ScanSummary;

struct Budget {
  enum class Kind : std::uint8_t { MaxRate, MaxCount, MaxLatency };
  Kind kind = Kind::MaxRate;
  std::string selector;  // "5xx", "499", "nonstandard", "malformed", or a rule id; MaxLatency: a
                         // class or code, or "" for every record
  double limit = 0;      // percent for MaxRate, findings for MaxCount, microseconds for MaxLatency
  double quantile = 0;   // MaxLatency: 0.99 for p99
  std::string text;      // as given, for messages
};

// The option that sets a kind of budget, without its dashes: "max-rate", "max-count",
// "max-latency" (JSON writes it with '_').
constexpr const char* budget_option(Budget::Kind kind) noexcept {
  return kind == Budget::Kind::MaxRate ? "max-rate" : kind == Budget::Kind::MaxCount ? "max-count" : "max-latency";
}
constexpr const char* budget_kind_name(Budget::Kind kind) noexcept {
  return kind == Budget::Kind::MaxRate ? "max_rate" : kind == Budget::Kind::MaxCount ? "max_count" : "max_latency";
}

struct BudgetResult {
  Budget budget;
  double measured = 0;  // percent or count, like the limit
  bool breached = false;
  bool inconclusive = false;  // nothing to judge (breached too)
  // "5xx rate 2.31% > 1% (231 of 10000 records)"
  std::string description;
};

// Parses "SELECTOR=NUMBER". Throws std::invalid_argument with a message for the user when the
// selector is unknown or the number is not a non-negative number. Rule ids are checked
// against `rules` for MaxCount (null: not checked). MaxLatency reads "[SCOPE:]pNN=DURATION"
// (DURATION: 300ms, 2s, 1500us; a bare number is milliseconds).
Budget parse_budget(Budget::Kind kind, const std::string& text, const RuleEngine* rules);

std::vector<BudgetResult> evaluate_budgets(const std::vector<Budget>& budgets, const ScanSummary& summary);

}  // namespace statuslint
