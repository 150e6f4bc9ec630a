// The HTML reporter: one self-contained page for people who would rather look than read (the
// nightly report), written by `scan --format html` and `merge --format html`.
//
// The page is a view of the JSON report: it is rendered from the same document
// write_summary_json produces, so every number on the page is one the JSON report states, and
// the browser test compares the two. Everything is inline (CSS, a few lines of script for
// sorting and filtering, the trend chart as SVG); a Content-Security-Policy forbids every
// request, so the page works offline and from file://. Log text is escaped for HTML
// everywhere (append_html_escaped), and none of it is ever placed inside the script.
#pragma once

#include <optional>
#include <string>

#include "statuslint/collect/summary.hpp"
#include "statuslint/rules/rule.hpp"

namespace statuslint {

struct HtmlOptions {
  std::optional<Severity> gate;  // --fail-on: shown as a verdict beside the findings
  std::string title = "statuslint report";
};

void write_summary_html(std::string& out, const ScanSummary& summary, const HtmlOptions& options = {});

}  // namespace statuslint
