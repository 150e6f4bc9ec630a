// The report formats, described once: each format's name, what it is for, its writer and how
// many examples it keeps per input and rule by default. `--format` reads its help, its check
// and its dispatch from this table; `scan --help` and `merge --help` list it, and the shell
// completions and the man page read that list. Adding a format: its writer, and a row.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "statuslint/collect/summary.hpp"
#include "statuslint/report/summary_report.hpp"
#include "statuslint/rules/rule.hpp"

namespace statuslint {

// What the writers take beyond the summary.
struct ReportSettings {
  std::optional<Severity> gate;  // --fail-on
  std::string sarif_root;        // --sarif-root
  TextStyle style;               // text: colour, width
  // Where a reporter may hand finished output early (the JSON one does), so that a large
  // report is not held whole; what it hands over comes before what it leaves in `out`.
  OutputSpill spill;
};

struct ReportFormat {
  std::string_view name;
  std::string_view help;    // one line, for the format list
  size_t default_examples;  // --examples when not given
  void (*write)(std::string& out, const ScanSummary& summary, const ReportSettings& settings);
};

std::span<const ReportFormat> report_formats() noexcept;
const ReportFormat* find_report_format(std::string_view name) noexcept;
// "text, json, ... or junit", for messages.
std::string report_format_names();
// One line per format, "  name  examples  help", for --help.
std::string report_format_list();

}  // namespace statuslint
