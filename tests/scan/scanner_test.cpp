// The scanner end to end: every line accounted for, the same report for every chunk size and
// thread count, compressed and damaged inputs, and the samples' formats.
#include "statuslint/scan/scanner.hpp"

#include <gtest/gtest.h>

#include <random>

#include "statuslint/formats/format_detection.hpp"
#include "support/compression.hpp"
#include "support/test_data.hpp"

namespace statuslint {
namespace {

InputSummary scan(std::string_view bytes, ScanOptions options = {}) {
  Scanner scanner(std::move(options));
  auto src = open_memory(bytes, "mem");
  return scanner.scan(*src, "mem");
}

void expect_same(const InputSummary& a, const InputSummary& b, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(a.counts.lines, b.counts.lines);
  EXPECT_EQ(a.counts.records, b.counts.records);
  EXPECT_EQ(a.counts.malformed, b.counts.malformed);
  EXPECT_EQ(a.counts.blank, b.counts.blank);
  EXPECT_EQ(a.counts.other, b.counts.other);
  EXPECT_EQ(a.counts.by_code, b.counts.by_code);
  EXPECT_EQ(a.counts.missing_status, b.counts.missing_status);
  EXPECT_EQ(a.counts.non_numeric_status, b.counts.non_numeric_status);
  ASSERT_EQ(a.examples.size(), b.examples.size());
  for (size_t i = 0; i < a.examples.size(); ++i) {
    EXPECT_EQ(a.examples[i].at.index, b.examples[i].at.index);
    EXPECT_EQ(a.examples[i].reason, b.examples[i].reason);
    EXPECT_EQ(a.examples[i].text, b.examples[i].text);
  }
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.error, b.error);
}

// A log with every kind of line, deterministic.
std::string mixed_log(int lines, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s;
  const char* statuses[] = {"200", "404", "499", "000", "-", "2OO", "305", "503"};
  for (int i = 0; i < lines; ++i) {
    switch (rng() % 10) {
      case 0:
        s += "\n";
        break;
      case 1:
        s += "garbage " + std::to_string(i) + "\n";
        break;
      case 2:
        s += "  \t\r\n";
        break;
      default:
        s += "10.0.0." + std::to_string(i % 250) + " - - [21/Nov/2026:10:00:00 +0000] \"GET /p" + std::to_string(i) +
             " HTTP/1.1\" " + statuses[rng() % 8] + " " + std::to_string(rng() % 5000) + " \"-\" \"ua\"" +
             (rng() % 4 == 0 ? "\r\n" : "\n");
    }
  }
  return s;
}

TEST(Scanner, EveryLineIsAccountedFor) {
  const std::string log = mixed_log(5000, 1);
  ScanOptions options;
  options.format.text = LogFormat::preset("combined");
  const InputSummary s = scan(log, options);
  EXPECT_EQ(s.counts.lines, 5000u);
  EXPECT_TRUE(s.counts.balanced());
  EXPECT_GT(s.counts.malformed, 0u);
  EXPECT_GT(s.counts.blank, 0u);
  EXPECT_EQ(s.error, "");
}

TEST(Scanner, IdenticalForEveryChunkSizeAndThreadCount) {
  const std::string log = mixed_log(3000, 2);
  ScanOptions base;
  base.format.text = LogFormat::preset("combined");
  base.collect.max_examples = 50;
  base.chunk_bytes = log.size() + 1;
  const InputSummary reference = scan(log, base);
  ASSERT_TRUE(reference.counts.balanced());
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, size_t{65536}}) {
    for (unsigned threads : {1u, 2u, 3u, 4u}) {
      ScanOptions o = base;
      o.chunk_bytes = chunk;
      o.threads = threads;
      expect_same(reference, scan(log, o), "chunk " + std::to_string(chunk) + ", threads " + std::to_string(threads));
    }
  }
}

TEST(Scanner, CompressedInputGivesTheSameCounts) {
  const std::string log = mixed_log(4000, 3);
  ScanOptions o;
  o.format.text = LogFormat::preset("combined");
  o.threads = 2;
  o.chunk_bytes = 8192;
  const InputSummary plain = scan(log, o);
  const std::string half1 = log.substr(0, log.size() / 2), half2 = log.substr(log.size() / 2);
  const InputSummary gz = scan(test::gzip(half1) + test::gzip(half2), o);
  const InputSummary zst = scan(test::zstd(log), o);
  EXPECT_EQ(gz.compression, Compression::Gzip);
  EXPECT_EQ(zst.compression, Compression::Zstd);
  expect_same(plain, gz, "gzip");
  expect_same(plain, zst, "zstd");
}

