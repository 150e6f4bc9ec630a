#include "statuslint/report/markdown_report.hpp"

#include "formats/simdjson_linked.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>
#include <vector>

#include "html_page.hpp"
#include "report_sections.hpp"
#include "statuslint/report/escaping.hpp"
#include "statuslint/report/summary_report.hpp"

namespace statuslint {
namespace {

using html::array_of;
using html::count_of;
using html::flag_of;
using html::has;
using html::text_of;
using simdjson::dom::array;
using simdjson::dom::element;

// A step summary is read in a pull request, not searched: past these, a line says how many more.
constexpr size_t kMaxInputRows = 20;
constexpr size_t kMaxExamplesPerRule = 3;
constexpr size_t kMaxRouteRows = 10;

std::string md(std::string_view text) {
  std::string out;
  append_markdown_escaped(out, text);
  return out;
}

// The member `key` of `e`, or false: sections appear only when their collector ran.
bool child(element e, const char* key, element& out) { return e[key].get(out) == simdjson::SUCCESS; }

std::string ms_text(element stats, const char* key) {
  double v = 0;
  if (stats[key].get_double().get(v) != simdjson::SUCCESS) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.2f ms" : v < 1000 ? "%.1f ms" : "%.0f ms", v);
  return buf;
}

class MarkdownReport {
 public:
  MarkdownReport(std::string& out, element doc, const ScanSummary& s, const MarkdownOptions& o)
      : out_(out), doc_(doc), s_(s), o_(o) {}

  void write() {
    verdict();
    input_errors();
    budgets();
    findings();
    classes();
    latency();
    routes();
    inputs();
    not_evaluated();
  }

 private:
  void verdict() {
    const bool errors = s_.any_input_error();
    const bool breached = s_.any_budget_breached();
    const bool gate_failed = o_.gate && s_.has_findings_at(*o_.gate);
    out_ += "### statuslint: ";
    out_ += errors ? "ERROR" : (breached || gate_failed) ? "FAIL" : "PASS";
    out_ += "\n\n";
    element totals;
    if (!child(doc_, "totals", totals)) return;
    out_ += std::to_string(count_of(totals, "records")) + " records in " + std::to_string(s_.inputs.size()) +
            (s_.inputs.size() == 1 ? " input" : " inputs");
    std::array<std::uint64_t, 3> by_severity{};
    for (element f : array_of(doc_, "findings")) {
      if (const auto level = parse_severity(text_of(f, "severity"))) {
        by_severity[static_cast<size_t>(*level)] += count_of(f, "count");
      }
    }
    for (const Severity sev : {Severity::Error, Severity::Warning, Severity::Info}) {
      const std::uint64_t n = by_severity[static_cast<size_t>(sev)];
      if (n > 0)
        out_ += ", " + std::to_string(n) + " " + std::string(to_string(sev)) + (n == 1 ? " finding" : " findings");
    }
    const auto breached_count = static_cast<size_t>(
        std::count_if(s_.budgets.begin(), s_.budgets.end(), [](const BudgetResult& b) { return b.breached; }));
    if (breached_count > 0) {
      out_ += ", " + std::to_string(breached_count) + (breached_count == 1 ? " budget exceeded" : " budgets exceeded");
    }
    const std::uint64_t malformed = count_of(totals, "malformed");
    if (malformed > 0)
      out_ += ", " + std::to_string(malformed) + (malformed == 1 ? " malformed line" : " malformed lines");
    out_ += ".";
    if (o_.gate) {
      out_ += gate_failed ? " Fails" : " Passes";
      out_ += " `--fail-on " + std::string(to_string(*o_.gate)) + "`.";
    }
    out_ += "\n";
  }

  void input_errors() {
    bool header = false;
    for (element in : array_of(doc_, "inputs")) {
      const std::string_view error = text_of(in, "error");
      if (error.empty()) continue;
      if (!header) out_ += "\n**Input errors**\n\n";
      header = true;
      out_ += "- " + md(error) + "\n";
    }
  }

  void budgets() {
    const array list = array_of(doc_, "budgets");
    if (list.size() == 0) return;
    out_ += "\n#### Budgets\n\n| Result | Budget |\n|---|---|\n";
    for (element b : list) {
      out_ += flag_of(b, "breached") ? "| **exceeded** | " : "| within | ";
      out_ += md(text_of(b, "description")) + " |\n";
    }
  }

  void findings() {
    const array list = array_of(doc_, "findings");
    out_ += "\n#### Findings\n\n";
    if (list.size() == 0) {
      out_ += "No rule fired.\n";
      return;
    }
    out_ += "| Severity | Rule | Records | Summary |\n|---|---|---:|---|\n";
    for (element f : list) {
      const std::string_view sev = text_of(f, "severity");
      out_ += "| " + (sev == "error" ? "**error**" : md(sev)) + " | " + md(text_of(f, "rule")) + " | " +
              std::to_string(count_of(f, "count")) + " | " + md(text_of(f, "summary")) + " |\n";
    }
    out_ += "\nFirst examples:\n\n";
    for (element f : list) {
      size_t shown = 0;
      for (element e : array_of(f, "examples")) {
        if (shown++ == kMaxExamplesPerRule) break;
        std::string where(text_of(e, "input"));
        where += has(e, "entry") ? " entry " + std::to_string(count_of(e, "entry"))
                                 : ":" + std::to_string(count_of(e, "line"));
        out_ += "- " + md(text_of(f, "rule")) + " at " + md(where) + ": " + md(text_of(e, "message")) + "\n";
      }
    }
  }

