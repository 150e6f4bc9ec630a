#include "statuslint/report/compare_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "statuslint/report/escaping.hpp"
#include "statuslint/report/json_writer.hpp"
#include "text_table.hpp"

namespace statuslint {

namespace {

constexpr size_t kOtherRows = 10;

std::string format(const char* fmt, double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

// Three significant digits, never an exponent for the values a report holds.
std::string sig3(double v) {
  const double a = std::fabs(v);
  if (a >= 100 || a == 0) return format("%.0f", v);
  if (a >= 10) return format("%.1f", v);
  if (a >= 1) return format("%.2f", v);
  if (a >= 0.01) return format("%.3f", v);
  return format("%.2g", v);
}

std::string value_text(const MetricComparison& c, double v) {
  if (c.share) return sig3(v * 100) + "%";
  return sig3(v) + " ms";
}

std::string effect_text(const MetricComparison& c, double v, bool sign) {
  if (c.effect_unit == "difference") return (sign && v >= 0 ? "+" : "") + sig3(v * 100) + " pp";
  if (c.effect_unit == "ratio") return sig3(v) + "x";
  return sig3(v);
}

std::string p_text(const std::optional<double>& p) {
  if (!p) return "-";
  if (*p < 0.0001) return "<0.0001";
  return format("%.2g", *p);
}

std::string scope_text(const MetricComparison& c) {
  if (c.scope_kind == "all") return "all";
  return c.scope_kind + " " + terminal_safe(c.scope);
}

std::string_view family_name(Family f) {
  switch (f) {
    case Family::ServerErrors:
      return "5xx";
    case Family::ClientErrors:
      return "4xx";
    case Family::Malformed:
      return "malformed";
    case Family::Findings:
      return "findings";
    case Family::Latency:
      return "latency";
    case Family::None:
      break;
  }
  return "none";
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  return out;
}

}  // namespace

void write_compare_text(std::string& out, const CompareResult& result, const CompareSides& sides, bool all) {
  out += "Verdict: " + upper(to_string(result.verdict)) + " (" + terminal_safe(result.why) + ")\n";
  out +=
      "  baseline   " + terminal_safe(sides.baseline) + " (" + std::to_string(sides.baseline_records) + " records)\n";
  out +=
      "  candidate  " + terminal_safe(sides.candidate) + " (" + std::to_string(sides.candidate_records) + " records)\n";
  const CompareOptions& o = result.options;
  out += "  a comparison fails when it is significant at q <= " + sig3(o.alpha) + " and worse by at least " +
         sig3(o.min_change * 100) + " pp and " + sig3(o.min_ratio) + "x (latency: " + sig3(o.min_ratio) + "x, or a " +
         sig3(o.min_superiority) + " chance of being slower)\n";
  for (const std::string& note : result.notes) out += "  note: " + terminal_safe(note) + '\n';

  Table judged({false, false, true, true, true, false, true, false, false});
  judged.row({"METRIC", "SCOPE", "BASELINE", "CANDIDATE", "CHANGE", "INTERVAL", "Q", "VERDICT", "WHY"});
  Table changes({false, false, true, true, false});
  changes.row({"SCOPE", "METRIC", "BASELINE", "CANDIDATE", "WHAT"});
  size_t others = 0, hidden = 0, changed = 0, hidden_changes = 0;
  for (const MetricComparison& c : result.comparisons) {
    if (c.verdict == CompareVerdict::Info) {
      if (!all && changed >= kOtherRows) {
        ++hidden_changes;
        continue;
      }
      ++changed;
      const bool route = c.metric == "requests";
      changes.row({scope_text(c), route ? "requests" : c.metric,
                   route ? std::to_string(c.baseline_x) : value_text(c, c.baseline),
                   route ? std::to_string(c.candidate_x) : value_text(c, c.candidate), terminal_safe(c.why)});
      continue;
    }
    const bool shown = all || c.verdict == CompareVerdict::Fail || c.scope_kind == "all" || others < kOtherRows;
    if (!shown) {
      ++hidden;
      continue;
    }
    if (c.verdict != CompareVerdict::Fail && c.scope_kind != "all") ++others;
    const std::string interval =
        c.ci ? "[" + effect_text(c, c.ci->lo, true) + ", " + effect_text(c, c.ci->hi, true) + "]" : "-";
    judged.row({c.metric, scope_text(c), value_text(c, c.baseline), value_text(c, c.candidate),
                effect_text(c, c.effect, true), interval, p_text(c.q_value), std::string(to_string(c.verdict)), c.why});
  }
  out +=
      "\nComparisons (worst first; Q: the p-value after the false-discovery control, - when the\n"
      "comparison could not take part; latency distribution: the chance a candidate request is slower)\n";
  judged.write(out);
  if (hidden > 0) out += "  (" + std::to_string(hidden) + " more: --all or --format json lists every one)\n";
  if (changed > 0) {
    out += "\nNew and vanished\n";
    changes.write(out);
    if (hidden_changes > 0) out += "  (" + std::to_string(hidden_changes) + " more: --all lists every one)\n";
  }
}

void write_compare_json(std::string& out, const CompareResult& result, const CompareSides& sides) {
  JsonWriter w(out);
  w.begin_object();
  w.member("schema_version", 1);
  w.member("verdict", to_string(result.verdict));
  w.member("why", result.why);
  w.key("baseline")
      .begin_object()
      .member("input", sides.baseline)
      .member("records", sides.baseline_records)
      .end_object();
  w.key("candidate")
      .begin_object()
      .member("input", sides.candidate)
      .member("records", sides.candidate_records)
      .end_object();
  const CompareOptions& o = result.options;
  w.key("options")
      .begin_object()
      .member("alpha", o.alpha)
      .member("min_change", o.min_change)
      .member("min_ratio", o.min_ratio)
      .member("min_superiority", o.min_superiority)
      .member("min_requests", o.min_requests)
      .end_object();
  w.key("notes").begin_array();
  for (const std::string& n : result.notes) w.value(n);
  w.end_array();
  w.key("comparisons").begin_array();
  for (const MetricComparison& c : result.comparisons) {
    w.begin_object();
    w.member("scope", c.scope_kind == "all" ? std::string("all") : c.scope_kind + " " + c.scope);
    w.member("scope_kind", c.scope_kind);
    w.member("scope_name", c.scope);
    w.member("metric", c.metric);
    w.member("unit", c.share ? "share" : "ms");
    w.member("baseline", c.baseline);
    w.member("candidate", c.candidate);
    w.member("baseline_requests", c.baseline_n);
    w.member("candidate_requests", c.candidate_n);
    if (c.share) {
      w.member("baseline_events", c.baseline_x);
      w.member("candidate_events", c.candidate_x);
    }
    w.member("effect", c.effect);
    w.member("effect_unit", c.effect_unit);
    w.key("ci");
    if (c.ci) {
      w.begin_array().value(c.ci->lo).value(c.ci->hi).end_array();
    } else {
      w.null();
    }
    w.key("p_value");
    c.p_value ? w.value(*c.p_value) : w.null();
    w.key("q_value");
    c.q_value ? w.value(*c.q_value) : w.null();
    w.member("test", c.test);
    w.member("needed", c.needed);
    w.key("mde");
    c.mde ? w.value(*c.mde) : w.null();
    w.member("dispersion", c.dispersion);
    w.member("family", family_name(c.family));
    w.member("prefiltered", c.prefiltered);
    w.member("verdict", to_string(c.verdict));
    w.member("why", c.why);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
}

void write_compare_markdown(std::string& out, const CompareResult& result, const CompareSides& sides, bool all) {
  const auto md = [](std::string_view text) {
    std::string o;
    append_markdown_escaped(o, text);
    return o;
  };
  out += "### statuslint compare: " + upper(to_string(result.verdict)) + "\n\n";
  out += md(result.why) + "\n\n";
  out += "Baseline " + md(sides.baseline) + " (" + std::to_string(sides.baseline_records) + " records), candidate " +
         md(sides.candidate) + " (" + std::to_string(sides.candidate_records) + " records).\n\n";
  for (const std::string& note : result.notes) out += "> " + md(note) + "\n\n";
  out += "| Metric | Scope | Baseline | Candidate | Change | Interval | Q | Verdict | Why |\n";
  out += "|---|---|---:|---:|---:|---|---:|---|---|\n";
  size_t others = 0, hidden = 0;
  std::string changes;
  size_t changed = 0;
  for (const MetricComparison& c : result.comparisons) {
    const std::string scope = c.scope_kind == "all" ? "all" : c.scope_kind + " " + c.scope;
    if (c.verdict == CompareVerdict::Info) {
      if (!all && changed >= kOtherRows) continue;
      ++changed;
      const bool route = c.metric == "requests";
      changes += "| " + md(scope) + " | " + md(route ? std::to_string(c.baseline_x) : value_text(c, c.baseline)) +
                 " | " + md(route ? std::to_string(c.candidate_x) : value_text(c, c.candidate)) + " | " + md(c.why) +
                 " |\n";
      continue;
    }
    if (!(all || c.verdict == CompareVerdict::Fail || c.scope_kind == "all" || others < kOtherRows)) {
      ++hidden;
      continue;
    }
    if (c.verdict != CompareVerdict::Fail && c.scope_kind != "all") ++others;
    const std::string interval =
        c.ci ? "[" + effect_text(c, c.ci->lo, true) + ", " + effect_text(c, c.ci->hi, true) + "]" : "-";
    const std::string verdict = c.verdict == CompareVerdict::Fail ? "**fail**" : std::string(to_string(c.verdict));
    out += "| " + md(c.metric) + " | " + md(scope) + " | " + md(value_text(c, c.baseline)) + " | " +
           md(value_text(c, c.candidate)) + " | " + md(effect_text(c, c.effect, true)) + " | " + md(interval) + " | " +
           md(p_text(c.q_value)) + " | " + verdict + " | " + md(c.why) + " |\n";
  }
  if (hidden > 0) out += "\n" + std::to_string(hidden) + " more comparisons: `--format json` lists every one.\n";
  if (changed > 0) {
    out += "\n#### New and vanished\n\n| Scope | Baseline | Candidate | What |\n|---|---:|---:|---|\n" + changes;
  }
}

void write_compare_html(std::string& out, const CompareResult& result, const CompareSides& sides) {
  const auto h = [](std::string_view text) {
    std::string o;
    append_html_escaped(o, text);
    return o;
  };
  const std::string verdict(to_string(result.verdict));
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>statuslint compare: " + h(verdict) +
         "</title>\n<style>\n"
         "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
         "h1{padding:.4em .8em;border-radius:6px;color:#fff;display:inline-block}"
         ".v-fail{background:#c62828}.v-pass{background:#2e7d32}.v-inconclusive{background:#8d6e00}"
         ".v-info{background:#607d8b}table{border-collapse:collapse;margin:1em 0}"
         "th,td{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
         "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
         "tr.fail td{background:#fdecea}tr.pass td{color:#555}"
         ".bar{display:inline-block;height:.7em;background:#90a4ae;vertical-align:middle}"
         ".bar.c{background:#e57373}\n</style>\n</head>\n<body>\n";
  out += "<h1 class=\"v-" + h(verdict) + "\">" + h(upper(verdict)) + "</h1>\n<p>" + h(result.why) + "</p>\n";
  out += "<p>Baseline <code>" + h(sides.baseline) + "</code> (" + std::to_string(sides.baseline_records) +
         " records), candidate <code>" + h(sides.candidate) + "</code> (" + std::to_string(sides.candidate_records) +
         " records).</p>\n";
  for (const std::string& note : result.notes) out += "<p><em>Note: " + h(note) + "</em></p>\n";
  out +=
      "<table>\n<tr><th>Metric</th><th>Scope</th><th>Baseline</th><th>Candidate</th><th></th><th>Change</th>"
      "<th>Interval</th><th>Q</th><th>Verdict</th><th>Why</th></tr>\n";
  std::string changes;
  for (const MetricComparison& c : result.comparisons) {
    const std::string scope = c.scope_kind == "all" ? "all" : c.scope_kind + " " + c.scope;
    if (c.verdict == CompareVerdict::Info) {
      const bool route = c.metric == "requests";
      changes += "<tr><td>" + h(scope) + "</td><td class=\"n\">" +
                 h(route ? std::to_string(c.baseline_x) : value_text(c, c.baseline)) + "</td><td class=\"n\">" +
                 h(route ? std::to_string(c.candidate_x) : value_text(c, c.candidate)) + "</td><td>" + h(c.why) +
                 "</td></tr>\n";
      continue;
    }
    // Two bars on one scale: the baseline's and the candidate's value.
    const double top = std::max({c.baseline, c.candidate, 1e-12});
    const auto bar = [&](double v, const char* cls) {
      return "<span class=\"bar" + std::string(cls) + "\" style=\"width:" + format("%.1f", 60 * v / top) +
             "px\"></span>";
    };
    const std::string interval =
        c.ci ? "[" + effect_text(c, c.ci->lo, true) + ", " + effect_text(c, c.ci->hi, true) + "]" : "-";
    const std::string v(to_string(c.verdict));
    out += "<tr class=\"" + v + "\"><td>" + h(c.metric) + "</td><td>" + h(scope) + "</td><td class=\"n\">" +
           h(value_text(c, c.baseline)) + "</td><td class=\"n\">" + h(value_text(c, c.candidate)) + "</td><td>" +
           bar(c.baseline, "") + "<br>" + bar(c.candidate, " c") + "</td><td class=\"n\">" +
           h(effect_text(c, c.effect, true)) + "</td><td>" + h(interval) + "</td><td class=\"n\">" +
           h(p_text(c.q_value)) + "</td><td>" + h(v) + "</td><td>" + h(c.why) + "</td></tr>\n";
  }
  out += "</table>\n";
  if (!changes.empty()) {
    out +=
        "<h2>New and vanished</h2>\n<table>\n<tr><th>Scope</th><th>Baseline</th><th>Candidate</th><th>What</th>"
        "</tr>\n" +
        changes + "</table>\n";
  }
  out += "<p>How each comparison is judged: docs/compare.md.</p>\n</body>\n</html>\n";
}

}  // namespace statuslint