TEST(Scanner, TruncatedGzipKeepsWhatWasReadAndReportsWhere) {
  const std::string log = mixed_log(20000, 4);
  const std::string gz = test::gzip(log);
  ScanOptions o;
  o.format.text = LogFormat::preset("combined");
  const InputSummary s = scan(gz.substr(0, gz.size() * 2 / 3), o);
  EXPECT_GT(s.counts.lines, 1000u);
  EXPECT_LT(s.counts.lines, 20000u);
  EXPECT_TRUE(s.counts.balanced());
  EXPECT_NE(s.error.find("gzip stream is truncated"), std::string::npos) << s.error;
}

TEST(Scanner, MissingFinalNewlineAndEmptyInput) {
  ScanOptions o;
  o.format.text = LogFormat::preset("common");
  const InputSummary s = scan("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1\n1.2.3.4 - - [t] \"GET / HTTP/1.1\" 404 1", o);
  EXPECT_EQ(s.counts.lines, 2u);
  EXPECT_EQ(s.counts.records, 2u);
  EXPECT_EQ(s.counts.by_code[404], 1u);

  const InputSummary empty = scan("", {});
  EXPECT_EQ(empty.counts.lines, 0u);
  EXPECT_TRUE(empty.counts.balanced());
  EXPECT_EQ(empty.error, "") << "an empty input is not an error";
}

TEST(Scanner, OversizedLineIsMalformedAndNeverBuffered) {
  ScanOptions o;
  o.format.text = LogFormat::preset("combined");
  o.chunk_bytes = 4096;
  o.max_line_bytes = 64 * 1024;
  const std::string good = "1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n";
  const std::string log = good + std::string(1 << 20, 'x') + "\n" + good + std::string(100000, 'y');
  for (unsigned threads : {1u, 2u}) {
    o.threads = threads;
    const InputSummary s = scan(log, o);
    EXPECT_EQ(s.counts.lines, 4u);
    EXPECT_EQ(s.counts.records, 2u);
    EXPECT_EQ(s.counts.malformed, 2u);
    ASSERT_EQ(s.examples.size(), 2u);
    EXPECT_EQ(s.examples[0].at.index, 2u);
    EXPECT_NE(s.examples[0].reason.find("line of 1048576 bytes is longer than the limit"), std::string::npos)
        << s.examples[0].reason;
    EXPECT_EQ(s.examples[1].at.index, 4u);
    EXPECT_NE(s.examples[1].reason.find("100000 bytes"), std::string::npos) << s.examples[1].reason;
  }
}

TEST(Scanner, LongLinesUnderTheLimitParse) {
  ScanOptions o;
  o.format.text = LogFormat::preset("combined");
  o.chunk_bytes = 4096;
  const std::string line = "1.2.3.4 - - [t] \"GET /" + std::string(3 << 20, 'a') + " HTTP/1.1\" 414 0 \"-\" \"-\"\n";
  const InputSummary s = scan(line + line, o);
  EXPECT_EQ(s.counts.records, 2u);
  EXPECT_EQ(s.counts.by_code[414], 2u);
}

