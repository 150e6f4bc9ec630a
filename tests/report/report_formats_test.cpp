// The report format table: every format writes, names are unique, the lists say them all.
#include "statuslint/report/report_formats.hpp"

#include <gtest/gtest.h>

#include <set>

namespace statuslint {
namespace {

TEST(ReportFormats, EveryFormatWritesAReportOfAnEmptyScan) {
  ScanSummary empty;
  std::set<std::string_view> names;
  for (const ReportFormat& f : report_formats()) {
    SCOPED_TRACE(std::string(f.name));
    EXPECT_TRUE(names.insert(f.name).second);
    EXPECT_EQ(find_report_format(f.name), &f);
    // Metrics show no example; every format that shows findings keeps some.
    if (f.name != "openmetrics") {
      EXPECT_GT(f.default_examples, 0U);
    }
    std::string out;
    f.write(out, empty, ReportSettings{});
    EXPECT_FALSE(out.empty());
    EXPECT_NE(report_format_names().find(f.name), std::string::npos);
    EXPECT_NE(report_format_list().find("  " + std::string(f.name) + " "), std::string::npos);
  }
  EXPECT_EQ(find_report_format("yaml"), nullptr);
  EXPECT_EQ(find_report_format("text")->default_examples, 5U);
  EXPECT_EQ(find_report_format("sarif")->default_examples, 100U);
  EXPECT_EQ(find_report_format("openmetrics")->default_examples, 0U);
}

}  // namespace
}  // namespace statuslint
