// The fast text path against the exact one across the structural index's windows: lines of
// every length around multiples of the 16 KiB window, starting at every alignment and around
// the window's end, in one chunk and in many, must give the whole JSON report that the exact
// parser gives. A line longer than the window used to leave the line-end walker past its
// window, reading masks beyond their rows (a crash in release builds).
#include <gtest/gtest.h>

#include "support/builtin_rules.hpp"
#include "statuslint/formats/structural_index.hpp"
#include "statuslint/report/summary_report.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

ScanOptions everything_on() {
  ScanOptions o;
  o.rules = test::builtin_rules();
  o.collect.trends = true;
  o.collect.top_counters = 64;
  o.format = InputFormat::from_spec("combined", {});
  return o;
}

std::string json_report(const std::string& bytes, const ScanOptions& options) {
  Scanner scanner(options);
  auto source = open_memory(bytes, "mem");
  ScanSummary summary;
  summary.rules = options.rules;
  summary.show_trends = true;
  summary.top = 5;
  InputSummary in = scanner.scan(*source, "mem");
  EXPECT_TRUE(in.counts.balanced());
  summary.add(std::move(in));
  std::string out;
  write_summary_json(out, summary);
  return out;
}

// A combined line of exactly `size` bytes (without its newline), its user agent padded.
std::string combined_line(size_t size, int n) {
  std::string line = "203.0.113." + std::to_string(n % 200) + " - - [21/Nov/2026:13:00:" +
                     std::to_string(10 + n % 50) + " +0000] \"GET /p/" + std::to_string(n) + " HTTP/1.1\" " +
                     (n % 3 == 0 ? "404" : "200") + " 512 \"-\" \"";
  const size_t rest = size > line.size() + 1 ? size - line.size() - 1 : 0;
  line += std::string(rest, 'M');
  line += '"';
  return line;
}

TEST(WindowBoundaries, LinesAroundWindowMultiplesReadAsTheExactParserReadsThem) {
  constexpr size_t kWindow = StructuralIndex::kWindowBytes;
  std::vector<size_t> offsets = {0};
  for (size_t o = 120; o < 120 + 64; ++o) offsets.push_back(o);                  // every alignment
  for (size_t o = kWindow - 70; o <= kWindow + 2; o += 3) offsets.push_back(o);  // around the window's end
  size_t inputs = 0;
  for (size_t k = 1; k <= 3; ++k) {
    for (int delta = -2; delta <= 2; ++delta) {
      const size_t long_size = static_cast<size_t>(static_cast<long>(k * kWindow) + delta);
      for (size_t offset : offsets) {
        std::string log;
        if (offset > 0) log += combined_line(offset - 1, 1) + "\n";  // the long line starts at `offset`
        log += combined_line(long_size, 2) + "\n";
        for (int n = 3; n < 12; ++n) log += combined_line(90 + static_cast<size_t>(n), n) + "\n";
        log += combined_line(long_size + 1, 12) + "\n" + combined_line(100, 13);  // two long ones; no final newline
        ScanOptions exact = everything_on();
        exact.exact_text_only = true;
        const std::string expected = json_report(log, exact);
        const std::pair<size_t, unsigned> runs[] = {{size_t{1} << 20, 1u}, {8192, 1u}, {8192, 2u}, {1, 2u}};
        for (const auto& [chunk, threads] : runs) {
          ScanOptions fast = everything_on();
          fast.chunk_bytes = chunk;
          fast.threads = threads;
          ASSERT_EQ(json_report(log, fast), expected)
              << "long line of " << long_size << " bytes at offset " << offset << ", chunk " << chunk << ", -j"
              << threads;
        }
        ++inputs;
      }
    }
  }
  EXPECT_GT(inputs, 1000u);
}

// Regression: 10 lines, one whose user agent is a million bytes, then 10 more: the line after
// the long one was looked up past the window (a segfault at every -j and chunk size).
TEST(WindowBoundaries, AMegabyteUserAgentInTheMiddleIsOneRecord) {
  std::string log;
  for (int n = 0; n < 10; ++n) log += combined_line(120, n) + "\n";
  log += combined_line(1'000'000, 10) + "\n";
  for (int n = 11; n < 21; ++n) log += combined_line(120, n) + "\n";
  for (unsigned threads : {1u, 2u}) {
    ScanOptions o = everything_on();
    o.threads = threads;
    Scanner scanner(o);
    auto source = open_memory(log, "mem");
    const InputSummary in = scanner.scan(*source, "mem");
    EXPECT_EQ(in.counts.lines, 21u);
    EXPECT_EQ(in.counts.records, 21u);
    EXPECT_EQ(in.counts.malformed, 0u);
  }
}

}  // namespace
}  // namespace statuslint
