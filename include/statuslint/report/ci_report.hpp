// Reporters for CI systems: SARIF 2.1.0 (GitHub code scanning and other SARIF consumers),
// GitHub Actions workflow commands (annotations on the job), and JUnit XML (one test case per
// rule, for CI systems that read only JUnit).
//
// Log text is written by whoever sent the requests, so every reporter escapes it for its
// format: JSON escaping with valid UTF-8 for SARIF; the Actions toolkit's escaping for
// workflow commands (so no log line can start a command of its own); XML escaping with the
// characters XML 1.0 cannot hold replaced, for JUnit.
#pragma once

#include <string>

#include "statuslint/collect/summary.hpp"
#include "statuslint/compare/comparison.hpp"

namespace statuslint {

// SARIF 2.1.0: tool.driver.rules for the active rules (id, short and full description, help,
// default level, with the total count in properties), one result per kept finding example
// with the input as artifactLocation.uri and its line as region, stable partialFingerprints
// (rule, input, method, target, status: not the line, which moves as logs grow). Breached
// budgets are results of the rule statuslint/budget.
// Locations: a relative input path (or, with `root`, any path under it) is a relative
// reference with uriBaseId %SRCROOT%; other paths are absolute file:// URIs; standard input
// is "stdin". With `root`, run.originalUriBaseIds says where %SRCROOT% is.
struct SarifOptions {
  std::string root;  // --sarif-root: the checkout root; "" leaves %SRCROOT% to the consumer
};
void write_summary_sarif(std::string& out, const ScanSummary& summary, const SarifOptions& options = {});

// GitHub Actions: `::error file=...,line=...,title=...::message` per finding example, at most
// kGithubAnnotationsPerLevel per level (GitHub's per-step limit); the rest, budgets and totals
// are summarized as plain lines that cannot be read as commands.
inline constexpr size_t kGithubAnnotationsPerLevel = 10;

void write_summary_github(std::string& out, const ScanSummary& summary);

// JUnit XML: a test suite "statuslint" with one test case per active rule (failed when it
// fired, skipped when it could not be evaluated), one per budget, and one per input (failed
// on an input error).
void write_summary_junit(std::string& out, const ScanSummary& summary);

// The text after "::" of a workflow command, escaped as @actions/core does: % \r \n.
std::string github_escape_data(std::string_view s);
// A workflow command property value: additionally ':' and ','.
std::string github_escape_property(std::string_view s);
// Text for XML character data and attribute values.
void append_xml_escaped(std::string& out, std::string_view s);

// statuslint compare: every failed comparison is a finding. SARIF: a rule per failed metric
// (statuslint/compare/5xx-share, ...) and a result per comparison at the candidate input;
// GitHub: an error annotation per failed comparison and a warning when inconclusive; JUnit: a
// test case per judged comparison (failed, skipped when inconclusive).
void write_compare_sarif(std::string& out, const CompareResult& result, const std::string& candidate,
                         const SarifOptions& options = {});
void write_compare_github(std::string& out, const CompareResult& result);
void write_compare_junit(std::string& out, const CompareResult& result);

}  // namespace statuslint
