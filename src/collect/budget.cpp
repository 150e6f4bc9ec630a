#include "statuslint/collect/budget.hpp"
#include "statuslint/collect/routes.hpp"

#include "statuslint/collect/latency.hpp"
#include "statuslint/collect/summary.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
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

// "300ms", "2s", "1500us", "1.5" (ms): microseconds; -1 when not a duration.
double parse_duration_micros(const std::string& text) {
  struct Unit {
    const char* suffix;
    double micros;
  };
  static constexpr Unit kUnits[] = {{"ms", 1e3}, {"us", 1}, {"\xc2\xb5s", 1}, {"s", 1e6}, {"m", 60e6}};
  std::string number = text;
  double scale = 1e3;
  for (const Unit& u : kUnits) {
    const std::string_view suf(u.suffix);
    if (number.size() > suf.size() && number.compare(number.size() - suf.size(), suf.size(), suf) == 0) {
      number.resize(number.size() - suf.size());
      scale = u.micros;
      break;
    }
  }
  double v = 0;
  const auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
  if (ec != std::errc{} || p != number.data() + number.size() || v < 0) return -1;
  return v * scale;
}

Budget parse_latency_budget(const std::string& text) {
  const std::string usage = "--max-latency expects [SCOPE:]pNN=DURATION (p99=300ms, 5xx:p95=2s), not '" + text + "'";
  const size_t eq = text.rfind('=');
  if (eq == std::string::npos) throw std::invalid_argument(usage);
  Budget b;
  b.kind = Budget::Kind::MaxLatency;
  b.text = text;
  std::string left = text.substr(0, eq);
  // A route scope is a path and may hold colons: the percentile follows the last one.
  const bool route = !left.empty() && left[0] == '/';
  const size_t colon = route ? left.rfind(':') : left.find(':');
  if (route && colon == std::string::npos) throw std::invalid_argument(usage);
  if (colon != std::string::npos) {
    b.selector = left.substr(0, colon);
    left = left.substr(colon + 1);
    if (!route && !parse_status_class(b.selector) && !StatusRegistry::parse_code(b.selector)) {
      throw std::invalid_argument("--max-latency: unknown scope '" + b.selector +
                                  "' (expected a class like 5xx, a code like 504 or a route like /users/{int})");
    }
  }
  if (left.size() < 2 || (left[0] != 'p' && left[0] != 'P')) throw std::invalid_argument(usage);
  std::string digits = left.substr(1);
  if (digits == "999") digits = "99.9";
  double pct = 0;
  const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pct);
  if (ec != std::errc{} || p != digits.data() + digits.size() || pct <= 0 || pct > 100) {
    throw std::invalid_argument("--max-latency: '" + left + "' is no percentile (p50, p95, p99, p99.9)");
  }
  b.quantile = pct / 100;
  b.limit = parse_duration_micros(text.substr(eq + 1));
  if (b.limit < 0) {
    throw std::invalid_argument("--max-latency: '" + text.substr(eq + 1) + "' is no duration (300ms, 2s, 1500us)");
  }
  return b;
}

// Microseconds as milliseconds, exactly to the microsecond: "412.3 ms", "20000 ms".
std::string ms_of(double micros) {
  const auto us = static_cast<std::uint64_t>(std::llround(micros));
  std::string out = std::to_string(us / 1000);
  if (const auto frac = us % 1000; frac != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03u", static_cast<unsigned>(frac));
    out += buf;
    while (out.back() == '0') out.pop_back();
  }
  return out + " ms";
}

BudgetResult evaluate_latency(const Budget& b, const ScanSummary& summary) {
  BudgetResult r;
  r.budget = b;
  const Latency& l = summary.states.get<LatencyCollector>();
  // -2: every record; 0..5: a class (StatusClass); else a code.
  int class_scope = -2, code_scope = -1;
  if (b.selector.empty()) {
  } else if (const auto cls = parse_status_class(b.selector)) {
    class_scope = static_cast<int>(*cls);
  } else if (const auto code = StatusRegistry::parse_code(b.selector)) {
    code_scope = *code;
  }
  Distribution times;
  bool route_found = false;
  if (!b.selector.empty() && b.selector[0] == '/') {
    // A route: as the report names it, or a path whose masked template the report names.
    RouteMasker masker;
    std::uint16_t reasons = 0;
    const std::string masked(masker.mask(b.selector, reasons));
    for (const ReportedRoute& route : reported_routes(summary.states.get<RoutesCollector>())) {
      if (route.name == b.selector || route.name == masked) {
        times.merge(route.stats.time);
        route_found = true;
      }
    }
  }
  for (const Latency::Code* c : l.sorted_codes()) {
    if (!b.selector.empty() && b.selector[0] == '/') break;
    const int cls_of = c->code == kNoResponseCode ? -3 : static_cast<int>(class_of(c->code));
    const bool in_scope =
        b.selector.empty() || (class_scope >= 0 && cls_of == class_scope) || (code_scope >= 0 && c->code == code_scope);
    if (in_scope) times.merge(c->stats.time);
  }
  const std::string scope = b.selector.empty() ? "" : " of " + b.selector;
  const std::string name = b.text.substr(0, b.text.rfind('='));
  if (times.empty() && !route_found && !b.selector.empty() && b.selector[0] == '/') {
    r.inconclusive = r.breached = true;
    r.description = name + " inconclusive: no route of the report is " + b.selector +
                    " (the routes section lists them; limit " + ms_of(b.limit) + ")";
    return r;
  }
  if (times.empty()) {
    r.inconclusive = r.breached = true;
    r.description = name + " inconclusive: no record" + scope + " has a request time (limit " + ms_of(b.limit) + ")";
    return r;
  }
  r.measured = static_cast<double>(times.quantile(b.quantile));
  r.breached = r.measured > b.limit;
  r.description = name + " " + ms_of(r.measured) + " " + (r.breached ? ">" : "<=") + " " + ms_of(b.limit) + " (" +
                  std::to_string(times.count()) + (times.count() == 1 ? " record" : " records") + scope +
                  " with a time" + (times.exact() ? "" : "; within 0.55%") + ")";
  return r;
}

}  // namespace

Budget parse_budget(Budget::Kind kind, const std::string& text, const RuleEngine* rules) {
  if (kind == Budget::Kind::MaxLatency) return parse_latency_budget(text);
  const char* option = kind == Budget::Kind::MaxRate ? "--max-rate" : "--max-count";
  const size_t eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0) {
    throw std::invalid_argument(std::string(option) + " expects SELECTOR=" +
                                (kind == Budget::Kind::MaxRate ? "PERCENT" : "N") + ", not '" + text + "'");
  }
  Budget b;
  b.kind = kind;
  b.text = text;
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
    if (b.kind == Budget::Kind::MaxLatency) {
      results.push_back(evaluate_latency(b, summary));
      continue;
    }
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
