// The table of report sections: names are unique, a section that writes a partial also reads
// one, and every section with a JSON part shows up in the JSON report under its name, in the
// table's order, for a scan with every collector on.
#include "report/report_sections.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "statuslint/report/json_writer.hpp"
#include "statuslint/scan/scanner.hpp"
#include "support/builtin_rules.hpp"

namespace statuslint {
namespace {

TEST(ReportSections, NamesAreUniqueAndPartialsArePaired) {
  std::set<std::string_view> names;
  for (const ReportSection& s : report_sections()) {
    EXPECT_TRUE(names.insert(s.name).second) << s.name;
    EXPECT_TRUE(s.text != nullptr || s.json != nullptr || s.html != nullptr) << s.name << " is in no output";
    EXPECT_EQ(s.write_input_partial == nullptr, s.read_input_partial == nullptr) << s.name;
    EXPECT_EQ(s.write_partial == nullptr, s.read_partial == nullptr) << s.name;
  }
  EXPECT_TRUE(names.count("inputs") && names.count("findings")) << "the sections every report has";
}

TEST(ReportSections, EveryJsonSectionIsInTheReportInTheTablesOrder) {
  ScanOptions o;
  o.rules = test::builtin_rules();
  o.collect.trends = true;
  o.collect.top_counters = 64;
  Scanner scanner(o);
  ScanSummary s;
  s.rules = o.rules;
  s.show_trends = true;
  s.top = 5;
  s.add(scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/combined.log"));
  std::string json;
  write_summary_json(json, s);
  simdjson::dom::parser parser;
  std::vector<std::string> report_keys;
  const simdjson::dom::object report = parser.parse(json).get_object().value();
  for (auto field : report) report_keys.emplace_back(field.key);
  size_t last = 0;
  for (const ReportSection& section : report_sections()) {
    if (section.json == nullptr) continue;
    std::string alone;
    JsonWriter w(alone);
    w.begin_object();
    section.json(w, s);
    w.end_object();
    simdjson::dom::parser section_parser;
    const simdjson::dom::object written = section_parser.parse(alone).get_object().value();
    for (auto field : written) {
      const auto at = std::find(report_keys.begin(), report_keys.end(), std::string(field.key));
      ASSERT_NE(at, report_keys.end()) << section.name << " writes " << field.key << ", not in the report";
      const auto index = static_cast<size_t>(at - report_keys.begin());
      EXPECT_GE(index, last) << section.name << "'s " << field.key << " is out of the table's order";
      last = index;
    }
  }
  EXPECT_GE(report_keys.size(), 8u);
}

}  // namespace
}  // namespace statuslint
