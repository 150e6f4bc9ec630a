#include "statuslint/formats/har_reader.hpp"

#include <gtest/gtest.h>

#include "support/builtin_rules.hpp"
#include "statuslint/scan/scanner.hpp"
#include "support/test_data.hpp"

namespace statuslint {
namespace {

// Reads a HAR through the scanner, which pushes the reader's entries into a collecting sink.
InputSummary read(const std::string& document) {
  ScanOptions options;
  options.format.har = true;
  Scanner scanner(options);
  auto source = open_memory(document, "t.har");
  return scanner.scan(*source, "t.har");
}

std::string sample(const char* name) {
  return test::read_file(std::string(STATUSLINT_SOURCE_DIR) + "/samples/" + name);
}

TEST(HarReader, ChromeExport) {
  const InputSummary s = read(sample("chrome.har"));
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(s.counts.lines, 17u) << "one line per entry";
  EXPECT_EQ(s.counts.records, 17u);
  EXPECT_TRUE(s.counts.balanced());
  EXPECT_EQ(s.counts.no_response, 2u);
  EXPECT_EQ(s.counts.by_code[0], 0u) << "status 0 is no response, not an invalid status";
  EXPECT_EQ(s.counts.by_code[401], 2u);
  EXPECT_EQ(s.counts.by_code[418], 1u);
  ASSERT_EQ(s.no_response_examples.size(), 2u);
  EXPECT_EQ(s.no_response_examples[0].at, Location::entry(3));
  EXPECT_EQ(s.no_response_examples[0].url, "https://ads.tracker.example/pixel.gif");
  EXPECT_EQ(s.no_response_examples[0].error, "net::ERR_BLOCKED_BY_CLIENT");
}

// Regression: Fiddler writes its HAR exports with a UTF-8 byte order mark (one line, CRLF);
// such a file was rejected with "the document is not a JSON object", exit 2. Through the
// scanner (a stream) and memory-mapped from its path.
TEST(HarReader, FiddlerExportWithAByteOrderMark) {
  const std::string doc = sample("fiddler.har");
  ASSERT_TRUE(doc.starts_with("\xEF\xBB\xBF"));
  const InputSummary streamed = read(doc);
  EXPECT_EQ(streamed.error, "");
  EXPECT_EQ(streamed.counts.records, 4u);
  Scanner scanner(ScanOptions{});
  const InputSummary mapped = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/fiddler.har");
  EXPECT_EQ(mapped.format, "har");
  EXPECT_EQ(mapped.error, "");
  EXPECT_EQ(mapped.counts.by_code[503], 1u);
}

TEST(HarReader, FirefoxExport) {
  const InputSummary s = read(sample("firefox.har"));
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(s.counts.records, 8u);
  EXPECT_EQ(s.counts.no_response, 1u);
  EXPECT_EQ(s.counts.by_code[305], 1u);
  EXPECT_EQ(s.counts.by_code[299], 1u);
}

// The record-level view, through a tiny HAR.
TEST(HarReader, EntryFieldsAndHeaders) {
  const std::string har = R"({"log":{"version":"1.2","entries":[
    {"pageref":"page_1","startedDateTime":"2026-11-21T10:00:00.000Z","time":12.5,
     "request":{"method":"GET","url":"https://e.com/a","httpVersion":"h2","headers":[]},
     "response":{"status":302,"statusText":"","httpVersion":"h2","redirectURL":"https://e.com/b",
       "headers":[{"name":"set-cookie","value":"a=1"},{"name":"Set-Cookie","value":"b=2"},{"name":"location","value":"https://e.com/b"}],
       "content":{"size":-1},"bodySize":-1,"_transferSize":300}}]}})";
  // Reach the record through a Scanner so the test sees what rules will see: counts here.
  const InputSummary s = read(har);
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(s.counts.by_code[302], 1u);
}

