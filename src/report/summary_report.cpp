#include "statuslint/report/summary_report.hpp"

#include "report_sections.hpp"

#include <algorithm>
#include <array>
#include "statuslint/report/json_writer.hpp"

namespace statuslint {

std::string shorten_middle(std::string_view s, size_t max) {
  // Count code points; cut only at code point boundaries.
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= max || max < 8) return std::string(s);
  const size_t head = (max - 3) * 2 / 3, tail = max - 3 - head;
  return std::string(s.substr(0, starts[head])) + "..." + std::string(s.substr(starts[starts.size() - tail]));
}

namespace {

// A first line that says whether anything needs doing, before any table.
void verdict_text(std::string& out, const ScanSummary& s) {
  std::array<std::uint64_t, 3> by_severity{};  // by Severity: info, warning, error
  if (s.rules != nullptr) {
    for (size_t i : fired_rules(s))
      by_severity[static_cast<size_t>(s.rules->rules()[i].severity)] += s.finding_count(i);
  }
  const size_t breached = static_cast<size_t>(
      std::count_if(s.budgets.begin(), s.budgets.end(), [](const BudgetResult& b) { return b.breached; }));
  const size_t failed = static_cast<size_t>(
      std::count_if(s.inputs.begin(), s.inputs.end(), [](const InputSummary& in) { return !in.error.empty(); }));
  out += "statuslint: ";
  out += std::to_string(s.total.records);
  out += s.total.records == 1 ? " record" : " records";
  out += " in ";
  out += std::to_string(s.inputs.size());
  out += s.inputs.size() == 1 ? " input" : " inputs";
  const auto part = [&](std::uint64_t n, std::string_view one, std::string_view many) {
    if (n == 0) return;
    out += "; ";
    out += std::to_string(n);
    out += ' ';
    out += n == 1 ? one : many;
  };
  part(failed, "input unreadable", "inputs unreadable");
  part(breached, "budget exceeded", "budgets exceeded");
  part(by_severity[2], "error finding", "error findings");
  part(by_severity[1], "warning", "warnings");
  part(by_severity[0], "info finding", "info findings");
  part(s.total.malformed, "malformed line", "malformed lines");
  if (failed + breached + by_severity[0] + by_severity[1] + by_severity[2] + s.total.malformed == 0) out += "; clean";
  out += '\n';
}

// The text report's order: what needs action, then what the traffic was, then what could not
// be judged. The JSON report keeps report_sections()'s order, which is its contract.
constexpr std::string_view kActionFirst[] = {"errors", "budgets", "findings", "malformed"};
constexpr std::string_view kLast[] = {"not_evaluated", "truncated", "other", "no_response", "quirks"};

}  // namespace

void write_summary_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  const auto sections = report_sections();
  // Sections start with their blank line, except the one that was written first in the
  // table's order (the inputs): it gets one here when it no longer comes first.
  const auto run = [&](const ReportSection& section) {
    const size_t at = out.size();
    section.text(out, s, style);
    if (at > 0 && out.size() > at && out[at] != '\n') out.insert(at, 1, '\n');
  };
  const auto write = [&](std::string_view name) {
    for (const ReportSection& section : sections) {
      if (section.name == name && section.text != nullptr) run(section);
    }
  };
  // Nothing was read: the error alone, not every table with zeros.
  const bool nothing_read =
      !s.inputs.empty() && s.total.lines == 0 &&
      std::all_of(s.inputs.begin(), s.inputs.end(), [](const InputSummary& in) { return !in.error.empty(); });
  if (nothing_read) {
    write("errors");
    if (!out.empty() && out.front() == '\n') out.erase(0, 1);
    return;
  }
  verdict_text(out, s);
  for (std::string_view name : kActionFirst) write(name);
  const auto listed = [](std::string_view name) {
    return std::find(std::begin(kActionFirst), std::end(kActionFirst), name) != std::end(kActionFirst) ||
           std::find(std::begin(kLast), std::end(kLast), name) != std::end(kLast);
  };
  for (const ReportSection& section : sections) {
    if (!listed(section.name) && section.text != nullptr) run(section);
  }
  for (std::string_view name : kLast) write(name);
}

void write_not_evaluated_list(std::string& out, const ScanSummary& s) {
  TextStyle verbose;
  verbose.verbose = true;
  for (const ReportSection& section : report_sections()) {
    if (section.name == "not_evaluated") section.text(out, s, verbose);
  }
}

void write_summary_json(std::string& out, const ScanSummary& s, OutputSpill spill) {
  JsonWriter w(out, std::move(spill));
  w.begin_object();
  w.member("schema_version", kJsonSchemaVersion);
  for (const ReportSection& section : report_sections()) {
    if (section.json != nullptr) section.json(w, s);
  }
  w.end_object();
}

}  // namespace statuslint
