// Many inputs scanned at once (scan/input_set): every sample, a missing file and a repeated
// file in one set give the same whole JSON report for every thread count and chunk size as
// one scan of them after another, and each input is handed back in its turn.
#include "statuslint/scan/input_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
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
  o.collect.sizes = true;
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

// Readers that waited for room in the window, woken together when one input was delivered,
// each took their core back unlocked and then started an input without looking again: two
// inputs in one slot, the first one's summary lost, and the caller waiting for it forever
// (once in about twelve runs of 100,000 files at -j2). A slow caller and many readers make
// them wait together on every input; the caller throws at the first input out of its turn,
// which ends the set instead of hanging it.
TEST(InputSet, ReadersWokenTogetherNeverOverfillTheWindow) {
  const fs::path dir = fs::temp_directory_path() / "statuslint-input-set-window";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::string> paths;
  for (int i = 0; i < 600; ++i) {
    const fs::path p = dir / (std::to_string(i) + ".log");
    std::ofstream(p) << "203.0.113.9 - - [21/Nov/2026:10:00:00 +0000] \"GET /" << i
                     << " HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n";
    paths.push_back(p.string());
  }
  ScanOptions o;
  o.rules = test::builtin_rules();
  o.threads = 8;
  for (int run = 0; run < 8; ++run) {  // the race is a matter of timing: each run may show it
    size_t delivered = 0;
    scan_inputs(paths, o, InputSetOptions{}, [&](InputSummary& in) {
      if (in.name != paths[delivered]) {
        throw std::runtime_error("input " + std::to_string(delivered) + " is " + in.name);
      }
      if (++delivered % 4 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
    });
    ASSERT_EQ(delivered, paths.size());
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace statuslint