TEST(HarReader, EntryMissingAFieldIsMalformedAndTheRestCount) {
  const std::string har = R"({"log":{"entries":[
    {"request":{"method":"GET","url":"https://e.com/1"},"response":{"status":200}},
    {"request":{"method":"GET","url":"https://e.com/2"},"response":{"statusText":"OK"}},
    {"request":{"url":"https://e.com/3"},"response":{"status":200}},
    {"response":{"status":200}},
    {"request":{"method":"GET","url":"https://e.com/5"},"response":{"status":"200"}},
    {"request":{"method":"GET","url":"https://e.com/6"},"response":{"status":404}}]}})";
  const InputSummary s = read(har);
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(s.counts.lines, 6u);
  EXPECT_EQ(s.counts.records, 2u);
  EXPECT_EQ(s.counts.malformed, 4u);
  ASSERT_EQ(s.examples.size(), 4u);
  EXPECT_EQ(s.examples[0].at.index, 1u) << "entry index";
  EXPECT_EQ(s.examples[0].reason, "har: entry has no numeric response.status");
  EXPECT_EQ(s.examples[1].reason, "har: entry has no request.method");
  EXPECT_EQ(s.examples[2].reason, "har: entry has no request object");
  EXPECT_EQ(s.examples[3].reason, "har: entry has no numeric response.status") << "a string status is not a number";
}

TEST(HarReader, TruncatedMidEntryKeepsTheCompleteEntries) {
  const std::string har = R"({"log":{"pages":[{"id":"p"}],"entries":[
    {"request":{"method":"GET","url":"https://e.com/1"},"response":{"status":200,"headers":[{"name":"a","value":"}"}]}},
    {"request":{"method":"GET","url":"https://e.com/2"},"response":{"status":404}},
    {"request":{"method":"GET","url":"https://e.com/3"},"response":{"status":20)";
  const InputSummary s = read(har);
  EXPECT_EQ(s.error, "t.har: HAR is truncated: the document ends at byte " + std::to_string(har.size()) +
                         " inside entry 2; the 2 complete entries before it were read");
  EXPECT_EQ(s.counts.records, 2u) << "what was read before the cut is kept";
  EXPECT_EQ(s.counts.by_code[404], 1u);
}

TEST(HarReader, TruncatedInsideAStringKeepsTheCompleteEntries) {
  const std::string har = R"({"log":{"entries":[
    {"request":{"method":"GET","url":"https://e.com/1"},"response":{"status":200}},
    {"request":{"method":"GET","url":"https://e.com/2"},"response":{"status":200,"statusText":"O)";
  const InputSummary s = read(har);
  EXPECT_NE(s.error.find("HAR is truncated"), std::string::npos) << s.error;
  EXPECT_EQ(s.counts.records, 1u);
}

TEST(HarReader, InvalidJsonInsideStopsWithOffsetAndProgress) {
  const std::string har = R"({"log":{"entries":[
    {"request":{"method":"GET","url":"https://e.com/1"},"response":{"status":200}},
    {"request":{"method":"GET","url":"https://e.com/2"},"response":{"status":200}}
    {"request":{"method":"GET","url":"https://e.com/3"},"response":{"status":200}}]}})";
  const InputSummary s = read(har);
  EXPECT_NE(s.error.find("t.har: not a valid HAR: entry 2: "), std::string::npos) << s.error;
  EXPECT_NE(s.error.find(" at byte "), std::string::npos) << s.error;
  EXPECT_NE(s.error.find("(2 entries read before it)"), std::string::npos) << s.error;
  EXPECT_EQ(s.counts.records, 2u) << "what was read before the error is kept";
}

TEST(HarReader, NotAHar) {
  EXPECT_NE(read("[1,2,3]").error.find("not a JSON object"), std::string::npos);
  EXPECT_NE(read(R"({"log":{}})").error.find("log.entries"), std::string::npos);
  EXPECT_NE(read(std::string(1 << 20, ' ')).error.find("not a valid HAR"), std::string::npos);
  EXPECT_NE(read("").error.find("not a valid HAR"), std::string::npos);
  std::string deep(100000, '[');
  EXPECT_NE(read("{\"log\":" + deep).error.find("not a valid HAR"), std::string::npos) << "deep nesting";
}

TEST(HarReader, DetectedByContentThroughTheScanner) {
  Scanner scanner(ScanOptions{});
  const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/chrome.har");
  EXPECT_EQ(s.format, "har");
  EXPECT_EQ(s.counts.records, 17u);
  // A HAR that does not end in .har, minified on one line, is still a HAR.
  const std::string minified =
      R"({"log":{"entries":[{"request":{"method":"GET","url":"u"},"response":{"status":204}}]}})";
  auto src = open_memory(minified);
  const InputSummary m = scanner.scan(*src, "capture.json");
  EXPECT_EQ(m.format, "har");
  EXPECT_EQ(m.counts.by_code[204], 1u);
}