  void classes() {
    element classes, totals;
    if (!child(doc_, "classes", classes) || !child(doc_, "totals", totals)) return;
    const std::uint64_t records = count_of(totals, "records");
    out_ += "\n#### Status classes\n\n| Class | Records | Share |\n|---|---:|---:|\n";
    for (std::string_view c : html::kClasses) {
      const std::uint64_t n = count_of(classes, std::string(c).c_str());
      if (n == 0 && (c == "1xx" || c == "invalid" || c == "no_response")) continue;
      out_ += "| " + md(c == "no_response" ? "no response" : c) + " | " + std::to_string(n) + " | " +
              percent(n, records) + " |\n";
    }
  }

  void latency_row(std::string_view scope, element stats) {
    out_ += "| " + md(scope) + " | " + std::to_string(count_of(stats, "count")) + " | " + ms_text(stats, "p50") +
            " | " + ms_text(stats, "p95") + " | " + ms_text(stats, "p99") + " | " + ms_text(stats, "max") + " |\n";
  }

  void latency() {
    element latency, overall;
    if (!child(doc_, "latency", latency) || !child(latency, "overall", overall)) return;
    if (count_of(overall, "count") == 0) return;
    out_ += "\n#### Latency\n\n| Scope | Timed | p50 | p95 | p99 | Max |\n|---|---:|---:|---:|---:|---:|\n";
    latency_row("all", overall);
    for (std::string_view c : html::kClasses) {
      element stats;
      if (latency["classes"][c].get(stats) != simdjson::SUCCESS || count_of(stats, "count") == 0) continue;
      latency_row(c, stats);
    }
  }

  void routes() {
    element routes;
    if (!child(doc_, "routes", routes)) return;
    const array list = array_of(routes, "list");
    if (list.size() == 0) return;
    out_ += "\n#### Routes\n\n| Route | Requests | Errors | p95 |\n|---|---:|---:|---:|\n";
    size_t shown = 0;
    for (element r : list) {
      if (shown++ == kMaxRouteRows) break;
      const std::uint64_t n = count_of(r, "count");
      element latency;
      out_ += "| " + md(text_of(r, "route")) + " | " + std::to_string(n) + " | " + percent(count_of(r, "errors"), n) +
              " | " + (child(r, "latency", latency) ? ms_text(latency, "p95") : "-") + " |\n";
    }
    if (list.size() > kMaxRouteRows)
      out_ += "\n" + std::to_string(list.size() - kMaxRouteRows) + " more routes in the JSON report.\n";
  }

  void inputs() {
    const array list = array_of(doc_, "inputs");
    if (list.size() < 2) return;
    out_ +=
        "\n#### Inputs\n\n| Input | Format | Lines | Records | Malformed | 4xx | 5xx "
        "|\n|---|---|---:|---:|---:|---:|---:|\n";
    size_t shown = 0;
    for (element in : list) {
      if (shown++ == kMaxInputRows) break;
      const std::uint64_t records = count_of(in, "records");
      element classes;
      if (!child(in, "classes", classes)) continue;
      out_ += "| " + md(text_of(in, "name")) + " | " + md(text_of(in, "format")) + " | " +
              std::to_string(count_of(in, "lines")) + " | " + std::to_string(records) + " | " +
              std::to_string(count_of(in, "malformed")) + " | " + percent(count_of(classes, "4xx"), records) + " | " +
              percent(count_of(classes, "5xx"), records) + " |\n";
    }
    if (list.size() > kMaxInputRows)
      out_ += "\n" + std::to_string(list.size() - kMaxInputRows) + " more inputs in the JSON report.\n";
  }

  void not_evaluated() {
    const auto groups = not_evaluated_groups(s_);
    if (groups.empty()) return;
    out_ += "\n<details><summary>Not evaluated: the inputs lack what these rules need</summary>\n\n";
    for (const NotEvaluatedGroup& g : groups) {
      out_ += "- " + std::to_string(g.rules.size()) + (g.rules.size() == 1 ? " rule (" : " rules (") + md(g.families) +
              "): " + md(not_evaluated_reason(g.needs)) + "\n";
    }
    out_ += "\n</details>\n";
  }

  std::string& out_;
  element doc_;
  const ScanSummary& s_;
  const MarkdownOptions& o_;
};

}  // namespace

void write_summary_markdown(std::string& out, const ScanSummary& summary, const MarkdownOptions& options) {
  std::string json;
  write_summary_json(json, summary);
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) {
    out += "### statuslint: ERROR\n\nThe report could not be rendered.\n";
    return;
  }
  MarkdownReport(out, doc, summary, options).write();
}

}  // namespace statuslint
