#include "statuslint/report/html_report.hpp"

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

using simdjson::dom::array;
using simdjson::dom::element;
using namespace html;

constexpr std::string_view kStyle = R"css(
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;
--c1xx:#8c959f;--c2xx:#1a7f37;--c3xx:#0969da;--c4xx:#bf8700;--c5xx:#cf222e;--cinvalid:#8250df;--cno_response:#57606a;
--error:#cf222e;--warning:#9a6700;--info:#0969da;--ok:#1a7f37}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;
--c2xx:#3fb950;--c3xx:#4493f8;--c4xx:#d29922;--c5xx:#f85149;--cinvalid:#ab7df8;--cno_response:#9198a1;
--error:#f85149;--warning:#d29922;--info:#4493f8;--ok:#3fb950}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:1rem;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;
background:var(--bg);color:var(--fg)}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1rem 0 .3rem}
.muted{color:var(--muted)}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.5rem}
.tile{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem}
.tile b{display:block;font-size:1.45rem;font-variant-numeric:tabular-nums}
.tile small{display:block;color:var(--muted)}
.tile.fail{border-color:var(--error)}.tile.pass{border-color:var(--ok)}
.verdict.fail{color:var(--error);font-weight:600}.verdict.pass{color:var(--ok);font-weight:600}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{position:sticky;top:0;background:var(--bg)}
table.sortable th{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em;overflow-wrap:anywhere}
.sev{display:inline-block;min-width:4.2rem;font-weight:600}
.sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}
details{border:1px solid var(--line);border-radius:6px;padding:.3rem .6rem;margin:.3rem 0}
summary{cursor:pointer}
input[type=search]{font:inherit;padding:.3rem .5rem;width:min(100%,22rem);margin:.3rem 0;
background:var(--card);color:var(--fg);border:1px solid var(--line);border-radius:6px}
.chart svg{width:100%;height:15rem;display:block}.chart.shares svg{height:1.8rem;border-radius:4px}
svg.mini{width:7rem;height:.7rem;display:block;border-radius:2px}
.legend span{display:inline-block;margin-right:.9rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px;border-radius:2px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:.8rem}
@media (max-width:640px){body{padding:.5rem;font-size:13px}.wide{display:none}.tile b{font-size:1.2rem}}
@media print{input,.noprint{display:none}body{max-width:none;padding:0}th{position:static}
details{break-inside:avoid}h2{break-after:avoid}}
)css";

// No log text ever goes in here: the script reads only the page's own attributes.
constexpr std::string_view kScript = R"js(
(() => {
  for (const table of document.querySelectorAll("table.sortable")) {
    const heads = table.tHead.rows[0].cells;
    for (let i = 0; i < heads.length; i++) {
      const th = heads[i];
      th.tabIndex = 0;
      const sort = () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        for (const h of heads) h.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const key = (row) => {
          const cell = row.cells[i];
          return cell.dataset.v !== undefined ? Number(cell.dataset.v) : cell.textContent.toLowerCase();
        };
        const rows = Array.from(body.rows).sort((a, b) => {
          const x = key(a), y = key(b);
          const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? d : -d;
        });
        for (const row of rows) body.appendChild(row);
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter") sort(); });
    }
  }
  for (const input of document.querySelectorAll("input[data-filter]")) {
    const table = document.getElementById(input.dataset.filter);
    input.addEventListener("input", () => {
      const q = input.value.trim().toLowerCase();
      for (const row of table.tBodies[0].rows) row.hidden = q !== "" && !row.textContent.toLowerCase().includes(q);
    });
  }
  addEventListener("beforeprint", () => { for (const d of document.querySelectorAll("details")) d.open = true; });
})();
)js";

class HtmlReport {
 public:
  HtmlReport(std::string& out, element doc, const ScanSummary& s, const HtmlOptions& o)
      : p_(out), doc_(doc), s_(s), o_(o) {}