// The rules of the built-in pack, for the quirk tests: which fire on which entry.
std::vector<std::string> findings_of(const std::string& document) {
  const auto engine = test::builtin_rules();
  ScanOptions options;
  options.format.har = true;
  options.rules = engine;
  Scanner scanner(options);
  auto source = open_memory(document, "t.har");
  const InputSummary s = scanner.scan(*source, "t.har");
  std::vector<std::string> out;
  for (size_t i = 0; i < s.findings.size(); ++i) {
    for (const auto& e : s.findings[i].examples) {
      out.push_back(engine->rules()[i].id + "@" + std::to_string(e.entry));
    }
    if (s.findings[i].not_evaluated > 0) {
      out.push_back(engine->rules()[i].id + " not evaluated " + std::to_string(s.findings[i].not_evaluated));
    }
  }
  return out;
}

// Chromium's made-up 307 and its cache hits are counted and meet no rule; a server's 307
// without Location still fires; browser spellings of the version are read as protocols.
TEST(HarReader, ChromiumQuirksNeverHideAServerFault) {
  const std::string har = sample("chrome-quirks.har");
  const InputSummary s = read(har);
  EXPECT_EQ(s.counts.records, 4u);
  EXPECT_EQ(s.counts.browser_generated, 1u);
  EXPECT_EQ(s.counts.from_cache, 1u);
  EXPECT_EQ(s.counts.by_code[307], 2u) << "counted, whoever made it";
  const auto findings = findings_of(har);
  EXPECT_EQ(findings, std::vector<std::string>{"header/redirect-location@3"});
}

// Firefox's 304 entries carry the cached body's size: the body rule is not evaluated for
// them (never passed, never fired), and other statuses keep their sizes.
TEST(HarReader, FirefoxCachedBodySizesLeaveTheBodyRuleNotEvaluated) {
  const std::string har = sample("firefox-304.har");
  const InputSummary s = read(har);
  EXPECT_EQ(s.counts.body_size_unreliable, 2u);
  const auto findings = findings_of(har);
  EXPECT_EQ(findings, (std::vector<std::string>{"body/no-content-status-with-body@3",
                                                "body/no-content-status-with-body not evaluated 2"}));
}

// The same 304 with a body from any other producer is a finding: the quirk is Firefox's.
TEST(HarReader, A304WithABodyFromAnotherProducerIsStillAFinding) {
  std::string har = sample("firefox-304.har");
  har.replace(har.find("\"Firefox\""), 9, "\"Fiddler\"");
  const InputSummary s = read(har);
  EXPECT_EQ(s.counts.body_size_unreliable, 0u);
  const auto findings = findings_of(har);
  EXPECT_EQ(findings.front(), "body/no-content-status-with-body@0");
}

TEST(HarReader, ProducerFromTheCreatorName) {
  EXPECT_EQ(har_producer(R"({"log":{"version":"1.2","creator":{"name":"Firefox","version":"133.0"},)"),
            HarProducer::Firefox);
  EXPECT_EQ(har_producer(R"({"log":{"creator": {"version":"537.36", "name" : "WebInspector"}})"),
            HarProducer::Chromium);
  EXPECT_EQ(har_producer(R"({"log":{"creator":{"name":"Charles Proxy"}})"), HarProducer::Other);
  EXPECT_EQ(har_producer(R"({"log":{"entries":[]}})"), HarProducer::Other);
}

// An entry longer than --max-line-bytes is malformed with its size, never held; the others
// count.
TEST(HarReader, AnEntryOverTheLimitIsMalformedAndTheRestCount) {
  const std::string har =
      R"({"log":{"entries":[{"request":{"method":"GET","url":"https://e.com/)" + std::string(3000, 'a') +
      R"("},"response":{"status":200}},{"request":{"method":"GET","url":"https://e.com/b"},"response":{"status":404}}]}})";
  ScanOptions options;
  options.format.har = true;
  options.max_line_bytes = 1000;
  Scanner scanner(options);
  auto source = open_memory(har, "t.har");
  const InputSummary s = scanner.scan(*source, "t.har");
  EXPECT_TRUE(s.error.empty()) << s.error;
  EXPECT_EQ(s.counts.records, 1u);
  EXPECT_EQ(s.counts.malformed, 1u);
  EXPECT_TRUE(s.counts.balanced());
  ASSERT_EQ(s.examples.size(), 1u);
  EXPECT_EQ(s.examples[0].at, Location::entry(0));
  EXPECT_NE(s.examples[0].reason.find("longer than the limit"), std::string::npos) << s.examples[0].reason;
}

}  // namespace
}  // namespace statuslint
