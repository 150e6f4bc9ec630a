// Reporters for `statuslint compare`: the verdict and a table of comparisons, worst first, as
// aligned text, and the same as JSON (docs/compare.md documents its members).
//
// Route names and rule ids come from logs and rule files: text escapes them for the terminal,
// JSON writes them as valid JSON whatever their bytes.
#pragma once

#include <string>

#include "statuslint/compare/comparison.hpp"

namespace statuslint {

struct CompareSides {
  std::string baseline, candidate;  // what each side was read from
  std::uint64_t baseline_records = 0, candidate_records = 0;
};

// `all`: every comparison; else the failed ones, those over all traffic, and the worst ten
// of the rest, with a line saying how many more there are.
void write_compare_text(std::string& out, const CompareResult& result, const CompareSides& sides, bool all);
// GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY and pull-request comments: the verdict,
// the same rows as the text, every cell escaped (report/escaping.hpp) so log text stays text.
void write_compare_markdown(std::string& out, const CompareResult& result, const CompareSides& sides, bool all);
// One self-contained HTML page (no script): the verdict, every comparison with bars of its two
// values on one scale, and the new and vanished.
void write_compare_html(std::string& out, const CompareResult& result, const CompareSides& sides);
void write_compare_json(std::string& out, const CompareResult& result, const CompareSides& sides);

}  // namespace statuslint
