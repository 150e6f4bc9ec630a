#include "statuslint/report/report_formats.hpp"

#include <algorithm>
#include <string>

#include "statuslint/report/ci_report.hpp"
#include "statuslint/report/html_report.hpp"
#include "statuslint/report/markdown_report.hpp"
#include "statuslint/report/openmetrics_report.hpp"

namespace statuslint {
namespace {

void write_text(std::string& out, const ScanSummary& s, const ReportSettings& settings) {
  write_summary_text(out, s, settings.style);
}
void write_json(std::string& out, const ScanSummary& s, const ReportSettings& settings) {
  write_summary_json(out, s, settings.spill);
}
void write_html(std::string& out, const ScanSummary& s, const ReportSettings& settings) {
  write_summary_html(out, s, HtmlOptions{settings.gate});
}
void write_markdown(std::string& out, const ScanSummary& s, const ReportSettings& settings) {
  write_summary_markdown(out, s, MarkdownOptions{settings.gate});
}
void write_openmetrics(std::string& out, const ScanSummary& s, const ReportSettings&) {
  write_summary_openmetrics(out, s);
}
void write_sarif(std::string& out, const ScanSummary& s, const ReportSettings& settings) {
  write_summary_sarif(out, s, SarifOptions{settings.sarif_root});
}
void write_github(std::string& out, const ScanSummary& s, const ReportSettings&) { write_summary_github(out, s); }
void write_junit(std::string& out, const ScanSummary& s, const ReportSettings&) { write_summary_junit(out, s); }

// A person reads 5 examples; CI formats point at every finding they can (SARIF results,
// annotations, test cases), so 100.
constexpr ReportFormat kFormats[] = {
    {"text", "for people at a terminal (the default)", 5, write_text},
    {"json", "every number of the report, for programs", 5, write_json},
    {"html", "one self-contained page with charts, for people who would rather look", 5, write_html},
    {"markdown", "GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY and PR comments", 5, write_markdown},
    {"openmetrics", "Prometheus text exposition, for node_exporter's textfile collector", 0, write_openmetrics},
    {"sarif", "SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, GitLab)", 100, write_sarif},
    {"github", "GitHub Actions annotations on the lines", 100, write_github},
    {"junit", "JUnit XML: a test case per rule, budget and input", 100, write_junit},
};

}  // namespace

std::span<const ReportFormat> report_formats() noexcept { return kFormats; }

const ReportFormat* find_report_format(std::string_view name) noexcept {
  const auto* f = std::find_if(std::begin(kFormats), std::end(kFormats),
                               [&](const ReportFormat& format) { return format.name == name; });
  return f == std::end(kFormats) ? nullptr : f;
}

std::string report_format_names() {
  std::string out;
  for (size_t i = 0; i < std::size(kFormats); ++i) {
    if (i > 0) out += i + 1 == std::size(kFormats) ? " or " : ", ";
    out += kFormats[i].name;
  }
  return out;
}

std::string report_format_list() {
  size_t width = 0;
  for (const ReportFormat& f : kFormats) width = std::max(width, f.name.size());
  std::string out;
  for (const ReportFormat& f : kFormats) {
    out += "  ";
    out += f.name;
    out.append(width + 2 - f.name.size(), ' ');
    const std::string examples = std::to_string(f.default_examples);
    out += examples;
    out.append(5 - std::min<size_t>(examples.size(), 4), ' ');
    out += f.help;
    out += '\n';
  }
  return out;
}

}  // namespace statuslint
