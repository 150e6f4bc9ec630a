// The Markdown reporter: GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY and pull-request
// comments, written by `scan --format markdown` and `merge --format markdown`.
//
// Like the HTML page, it is a view of the JSON report, so it states the same numbers. It is
// short on purpose (a verdict line, what needs action, then the traffic), and every piece of
// log text goes through append_markdown_escaped: a path or user agent can neither open a
// table cell, a link or an HTML tag, nor mention a person or an issue.
#pragma once

#include <optional>
#include <string>

#include "statuslint/collect/summary.hpp"
#include "statuslint/rules/rule.hpp"

namespace statuslint {

struct MarkdownOptions {
  std::optional<Severity> gate;  // --fail-on: the verdict line says whether it passed
};

void write_summary_markdown(std::string& out, const ScanSummary& summary, const MarkdownOptions& options = {});

}  // namespace statuslint
