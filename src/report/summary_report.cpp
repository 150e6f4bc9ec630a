#include "statuslint/report/summary_report.hpp"

#include "report_sections.hpp"
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

void write_summary_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  for (const ReportSection& section : report_sections()) {
    if (section.text != nullptr) section.text(out, s, style);
  }
}

void write_summary_json(std::string& out, const ScanSummary& s) {
  JsonWriter w(out);
  w.begin_object();
  w.member("schema_version", kJsonSchemaVersion);
  for (const ReportSection& section : report_sections()) {
    if (section.json != nullptr) section.json(w, s);
  }
  w.end_object();
}

}  // namespace statuslint
