// Reporters for scan summaries: aligned text for a terminal, and the JSON document whose
// schema the README documents (schema_version 1; later versions only add members).
//
// Log text in examples is untrusted: the text reporter escapes control characters, and the
// JSON reporter writes valid UTF-8 JSON whatever the bytes were.
#pragma once

#include <string>

#include "statuslint/summary.hpp"

namespace statuslint {

inline constexpr int kJsonSchemaVersion = 1;

void write_summary_text(std::string& out, const ScanSummary& summary);
void write_summary_json(std::string& out, const ScanSummary& summary);

}  // namespace statuslint