TEST(Scanner, BinaryAndInvalidUtf8NeverCrashOrVanish) {
  std::mt19937 rng(5);
  std::string noise(1 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  ScanOptions o;
  o.format.text = LogFormat::preset("combined");
  o.threads = 2;
  o.chunk_bytes = 10000;
  const InputSummary s = scan(noise, o);
  EXPECT_TRUE(s.counts.balanced());
  EXPECT_GT(s.counts.lines, 1000u);
  EXPECT_EQ(s.counts.records, 0u);

  const InputSummary utf8 = scan("1.2.3.4 - - [t] \"GET /\xff\xfe HTTP/1.1\" 200 1 \"-\" \"\xc3\x28\"\n", o);
  EXPECT_EQ(utf8.counts.records, 1u);
}

TEST(Scanner, UndetectableFormatIsAnErrorThatSaysWhy) {
  const InputSummary s = scan("hello world\nthis is not a log\n", {});
  EXPECT_EQ(s.format, "");
  EXPECT_NE(s.error.find("cannot detect the log format"), std::string::npos) << s.error;
  EXPECT_NE(s.error.find("--log-format"), std::string::npos) << s.error;
}

TEST(Scanner, DetectsEachSampleFormat) {
  const std::pair<const char*, const char*> cases[] = {{"combined.log", "combined"},
                                                       {"common.log", "common"},
                                                       {"vcombined.log", "vcombined"},
                                                       {"traefik.log", "traefik"},
                                                       {"alb.log", "alb"},
                                                       {"iis.log", "w3c"},
                                                       {"access.log.2.gz", "combined"},
                                                       {"vcommon.log", "vcommon"},
                                                       {"haproxy.log", "haproxy"},
                                                       {"envoy.log", "envoy"},
                                                       {"istio.log", "istio"},
                                                       {"haproxy-syslog.log", "syslog/haproxy"},
                                                       {"awselb.log", "awselb"},
                                                       {"awss3.log", "awss3"},
                                                       {"ingress-nginx.log", "ingress-nginx"},
                                                       {"cloudstorage.csv", "cloudstorage"},
                                                       {"cloudfront.log", "cloudfront"},
                                                       {"cloudfront-nohead.log", "cloudfront"},
                                                       {"squid.log", "squid"}};
  for (const auto& [file, format] : cases) {
    Scanner scanner(ScanOptions{});
    const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/" + file);
    EXPECT_EQ(s.format, format) << file << ": " << s.format_note();
    EXPECT_TRUE(s.counts.balanced()) << file;
    EXPECT_EQ(s.error, "") << file;
  }
}

// Regression: a CloudFront file was detected as w3c with every line malformed, because the W3C
// reader split only on spaces. Tab-separated W3C (CloudFront, Akamai) is read with tabs.
// A byte order mark before a log (Windows tools write one) is not part of line 1: a JSON
// line behind one was "not a JSON object".
TEST(Scanner, ByteOrderMarkBeforeALogIsDropped) {
  const std::string log =
      "\xEF\xBB\xBF"
      R"({"status":"200","request_uri":"/a"})"
      "\n";
  for (size_t chunk : {size_t{1}, size_t{1} << 20}) {
    ScanOptions o;
    o.chunk_bytes = chunk;
    o.format = InputFormat::from_spec("nginx-json");
    const InputSummary s = scan(log, o);
    EXPECT_EQ(s.counts.records, 1u) << chunk;
    EXPECT_EQ(s.counts.malformed, 0u) << chunk;
  }
}

TEST(Scanner, W3cWithTabs) {
  Scanner scanner(ScanOptions{});
  const InputSummary cf = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/cloudfront.log");
  EXPECT_EQ(cf.counts.malformed, 0u);
  EXPECT_EQ(cf.counts.records, 5u);
  EXPECT_EQ(cf.counts.by_code[206], 1u);
  const std::string akamai =
      "#Version: 1.0\n#Fields: date time cs-method cs-uri-stem sc-status sc-bytes cs(User-Agent)\n"
      "2026-11-21\t10:00:00\tGET\t/a b\t200\t12\tMozilla/5.0 (X11; Linux x86_64)\n"
      "2026-11-21\t10:00:01\tGET\t/c\t503\t0\tcurl/8.5.0\n";
  auto src = open_memory(akamai, "akamai");
  const InputSummary s = scanner.scan(*src, "akamai");
  EXPECT_EQ(s.format, "w3c");
  EXPECT_EQ(s.counts.records, 2u);
  EXPECT_EQ(s.counts.malformed, 0u);
  EXPECT_EQ(s.counts.by_code[503], 1u);
}

// Regression (found by fuzz_detect): a #Fields list without a status field threw out of
// detection and ended the program; it is a malformed directive, and the input is still read.
TEST(Scanner, W3cFieldsWithoutAStatusIsAMalformedDirectiveNotACrash) {
  const std::string log = "#Version: 1.0\n#Fields: date time cs-method\n2026-11-21 10:00:00 GET\n";
  Scanner scanner(ScanOptions{});
  auto src = open_memory(log, "w3c");
  const InputSummary s = scanner.scan(*src, "w3c");
  EXPECT_EQ(s.format, "w3c");
  EXPECT_TRUE(s.counts.balanced());
  EXPECT_GE(s.counts.malformed, 1u);
  ASSERT_FALSE(s.examples.empty());
  EXPECT_NE(s.examples[0].reason.find("unusable #Fields directive"), std::string::npos) << s.examples[0].reason;
}

TEST(Scanner, W3cFieldsDirectiveChangesTheFormatMidFile) {
  const std::string log =
      "#Software: Microsoft Internet Information Services 10.0\r\n"
      "#Fields: date time cs-method cs-uri-stem sc-status\r\n"
      "2026-11-21 00:00:01 GET / 200\r\n"
      "#Fields: date time sc-status cs-method\r\n"
      "2026-11-21 00:00:02 404 GET\r\n"
      "2026-11-21 00:00:03 GET / 200\r\n";
  for (size_t chunk : {size_t{7}, size_t{1} << 20}) {
    ScanOptions o;
    o.chunk_bytes = chunk;
    o.threads = 2;
    const InputSummary s = scan(log, o);
    EXPECT_EQ(s.format, "w3c");
    EXPECT_EQ(s.counts.lines, 6u);
    EXPECT_EQ(s.counts.blank, 3u) << "directives carry no record";
    EXPECT_EQ(s.counts.by_code[200], 1u);
    EXPECT_EQ(s.counts.by_code[404], 1u);
    EXPECT_EQ(s.counts.malformed, 1u) << "the last line has the old field order";
    ASSERT_EQ(s.examples.size(), 1u);
    EXPECT_EQ(s.examples[0].at.index, 6u);
  }
}

TEST(Scanner, JsonLinesIdenticalForEveryChunkSizeAndThreadCount) {
  const std::string log = test::read_file(std::string(STATUSLINT_SOURCE_DIR) + "/samples/nginx.jsonl") +
                          test::read_file(std::string(STATUSLINT_SOURCE_DIR) + "/samples/nginx.jsonl");
  ScanOptions base;
  base.collect.max_examples = 50;
  base.chunk_bytes = log.size() + 1;
  const InputSummary reference = scan(log, base);
  EXPECT_EQ(reference.format, "nginx-json");
  EXPECT_TRUE(reference.counts.balanced());
  EXPECT_EQ(reference.counts.records, 42u);
  EXPECT_EQ(reference.counts.malformed, 2u);
  EXPECT_EQ(reference.counts.other, 2u) << "an object without the status key is another event, not malformed";
  ASSERT_EQ(reference.other_examples.size(), 2u);
  EXPECT_EQ(reference.other_examples[0].at.index, 13u);
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}}) {
    for (unsigned threads : {1u, 2u, 3u}) {
      ScanOptions o = base;
      o.chunk_bytes = chunk;
      o.threads = threads;
      o.format = reference.format == "nginx-json" ? InputFormat::from_spec("nginx-json") : InputFormat{};
      InputSummary s = scan(log, o);
      s.format_reason.clear();
      expect_same(reference, s, "chunk " + std::to_string(chunk) + ", threads " + std::to_string(threads));
    }
  }
}

