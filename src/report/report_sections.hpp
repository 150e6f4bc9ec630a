// The sections of a scan report, described once. The text report, the JSON report and the
// partial summary each walk report_sections() in order, so the three can never drift apart.
// A section's functions sit side by side in report_sections.cpp: its text, its JSON, and,
// for a section that holds state `merge` needs, how that state is written to and read from
// a partial summary. Adding a section is writing those functions and one row.
#pragma once

#include "formats/simdjson_linked.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/collect/summary.hpp"
#include "statuslint/report/json_writer.hpp"
#include "statuslint/report/summary_report.hpp"

namespace statuslint {

namespace html {
class Page;
}  // namespace html

// What a partial reader needs beyond the input: the rules the merge loaded.
struct PartialRules {
  const ScanSummary& into;
  size_t count() const noexcept { return into.rules != nullptr ? into.rules->rules().size() : 0; }
  // The index of rule `id` in into.rules; throws partial::PartialError when it is not loaded.
  size_t index(const std::string& id) const;
};

struct ReportSection {
  std::string_view name;
  // Any of these may be null: the section is not in that output.
  void (*text)(std::string& out, const ScanSummary& s, const TextStyle& style);
  void (*json)(JsonWriter& w, const ScanSummary& s);
  // Partial summaries. A section of rows writes and reads each input's part of its row; a
  // section of what inputs fold into (findings, trends, top offenders) writes the scan's once
  // and reads a partial's into `into`, whose inputs from `first_input` on came from it.
  void (*write_input_partial)(JsonWriter& w, const InputSummary& in, const ScanSummary& s);
  void (*read_input_partial)(simdjson::dom::object input, InputSummary& in, const PartialRules& rules);
  void (*write_partial)(JsonWriter& w, const ScanSummary& s);
  void (*read_partial)(simdjson::dom::object partial, ScanSummary& into, std::uint32_t first_input,
                       const PartialRules& rules);
  // Its part of the HTML page, from the JSON report (html_page.hpp); null: none.
  void (*html)(html::Page& page, simdjson::dom::element report) = nullptr;
};

std::span<const ReportSection> report_sections() noexcept;

// A collector's sections (collect/collectors.hpp): defined beside its report code, one file
// per collector (trends_section.cpp, top_section.cpp), and placed in the table in the
// collectors' order.
template <typename C>
ReportSection section_of();

// Active rules that fired, most severe first, then by id.
std::vector<size_t> fired_rules(const ScanSummary& s);

// The rules that could not look at some records, grouped by what the input lacked: the
// reasons in order of how many rules each holds, the rules in the pack's order.
struct NotEvaluatedGroup {
  RuleNeeds needs;
  std::vector<size_t> rules;  // indexes into s.rules
  std::string families;       // "body, header": the ids' prefixes, sorted
};
std::vector<NotEvaluatedGroup> not_evaluated_groups(const ScanSummary& s);

// `part` as a share of `whole`, as every report writes it: "12.5%" (0.0% when whole is 0).
std::string percent(std::uint64_t part, std::uint64_t whole);

}  // namespace statuslint
