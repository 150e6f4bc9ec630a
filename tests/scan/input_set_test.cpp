// Many inputs scanned at once (scan/input_set): every sample, a missing file and a repeated
// file in one set give the same whole JSON report for every thread count and chunk size as
// one scan of them after another, and each input is handed back in its turn.
#include "statuslint/scan/input_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "statuslint/report/summary_report.hpp"
#include "support/builtin_rules.hpp"

namespace statuslint {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> every_sample_and_then_some() {
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(STATUSLINT_SOURCE_DIR) / "samples")) {
    if (entry.path().extension() != ".format") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  paths.insert(paths.begin() + 3, "/nonexistent/access.log");  // an error, in its place
  paths.push_back(paths.front());                              // the same file twice
  return paths;
}

ScanOptions everything_on(unsigned threads, size_t chunk_bytes) {
  ScanOptions o;
  o.rules = test::builtin_rules();
  o.collect.trends = true;
  o.collect.top_counters = 64;
  o.collect.latency = true;
  o.collect.routes = true;
  o.collect.max_examples = 5;
  o.threads = threads;
  o.chunk_bytes = chunk_bytes;
  return o;
}

std::string json_of(ScanSummary& summary, const ScanOptions& o) {
  summary.rules = o.rules;
  summary.show_trends = true;
  summary.top = 5;
  std::string json;
  write_summary_json(json, summary);
  return json;
}

TEST(InputSet, ManyInputsAtOnceGiveTheReportOfOneAfterAnother) {
  const std::vector<std::string> paths = every_sample_and_then_some();
  ASSERT_GE(paths.size(), 20u);
  // The reference: one Scanner, one input after another, on the calling thread.
  const ScanOptions one = everything_on(1, size_t{1} << 20);
  ScanSummary reference;
  {
    Scanner scanner(one);
    for (const std::string& p : paths) reference.add(scanner.scan_path(p));
  }
  ASSERT_FALSE(reference.inputs[3].error.empty()) << "the missing file says so";
  const std::string expected = json_of(reference, one);

  for (size_t chunk : {size_t{4096}, size_t{1} << 20}) {
    for (unsigned threads : {1u, 2u, 3u, 4u, 16u}) {
      const ScanOptions o = everything_on(threads, chunk);
      ScanSummary summary;
      std::vector<std::string> order;
      scan_inputs(paths, o, InputSetOptions{}, [&](InputSummary& in) {
        order.push_back(in.name);
        summary.add(std::move(in));
      });
      ASSERT_EQ(order.size(), paths.size());
      for (size_t i = 0; i < paths.size(); ++i) EXPECT_EQ(order[i], paths[i]) << "input " << i << " in its turn";
      ASSERT_EQ(json_of(summary, o), expected) << "threads " << threads << ", chunk " << chunk;
    }
  }
}

TEST(InputSet, AByteRangeOfEveryInputAsTheScannerReadsIt) {
  const std::string log = (fs::path(STATUSLINT_SOURCE_DIR) / "samples" / "combined.log").string();
  const std::vector<std::string> paths = {log, log, log};
  const ByteRange range{100, 3000};
  const ScanOptions one = everything_on(1, 4096);
  ScanSummary reference;
  {
    Scanner scanner(one);
    for (const std::string& p : paths) reference.add(scanner.scan_range(p, range));
  }
  const ScanOptions o = everything_on(2, 4096);
  ScanSummary summary;
  InputSetOptions set;
  set.range = range;
  scan_inputs(paths, o, set, [&](InputSummary& in) { summary.add(std::move(in)); });
  EXPECT_EQ(json_of(summary, o), json_of(reference, one));
  EXPECT_GT(summary.total.lines, 0u);
}

}  // namespace
}  // namespace statuslint
