// The detection window: the first non-blank lines of an input, whatever their length and
// whatever comes before them. One long request or a run of blank lines at the top used to
// fill the 64 KiB window and hide the whole file ("no lines to detect a format from").
#include <gtest/gtest.h>

#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

const std::string kLine =
    R"(203.0.113.7 - - [21/Nov/2026:13:00:00 +0100] "GET /login HTTP/1.1" 200 42659 "-" "python-requests/2.31.0")";

std::string with_agent(size_t agent_bytes) {
  return R"(203.0.113.8 - - [21/Nov/2026:13:00:01 +0100] "GET /x HTTP/1.1" 404 10 "-" ")" +
         std::string(agent_bytes, 'M') + "\"";
}

std::string lines(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kLine + "\n";
  return s;
}

InputSummary scan(const std::string& bytes, size_t chunk = size_t{1} << 20, unsigned threads = 1,
                  size_t max_line_bytes = size_t{16} << 20) {
  ScanOptions o;
  o.chunk_bytes = chunk;
  o.threads = threads;
  o.max_line_bytes = max_line_bytes;
  Scanner scanner(o);
  auto source = open_memory(bytes, "mem");
  return scanner.scan(*source, "mem");
}

TEST(DetectionWindow, ALongFirstLineIsSkippedForDetectionAndStillARecord) {
  for (size_t agent : {size_t{70'000}, size_t{1} << 20}) {
    const std::string log = with_agent(agent) + "\n" + lines(2000);
    for (size_t chunk : {size_t{4096}, size_t{1} << 20}) {
      const InputSummary in = scan(log, chunk, 2);
      ASSERT_EQ(in.error, "") << agent;
      EXPECT_EQ(in.format, "combined");
      EXPECT_EQ(in.format_reason, "combined (50 of 50 sample lines)");
      EXPECT_EQ(in.counts.lines, 2001u);
      EXPECT_EQ(in.counts.records, 2001u);
    }
  }
}

TEST(DetectionWindow, ALineOverTheLimitFirstIsMalformedAndTheRestIsRead) {
  const std::string log = with_agent(5000) + "\n" + lines(100);
  const InputSummary in = scan(log, 1024, 1, 1000);
  ASSERT_EQ(in.error, "");
  EXPECT_EQ(in.counts.malformed, 1u);
  EXPECT_EQ(in.counts.records, 100u);
}

TEST(DetectionWindow, LeadingBlankLinesDoNotFillTheWindow) {
  // 70,000 newlines (more than the window), and 20 MiB of them (more than read-ahead holds).
  for (size_t blanks : {size_t{70'000}, size_t{20} << 20}) {
    const std::string log = std::string(blanks, '\n') + lines(30);
    const InputSummary in = scan(log);
    ASSERT_EQ(in.error, "") << blanks;
    EXPECT_EQ(in.format, "combined");
    EXPECT_EQ(in.counts.lines, blanks + 30);
    EXPECT_EQ(in.counts.blank, blanks);
    EXPECT_EQ(in.counts.records, 30u);
    EXPECT_TRUE(in.counts.balanced());
  }
}

TEST(DetectionWindow, LineNumbersCountTheLeadingBlankLines) {
  const std::string log = std::string(100'000, '\n') + lines(3) + "not an access line\n";
  for (size_t chunk : {size_t{1}, size_t{4096}, size_t{1} << 20}) {
    const InputSummary in = scan(log, chunk, 2);
    ASSERT_EQ(in.examples.size(), 1u);
    EXPECT_EQ(in.examples[0].at.index, 100'004u) << chunk;
  }
}

// Regression: a file of blank lines only gave exit 2 and lines = 0; an empty file gave 0.
TEST(DetectionWindow, AFileOfBlankLinesIsBlankLinesNotAnError) {
  const InputSummary in = scan("\n  \n\t\r\n\n");
  EXPECT_EQ(in.error, "");
  EXPECT_EQ(in.counts.lines, 4u);
  EXPECT_EQ(in.counts.blank, 4u);
}

TEST(DetectionWindow, OnlyLongLinesIsRefusedWithAMessageThatSaysSo) {
  const std::string log = with_agent(70'000) + "\n" + with_agent(80'000) + "\n";
  const InputSummary in = scan(log);
  EXPECT_EQ(in.error,
            "mem: cannot detect the log format: no line to detect a format from: the first 2 non-blank lines are "
            "longer than 64 KiB (the longest 80076 bytes)");
}

std::string one_line_har(size_t bytes) {
  std::string har = R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[)";
  const std::string entry =
      R"({"startedDateTime":"2026-11-21T10:00:00.000Z","time":1,"request":{"method":"GET","url":"https://example.com/a","httpVersion":"HTTP/1.1","headers":[],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[],"cookies":[],"content":{"size":0,"mimeType":"text/html"},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":1,"receive":0}})";
  size_t entries = 0;
  while (har.size() + entry.size() + 4 < bytes) {
    if (entries++ > 0) har += ',';
    har += entry;
  }
  har += "]}}";
  har.append(bytes > har.size() ? bytes - har.size() : 0, ' ');
  return har;
}

// Regression: a minified HAR over 64 KiB was one line past the window, and was refused.
TEST(DetectionWindow, AOneLineHarIsAHarWhateverItsLength) {
  for (size_t bytes : {size_t{65535}, size_t{65536}, size_t{65537}, size_t{1} << 20, size_t{20} << 20}) {
    const std::string har = one_line_har(bytes);
    ASSERT_EQ(har.size(), bytes);
    for (size_t chunk : {size_t{4096}, size_t{1} << 20}) {
      const InputSummary in = scan(har, chunk, 2);
      ASSERT_EQ(in.error, "") << bytes;
      EXPECT_EQ(in.format, "har");
      EXPECT_GT(in.counts.records, 100u);
      EXPECT_EQ(in.counts.malformed, 0u);
    }
  }
  // With a byte order mark and white space before it.
  const InputSummary in = scan("\xEF\xBB\xBF\n\n  " + one_line_har(70'000));
  EXPECT_EQ(in.format, "har");
  EXPECT_EQ(in.error, "");
}

}  // namespace
}  // namespace statuslint
