// Partial summaries: a scan's full state as JSON (`scan --partial FILE`), so that scans of
// different files or machines can be combined later by `statuslint merge` into exactly what
// one scan over all the inputs would have reported and gated.
//
// Everything that reports read is kept: counts per status, examples, findings per rule (by
// id), trend buckets and top-offender sketches. Rules are matched by id when merging, so the
// merge must load the rules the partials were made with (the same built-in pack, project file
// and --rules).
#pragma once

#include <string>
#include <vector>

#include "statuslint/collect/summary.hpp"

namespace statuslint {

// 2: findings, trends and top offenders are the scan's, once, not each input's.
// 3: latency and sizes (the latency collector's distributions).
inline constexpr int kPartialVersion = 5;  // 5: sizes apart from times (latency.sizes_collected)

void write_partial(std::string& out, const ScanSummary& summary);

// Reads partial files into `into` (appending inputs and adding totals). Findings are mapped
// onto `into.rules` by rule id. Problems (unreadable file, not a partial, unknown rule) are
// appended to `errors` as "file: message"; a file with a problem adds nothing.
void read_partial(const std::string& path, ScanSummary& into, std::vector<std::string>& errors);

}  // namespace statuslint
