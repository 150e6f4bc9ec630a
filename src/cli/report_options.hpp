// Options that shape the report and the gate, shared by `scan` and `merge`: --format, -o,
// --fail-on, --max-rate, --max-count, --trends, --bucket, --top, and the rule options. After
// parsing, prepare() builds the rule engine and budgets; finish() evaluates budgets, writes
// the report and returns the exit code, so both commands report and gate identically.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "rule_options.hpp"
#include "statuslint/collect/budget.hpp"
#include "statuslint/collect/summary.hpp"
#include "statuslint/report/output_file.hpp"

namespace statuslint::cli {

struct ReportOptions {
  std::string format = "text";
  std::string output_file;
  std::string sarif_root;
  std::string fail_on;
  std::string bucket;
  std::vector<std::string> max_rates, max_counts, max_latencies;
  size_t top = 0;
  bool trends = false;
  bool verbose = false;  // text: every rule not evaluated
  bool latency = false;  // --latency, or implied by --max-latency
  bool sizes = false;    // --sizes
  std::string latency_field = "total";
  RuleOptions rules;

  void add_to(boost::program_options::options_description& options);
  // Checks values that need no rules; throws boost::program_options::error.
  void validate();
  // Granularity to collect trends at (seconds), when trends are on.
  std::int64_t collect_bucket_seconds() const;

  // Loads rules (printing errors), parses budgets and the gate. False: exit 2.
  bool prepare(const char* command);
  // Fills the report settings of `summary`, evaluates budgets, writes the report.
  // Returns the exit code: 2 on an input error, 1 on a breached gate, else 0.
  int finish(ScanSummary& summary, const char* command);

  ProjectConfig project;  // the project file prepare() read (empty path when none)
  std::shared_ptr<const RuleEngine> engine;
  std::vector<Budget> budgets;
  std::optional<Severity> gate;
  std::optional<OutputFile> destination;  // -o FILE or standard output, opened by prepare()
};

}  // namespace statuslint::cli
