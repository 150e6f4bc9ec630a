#include "statuslint/collect/budget.hpp"

#include "statuslint/collect/summary.hpp"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace statuslint {
namespace {

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// Records (or lines, for malformed) the selector picks, and the whole they are a share of.
std::pair<std::uint64_t, std::uint64_t> rate_parts(const std::string& selector, const Counts& c) {
  if (selector == "malformed") return {c.malformed, c.lines};
  if (selector == "no_response") return {c.no_response, c.records};
  if (auto cls = parse_status_class(selector)) return {c.by_class()[static_cast<size_t>(*cls)], c.records};
  if (auto kind = parse_status_kind(selector)) return {c.by_kind()[static_cast<size_t>(*kind)], c.records};
  if (auto code = StatusRegistry::parse_code(selector)) return {c.by_code[static_cast<size_t>(*code)], c.records};
  return {0, 0};
}

bool known_rate_selector(const std::string& s) {
  return s == "malformed" || s == "no_response" || parse_status_class(s) || parse_status_kind(s) ||
         StatusRegistry::parse_code(s);
}

}  // namespace

Budget parse_budget(Budget::Kind kind, const std::string& text, const RuleEngine* rules) {
  const char* option = kind == Budget::Kind::MaxRate ? "--max-rate" : "--max-count";
  const size_t eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0) {
    throw std::invalid_argument(std::string(option) + " expects SELECTOR=" +
                                (kind == Budget::Kind::MaxRate ? "PERCENT" : "N") + ", not '" + text + "'");
  }
  Budget b;
  b.kind = kind;
  b.selector = text.substr(0, eq);
  const std::string number = text.substr(eq + 1);
  const auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), b.limit);
  if (ec != std::errc{} || p != number.data() + number.size() || b.limit < 0 ||
      (kind == Budget::Kind::MaxRate && b.limit > 100)) {
    throw std::invalid_argument(std::string(option) + ": '" + number + "' is not " +
                                (kind == Budget::Kind::MaxRate ? "a percentage from 0 to 100" : "a count"));
  }
  if (kind == Budget::Kind::MaxRate && !known_rate_selector(b.selector)) {
    throw std::invalid_argument("--max-rate: unknown selector '" + b.selector +
                                "' (expected a class like 5xx, a code like 499, a kind like nonstandard, "
                                "no_response or malformed)");
  }
  if (kind == Budget::Kind::MaxCount && rules != nullptr) {
    bool found = false;
    for (const Rule& r : rules->rules()) found = found || r.id == b.selector;
    if (!found) throw std::invalid_argument("--max-count: no rule '" + b.selector + "' (see statuslint rules --all)");
  }
  return b;
}

std::vector<BudgetResult> evaluate_budgets(const std::vector<Budget>& budgets, const ScanSummary& summary) {
  std::vector<BudgetResult> results;
  for (const Budget& b : budgets) {
    BudgetResult r;
    r.budget = b;
    if (b.kind == Budget::Kind::MaxRate) {
      const auto [part, whole] = rate_parts(b.selector, summary.total);
      r.measured = whole == 0 ? 0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
      r.breached = r.measured > b.limit;
      r.description = b.selector + " rate " + format_number(r.measured) + "% " + (r.breached ? ">" : "<=") + " " +
                      format_number(b.limit) + "% (" + std::to_string(part) + " of " + std::to_string(whole) +
                      (b.selector == "malformed" ? " lines)" : " records)");
    } else {
      std::uint64_t count = 0;
      if (summary.rules != nullptr) {
        for (size_t i = 0; i < summary.rules->rules().size(); ++i) {
          if (summary.rules->rules()[i].id == b.selector) count = summary.finding_count(i);
        }
      }
      r.measured = static_cast<double>(count);
      r.breached = r.measured > b.limit;
      r.description = b.selector + " findings " + std::to_string(count) + " " + (r.breached ? ">" : "<=") + " " +
                      format_number(b.limit);
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace statuslint
