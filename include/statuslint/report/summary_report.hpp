// Reporters for scan summaries: aligned text for a terminal, and the JSON document whose
// schema the README documents (schema_version 1; later versions only add members).
//
// Log text in examples is untrusted: the text reporter escapes control characters, and the
// JSON reporter writes valid UTF-8 JSON whatever the bytes were.
#pragma once

#include <string>

#include "statuslint/collect/summary.hpp"
#include "statuslint/report/json_writer.hpp"

namespace statuslint {

inline constexpr int kJsonSchemaVersion = 1;

struct TextStyle {
  bool colour = false;     // ANSI colours for severities (only on a terminal, never with NO_COLOR)
  size_t max_width = 160;  // longer messages and example lines are shortened in the middle
  bool verbose = false;    // every rule not evaluated, not one line per reason
};
void write_summary_text(std::string& out, const ScanSummary& summary, const TextStyle& style = {});
// `s` shortened to at most `max` code points, keeping its start and end around "...":
// the start of a URL says where, its end says what.
std::string shorten_middle(std::string_view s, size_t max);
// Every rule that could not look at some records, under its reason, with the record count:
// what `--verbose` and `statuslint rules --not-evaluated` print.
void write_not_evaluated_list(std::string& out, const ScanSummary& summary);
// With `spill`, finished parts of the document are handed over as it is written (json_writer.hpp).
void write_summary_json(std::string& out, const ScanSummary& summary, OutputSpill spill = {});

}  // namespace statuslint
