// Error budgets: limits on what a scan may contain, checked after it, for CI gates.
//
//   --max-rate 5xx=1        at most 1% of records in a class (1xx..5xx, invalid)
//   --max-rate 499=0.5      ...with one status code (three digits)
//   --max-rate nonstandard=2  ...of one registry kind; also no_response (share of records)
//                           and malformed (share of lines)
//   --max-count status/invalid=0   at most N findings of a rule
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
  enum class Kind : std::uint8_t { MaxRate, MaxCount };
  Kind kind = Kind::MaxRate;
  std::string selector;  // "5xx", "499", "nonstandard", "malformed", or a rule id
  double limit = 0;      // percent for MaxRate, findings for MaxCount
};

struct BudgetResult {
  Budget budget;
  double measured = 0;  // percent or count, like the limit
  bool breached = false;
  // "5xx rate 2.31% > 1% (231 of 10000 records)"
  std::string description;
};

// Parses "SELECTOR=NUMBER". Throws std::invalid_argument with a message for the user when the
// selector is unknown or the number is not a non-negative number. Rule ids are checked
// against `rules` for MaxCount (null: not checked).
Budget parse_budget(Budget::Kind kind, const std::string& text, const RuleEngine* rules);

std::vector<BudgetResult> evaluate_budgets(const std::vector<Budget>& budgets, const ScanSummary& summary);

}  // namespace statuslint
