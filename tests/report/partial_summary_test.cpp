// Partial summaries on their own: a scan written with write_partial and read back with
// read_partial reports exactly what the scan did (text and JSON, findings, trends and top
// offenders included), two partials read into one equal one scan of both inputs, and a file
// that is not a partial, or names a rule that is not loaded, adds nothing and says why.
#include "statuslint/report/partial_summary.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "statuslint/report/summary_report.hpp"
#include "statuslint/scan/scanner.hpp"
#include "support/builtin_rules.hpp"

namespace statuslint {
namespace {

namespace fs = std::filesystem;

ScanOptions everything_on() {
  ScanOptions o;
  o.rules = test::builtin_rules();
  o.collect.trends = true;
  o.collect.top_counters = 64;
  o.collect.latency = true;
  o.collect.sizes = true;
  o.collect.max_examples = 5;
  return o;
}

ScanSummary fresh(const ScanOptions& o) {
  ScanSummary s;
  s.rules = o.rules;
  s.show_trends = o.collect.trends;
  s.top = 5;
  return s;
}

ScanSummary scan_samples(const std::vector<std::string>& names, const ScanOptions& o) {
  ScanSummary s = fresh(o);
  Scanner scanner(o);
  for (const std::string& n : names) s.add(scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/" + n));
  return s;
}

std::string json_of(const ScanSummary& s) {
  std::string out;
  write_summary_json(out, s);
  return out;
}

std::string text_of(const ScanSummary& s) {
  std::string out;
  write_summary_text(out, s);
  return out;
}

fs::path write_file(const std::string& name, const std::string& bytes) {
  const fs::path p = fs::temp_directory_path() / ("statuslint-partial-test-" + name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

fs::path partial_of(const ScanSummary& s, const std::string& name) {
  std::string out;
  write_partial(out, s);
  return write_file(name, out);
}

TEST(PartialSummary, WrittenAndReadBackReportsWhatTheScanDid) {
  const ScanOptions o = everything_on();
  const ScanSummary scanned = scan_samples({"combined.log"}, o);
  ScanSummary read = fresh(o);
  std::vector<std::string> errors;
  read_partial(partial_of(scanned, "one.json").string(), read, errors);
  ASSERT_TRUE(errors.empty()) << errors[0];
  EXPECT_EQ(json_of(read), json_of(scanned));
  EXPECT_EQ(text_of(read), text_of(scanned));
}

TEST(PartialSummary, TwoPartialsReadIntoOneEqualOneScanOfBoth) {
  const ScanOptions o = everything_on();
  const ScanSummary both = scan_samples({"combined.log", "nginx.jsonl", "chrome.har"}, o);
  ScanSummary merged = fresh(o);
  std::vector<std::string> errors;
  read_partial(partial_of(scan_samples({"combined.log"}, o), "a.json").string(), merged, errors);
  read_partial(partial_of(scan_samples({"nginx.jsonl"}, o), "b.json").string(), merged, errors);
  read_partial(partial_of(scan_samples({"chrome.har"}, o), "c.json").string(), merged, errors);  // HAR phases
  ASSERT_TRUE(errors.empty()) << errors[0];
  EXPECT_EQ(json_of(merged), json_of(both));
  EXPECT_NE(json_of(merged).find("\"har_phases\""), std::string::npos);
}

TEST(PartialSummary, AFileThatIsNoPartialAddsNothingAndSaysWhy) {
  const ScanOptions o = everything_on();
  ScanSummary into = fresh(o);
  std::vector<std::string> errors;
  read_partial(write_file("not-a-partial.json", "{\"hello\": 1}").string(), into, errors);
  read_partial(write_file("not-json.json", "GET / HTTP/1.1").string(), into, errors);
  read_partial((fs::temp_directory_path() / "statuslint-partial-test-missing.json").string(), into, errors);
  ASSERT_EQ(errors.size(), 3u);
  for (const std::string& e : errors) EXPECT_NE(e.find("statuslint-partial-test-"), std::string::npos) << e;
  EXPECT_TRUE(into.inputs.empty());

  // Rules are matched by id: a partial made with a rule the merge did not load is refused.
  ScanOptions no_rules = o;
  no_rules.rules = nullptr;
  const fs::path with_rules = partial_of(scan_samples({"combined.log"}, o), "rules.json");
  ScanSummary bare = fresh(no_rules);
  read_partial(with_rules.string(), bare, errors);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_TRUE(bare.inputs.empty()) << errors[3];
}

}  // namespace
}  // namespace statuslint