  void write() {
    p_.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n")
        // Nothing may be fetched: no request leaves the page, whatever it contains.
        .raw(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
        .raw("<meta name=\"generator\" content=\"statuslint\">\n<title>")
        .text(o_.title)
        .raw("</title>\n<style>")
        .raw(kStyle)
        .raw("</style>\n</head>\n<body>\n<header><h1>")
        .text(o_.title)
        .raw("</h1><p class=\"muted\">");
    const array inputs = array_of(doc_, "inputs");
    const size_t n_inputs = inputs.size();
    p_.num(n_inputs).raw(n_inputs == 1 ? " input" : " inputs").raw("</p></header>\n<main>\n");
    overview();
    // Every collector's part, in collectors.hpp's order (trends first: pictures before tables).
    for (const ReportSection& section : report_sections()) {
      if (section.html != nullptr) section.html(p_, doc_);
    }
    statuses();
    findings();
    not_evaluated();
    input_table();
    p_.raw("</main>\n<script>").raw(kScript).raw("</script>\n</body>\n</html>\n");
  }

 private:
  void tile(std::string_view metric, std::uint64_t value, std::string_view label, std::string_view note = {},
            std::string_view cls = {}) {
    p_.raw("<div class=\"tile");
    if (!cls.empty()) p_.raw(" ").raw(cls);
    p_.raw("\" data-metric=\"").raw(metric).raw("\" data-v=\"").num(value).raw("\"><b>").number(value).raw("</b>");
    p_.text(label);
    if (!note.empty()) p_.raw("<small>").text(note).raw("</small>");
    p_.raw("</div>\n");
  }

  void overview() {
    const element totals = doc_["totals"];
    const std::uint64_t records = count_of(totals, "records");
    const element classes = doc_["classes"];
    p_.raw("<section id=\"overview\"><h2>Overview</h2>\n<div class=\"tiles\">\n");
    tile("lines", count_of(totals, "lines"), "lines");
    tile("records", records, "records");
    tile("malformed", count_of(totals, "malformed"), "malformed");
    tile("no_response", count_of(totals, "no_response"), "no response");
    const std::uint64_t c4 = count_of(classes, "4xx"), c5 = count_of(classes, "5xx");
    tile("4xx", c4, "4xx", percent(c4, records) + " of records");
    tile("5xx", c5, "5xx", percent(c5, records) + " of records");
    // Findings per severity, and the gate's verdict beside them.
    std::array<std::uint64_t, 3> by_severity{};
    for (element f : array_of(doc_, "findings")) {
      const std::string_view sev = text_of(f, "severity");
      const auto level = parse_severity(sev);
      if (level) by_severity[static_cast<size_t>(*level)] += count_of(f, "count");
    }
    for (const Severity sev : {Severity::Error, Severity::Warning, Severity::Info}) {
      std::string note, cls;
      if (o_.gate) {
        if (sev >= *o_.gate) {
          const bool fail = by_severity[static_cast<size_t>(sev)] > 0;
          note = fail ? "fails --fail-on " : "passes --fail-on ";
          note += to_string(*o_.gate);
          cls = fail ? "fail" : "pass";
        } else {
          note = "below --fail-on " + std::string(to_string(*o_.gate));
        }
      }
      tile(std::string(to_string(sev)) + "s", by_severity[static_cast<size_t>(sev)],
           std::string(to_string(sev)) + " findings", note, cls);
    }
    p_.raw("</div>\n");
    class_shares(classes, records);
    if (o_.gate) {
      const bool fail = s_.has_findings_at(*o_.gate);
      p_.raw("<p>Gate (<code>--fail-on ")
          .text(to_string(*o_.gate))
          .raw("</code>): <span class=\"verdict ")
          .raw(fail ? "fail\" data-verdict=\"fail\">failed" : "pass\" data-verdict=\"pass\">passed")
          .raw("</span></p>\n");
    }
    const array budgets = array_of(doc_, "budgets");
    if (budgets.size() > 0) {
      p_.raw("<h3>Budgets</h3><ul id=\"budgets\">\n");
      for (element b : budgets) {
        const bool breached = flag_of(b, "breached");
        p_.raw("<li data-breached=\"")
            .raw(breached ? "true" : "false")
            .raw("\"><span class=\"verdict ")
            .raw(breached ? "fail\">exceeded" : "pass\">within")
            .raw("</span> ")
            .text(text_of(b, "description"))
            .raw("</li>\n");
      }
      p_.raw("</ul>\n");
    }
    p_.raw("</section>\n");
  }

  // The status classes as one bar of shares, on every page: a picture first, even without
  // --trends (whose chart, over time, comes right after the overview).
  void class_shares(element classes, std::uint64_t records) {
    if (records == 0) return;
    const double width = 1000, height = 28;
    char buf[200];
    std::snprintf(buf, sizeof buf, "<div class=\"chart shares\" id=\"class-shares\"><svg viewBox=\"0 0 %.0f %.0f\" ",
                  width, height);
    p_.raw(buf).raw("role=\"img\" aria-label=\"share of records per status class\" preserveAspectRatio=\"none\">\n");
    double x = 0;
    for (const std::string_view c : kClasses) {
      const std::uint64_t n = count_of(classes, std::string(c).c_str());
      if (n == 0) continue;
      const double w = width * static_cast<double>(n) / static_cast<double>(records);
      std::snprintf(buf, sizeof buf, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"%.0f\" fill=\"var(--c", x, w,
                    height);
      p_.raw(buf)
          .raw(c)
          .raw(")\" data-class=\"")
          .raw(c)
          .raw("\" data-count=\"")
          .num(n)
          .raw("\"><title>")
          .raw(c)
          .raw(": ");
      p_.number(n).raw(" (").raw(percent(n, records)).raw(")</title></rect>\n");
      x += w;
    }
    p_.raw("</svg></div>\n<p class=\"legend\">");
    for (const std::string_view c : kClasses) {
      const std::uint64_t n = count_of(classes, std::string(c).c_str());
      if (n == 0) continue;
      p_.raw("<span><i style=\"background:var(--c")
          .raw(c)
          .raw(")\"></i>")
          .raw(c)
          .raw(" ")
          .raw(percent(n, records))
          .raw("</span>");
    }
    p_.raw("</p>\n");
  }

  void mini_bar(element classes, std::uint64_t records) {
    p_.raw("<svg class=\"mini\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">");
    double x = 0;
    char buf[120];
    for (const std::string_view c : kClasses) {
      const std::uint64_t n = count_of(classes, std::string(c).c_str());
      if (n == 0) continue;
      const double w = 100.0 * static_cast<double>(n) / static_cast<double>(records);
      std::snprintf(buf, sizeof buf, "<rect x=\"%.2f\" width=\"%.2f\" height=\"10\" fill=\"var(--c", x, w);
      p_.raw(buf).raw(c).raw(")\"/>");
      x += w;
    }
    p_.raw("</svg>");
  }

  void statuses() {
    const std::uint64_t records = count_of(doc_["totals"], "records");
    p_.raw("<section id=\"statuses\"><h2>Status codes</h2>\n")
        .raw(
            "<input type=\"search\" placeholder=\"Filter codes, names, kinds...\" data-filter=\"status-table\" "
            "aria-label=\"filter status codes\">\n")
        .table_open({{"code"}, {"name"}, {"kind"}, {"origin", "wide"}, {"count", "n"}, {"share", "n"}}, true,
                    "status-table");
    for (element st : array_of(doc_, "statuses")) {
      std::int64_t code = -1;
      const bool numeric = st["code"].get_int64().get(code) == simdjson::SUCCESS;
      // A status that is not a number: as written, or "-" when the line had none.
      std::string_view code_text = numeric ? std::string_view() : text_of(st, "code");
      if (!numeric && code_text.empty()) code_text = "-";
      p_.raw("<tr data-code=\"");
      if (numeric) {
        p_.raw(std::to_string(code)).raw("\"><td class=\"mono\" data-v=\"").raw(std::to_string(code)).raw("\">");
        char c[8];
        std::snprintf(c, sizeof c, "%03lld", static_cast<long long>(code));
        p_.raw(c);
      } else {
        p_.text(code_text).raw("\"><td class=\"mono\">").text(code_text);
      }
      const std::uint64_t count = count_of(st, "count");
      p_.raw("</td><td>")
          .text(text_of(st, "name"))
          .raw("</td><td>")
          .text(text_of(st, "kind"))
          .raw("</td><td class=\"wide\">")
          .text(text_of(st, "origin"))
          .raw("</td>")
          .count_cell(count, "n count")
          .share_cell(count, records)
          .raw("</tr>\n");
    }
    p_.table_close().raw("</section>\n");
  }

  void findings() {
    const array list = array_of(doc_, "findings");
    p_.raw("<section id=\"findings\"><h2>Findings by rule</h2>\n");
    if (list.size() == 0) p_.raw("<p class=\"muted\">No rule fired.</p>\n");
    for (element f : list) {
      const std::string_view sev = text_of(f, "severity");
      const std::uint64_t count = count_of(f, "count");
      p_.raw("<details class=\"finding\" data-rule=\"")
          .text(text_of(f, "rule"))
          .raw("\" data-count=\"")
          .num(count)
          .raw("\"><summary><span class=\"sev ")
          .text(sev)
          .raw("\">")
          .text(sev)
          .raw("</span> <code>")
          .text(text_of(f, "rule"))
          .raw("</code> ")
          .text(text_of(f, "summary"))
          .raw(" &mdash; <b>")
          .number(count)
          .raw("</b></summary>\n<p class=\"muted\">")
          .text(text_of(f, "reference"))
          .raw("</p>\n");
      const array examples = array_of(f, "examples");
      if (examples.size() > 0) {
        p_.table_open({{"input"}, {"line / entry", "n"}, {"message"}});
        for (element e : examples) {
          p_.raw("<tr><td class=\"mono\">").text(text_of(e, "input")).raw("</td><td class=\"n\">");
          if (has(e, "entry")) {
            p_.raw("entry ").num(count_of(e, "entry"));
          } else {
            p_.num(count_of(e, "line"));
          }
          p_.raw("</td><td class=\"mono\">").text(text_of(e, "message")).raw("</td></tr>\n");
        }
        p_.table_close();
      }
      p_.raw("</details>\n");
    }
    p_.raw("</section>\n");
  }

  // One collapsed group per reason: on an access log nearly every rule that cannot run lacks
  // the same thing (response headers), and the list of them is not what the page is for.
  void not_evaluated() {
    const array list = array_of(doc_, "not_evaluated");
    if (list.size() == 0) return;
    std::vector<std::string_view> reasons;
    for (element r : list) {
      const std::string_view why = text_of(r, "reason");
      if (std::find(reasons.begin(), reasons.end(), why) == reasons.end()) reasons.push_back(why);
    }
    p_.raw(
        "<section id=\"not-evaluated\"><h2>Not evaluated</h2>\n<p class=\"muted\">These rules could not look at "
        "the records of their statuses: the inputs lack what they need. They did not pass.</p>\n");
    for (const std::string_view why : reasons) {
      size_t rules = 0;
      for (element r : list) rules += text_of(r, "reason") == why ? 1 : 0;
      p_.raw("<details class=\"not-evaluated-reason\" data-rules=\"").num(rules).raw("\"><summary><b>").num(rules);
      p_.raw(rules == 1 ? " rule</b>: " : " rules</b>: ").text(why).raw("</summary>\n");
      p_.table_open({{"rule"}, {"records", "n"}}, true);
      for (element r : list) {
        if (text_of(r, "reason") != why) continue;
        p_.raw("<tr data-rule=\"")
            .text(text_of(r, "rule"))
            .raw("\"><td class=\"mono\">")
            .text(text_of(r, "rule"))
            .raw("</td>")
            .count_cell(count_of(r, "records"))
            .raw("</tr>\n");
      }
      p_.table_close().raw("</details>\n");
    }
    p_.raw("</section>\n");
  }

  // A row per input (one file per vhost is common): its classes as a small bar and as
  // shares, and its request times when --latency collected them.
  void input_table() {
    array latency_inputs;
    bool timed = false;
    element latency;
    if (doc_["latency"].get(latency) == simdjson::SUCCESS) {
      latency_inputs = array_of(latency, "inputs");
      timed = latency_inputs.size() > 0;
    }
    p_.raw("<section id=\"inputs\"><h2>Inputs</h2>\n");
    std::vector<Page::Column> columns = {
        {"input"},           {"format"},          {"lines", "n"},           {"records", "n"}, {"malformed", "n"},
        {"blank", "n wide"}, {"other", "n wide"}, {"classes", "wide"},      {"2xx", "n"},     {"3xx", "n wide"},
        {"4xx", "n"},        {"5xx", "n"},        {"no response", "n wide"}};
    if (timed) {
      columns.push_back({"p50 ms", "n"});
      columns.push_back({"p95 ms", "n"});
    }
    columns.push_back({"error"});
    p_.table_open(std::span<const Page::Column>(columns), true, "input-table");
    size_t index = 0;
    for (element in : array_of(doc_, "inputs")) {
      const std::uint64_t records = count_of(in, "records");
      element classes;
      const bool has_classes = in["classes"].get(classes) == simdjson::SUCCESS;
      p_.raw("<tr data-input=\"")
          .text(text_of(in, "name"))
          .raw("\"><td class=\"mono\">")
          .text(text_of(in, "name"))
          .raw("</td><td>")
          .text(text_of(in, "format"))
          .raw("</td>")
          .count_cell(count_of(in, "lines"), "n lines")
          .count_cell(count_of(in, "records"), "n records")
          .count_cell(count_of(in, "malformed"), "n malformed")
          .count_cell(count_of(in, "blank"), "n wide blank")
          .count_cell(count_of(in, "other"), "n wide other")
          .raw("<td class=\"wide\">");
      if (has_classes && records > 0) mini_bar(classes, records);
      p_.raw("</td>");
      for (const char* c : {"2xx", "3xx", "4xx", "5xx"}) {
        p_.share_cell(has_classes ? count_of(classes, c) : 0, records);
      }
      p_.count_cell(count_of(in, "no_response"), "n wide no_response");
      if (timed) {
        element stats;
        const bool found =
            index < latency_inputs.size() && latency_inputs.at(index)["stats"].get(stats) == simdjson::SUCCESS;
        for (const char* q : {"p50", "p95"}) {
          double v = 0;
          if (found && stats[q].get_double().get(v) == simdjson::SUCCESS) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.3f", v);
            p_.raw("<td class=\"n ").raw(q).raw("\" data-v=\"").raw(buf).raw("\">").raw(buf).raw("</td>");
          } else {
            p_.raw("<td class=\"n ").raw(q).raw("\" data-v=\"\">-</td>");
          }
        }
      }
      p_.raw("<td>").text(text_of(in, "error")).raw("</td></tr>\n");
      ++index;
    }
    p_.table_close();
    for (element in : array_of(doc_, "inputs")) {
      const array examples = array_of(in, "malformed_examples");
      if (examples.size() == 0) continue;
      p_.raw("<details><summary>Malformed lines in <code>").text(text_of(in, "name")).raw("</code></summary>\n");
      p_.table_open({{"line", "n"}, {"why"}, {"text"}});
      for (element e : examples) {
        p_.raw("<tr><td class=\"n\">")
            .num(count_of(e, "line"))
            .raw("</td><td>")
            .text(text_of(e, "reason"))
            .raw("</td><td class=\"mono\">")
            .text(text_of(e, "text"))
            .raw("</td></tr>\n");
      }
      p_.table_close().raw("</details>\n");
    }
    p_.raw("</section>\n");
  }

  Page p_;
  element doc_;
  const ScanSummary& s_;
  const HtmlOptions& o_;
};

}  // namespace

void write_summary_html(std::string& out, const ScanSummary& summary, const HtmlOptions& options) {
  std::string json;
  write_summary_json(json, summary);
  simdjson::dom::parser parser;
  element doc;
  // The JSON reporter writes valid JSON whatever the input bytes were, so this cannot fail
  // short of memory; if it does, the page says so rather than showing nothing.
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) {
    out += "<!DOCTYPE html><title>statuslint report</title><p>internal error: the report could not be rendered</p>\n";
    return;
  }
  HtmlReport(out, doc, summary, options).write();
}

}  // namespace statuslint