TEST(Scanner, DetectsJsonLinePresets) {
  const std::pair<const char*, const char*> cases[] = {{"nginx.jsonl", "nginx-json"},
                                                       {"caddy.jsonl", "caddy"},
                                                       {"traefik.jsonl", "traefik-json"},
                                                       {"firefox.har", "har"},
                                                       {"envoy.jsonl", "envoy-json"},
                                                       {"cloudflare.jsonl", "cloudflare"},
                                                       {"gcp-lb.jsonl", "gcp-lb"},
                                                       {"azure-appgw.jsonl", "azure-appgw"},
                                                       {"azure-frontdoor.jsonl", "azure-frontdoor"}};
  for (const auto& [file, format] : cases) {
    Scanner scanner(ScanOptions{});
    const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/" + file);
    EXPECT_EQ(s.format, format) << file << ": " << s.format_note();
    EXPECT_TRUE(s.counts.balanced()) << file;
    EXPECT_EQ(s.error, "") << file;
  }
  // Told apart by their keys, not taken for one another: a Caddy object has "status" and a
  // "request" object, an Azure record a "category" that names the service.
  EXPECT_EQ(detect_format("{\"category\":\"FrontDoorAccessLog\",\"properties\":{\"httpStatusCode\":\"200\"}}\n")
                .format.name(),
            "azure-frontdoor");
  // An unknown shape is read by its keys' names (layout_inference) when they say status.
  EXPECT_EQ(detect_format("{\"category\":\"SomethingElse\",\"properties\":{\"httpStatus\":200}}\n").format.pin(),
            "--log-format json --json-field status=properties.httpStatus");
  EXPECT_EQ(detect_format("{\"status\":200,\"request\":{\"method\":\"GET\"}}\n").format.name(), "caddy");
  const InputSummary unknown = scan("{\"code\": 200}\n", {});
  EXPECT_NE(unknown.error.find("--json-field status=PATH"), std::string::npos) << unknown.error;
  ScanOptions with_map;
  with_map.json_overrides = {JsonLineFormat::parse_mapping("status=code")};
  EXPECT_EQ(scan("{\"code\": 200}\n", with_map).counts.by_code[200], 1u);
}

// Apache mixes plain common lines into combined logs and vhost lines into plain ones: a line
// the input's format rejects (or reads with "ident user" as the user) is read by a sibling,
// and the lines each format read are counted.
TEST(Scanner, SiblingFormatsReadMixedApacheLines) {
  Scanner scanner(ScanOptions{});
  const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/mixed-apache.log");
  EXPECT_EQ(s.format, "combined");
  EXPECT_EQ(s.counts.malformed, 0u);
  EXPECT_EQ(s.counts.records, 15u);
  const std::vector<std::pair<std::string, std::uint64_t>> expected = {
      {"combined", 12}, {"common", 2}, {"vcombined", 1}};
  EXPECT_EQ(s.lines_by_format, expected);
  // One format alone reads every line: nothing to list.
  const InputSummary plain = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/vcommon.log");
  EXPECT_TRUE(plain.lines_by_format.empty());
}

}  // namespace
}  // namespace statuslint
