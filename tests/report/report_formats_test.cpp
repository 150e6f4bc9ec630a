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

// Formats that stream (the CLI hands every one a spill) write the same report as when it is
// held whole: here 20,000 inputs, a JSON report of several megabytes.
TEST(ReportFormats, AReportHandedOverAsItIsWrittenIsTheSameReport) {
  ScanSummary many;
  for (int i = 0; i < 20000; ++i) {
    InputSummary in;
    in.name = "logs/" + std::to_string(i) + ".log";
    in.format = "combined";
    in.counts.lines = in.counts.records = 1;
    in.counts.by_code.add(i % 7 == 0 ? 503 : 200);
    many.add(std::move(in));
  }
  for (const ReportFormat& f : report_formats()) {
    SCOPED_TRACE(std::string(f.name));
    std::string whole;
    f.write(whole, many, ReportSettings{});
    std::string streamed, rest;
    size_t calls = 0;
    ReportSettings settings;
    settings.spill = [&](std::string_view text) {
      ++calls;
      streamed += text;
    };
    f.write(rest, many, settings);
    EXPECT_EQ(streamed + rest, whole);
    if (f.name == "json") {
      EXPECT_GT(calls, 1U);
      EXPECT_LT(rest.size(), whole.size() / 2);
    }
  }
}

}  // namespace
}  // namespace statuslint
