// Format detection: which format a window of lines is read with, and what it looks past
// (start-up events, container noise) to find the access lines.
#include "statuslint/formats/format_detection.hpp"

#include <gtest/gtest.h>

#include <string>

#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

// A Caddy container log opens with its start-up and TLS events (JSON without a status):
// detection looks past them, and they are counted as other, not malformed.
TEST(FormatDetection, LooksPastLeadingNonAccessJsonEvents) {
  Scanner scanner(ScanOptions{});
  const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/caddy-startup.jsonl");
  EXPECT_EQ(s.format, "caddy") << s.format_note();
  EXPECT_EQ(s.counts.records, 10u);
  EXPECT_EQ(s.counts.other, 17u);
  EXPECT_EQ(s.counts.malformed, 0u);
  EXPECT_TRUE(s.counts.balanced());
  ASSERT_FALSE(s.other_examples.empty());
  EXPECT_EQ(s.other_examples[0].at.index, 1u);
  // Not taken for a HAR or nginx-json because of what its first line holds.
  EXPECT_EQ(detect_format("{\"level\":\"info\",\"msg\":\"start\"}\n{\"status\":\"200\"}\n").format.name(),
            "nginx-json");
}

// Envoy can write JSON and text access lines into one container stream; its own debug
// lines fit neither and stay malformed.
TEST(FormatDetection, JsonAndTextAccessLinesInOneStream) {
  Scanner scanner(ScanOptions{});
  const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/envoy-mixed.log");
  EXPECT_EQ(s.format, "envoy-json+envoy") << s.format_note();
  EXPECT_EQ(s.counts.records, 7u);
  EXPECT_EQ(s.counts.malformed, 1u);
  EXPECT_TRUE(s.counts.balanced());
}

// A container's stdout may open with many start-up lines before the first access line.
TEST(FormatDetection, LooksPastLeadingNonAccessTextLines) {
  std::string log;
  for (int i = 0; i < 30; ++i) log += "/docker-entrypoint.sh: step " + std::to_string(i) + " done\n";
  for (int i = 0; i < 20; ++i) log += "1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"c\"\n";
  const FormatDetection d = detect_format(log);
  EXPECT_EQ(d.format.name(), "combined") << d.explanation;
  EXPECT_TRUE(
      detect_format("noise one\nnoise two\nnoise three\n1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5\n").format.empty())
      << "one fitting line after noise is not enough";
}

TEST(FormatDetection, PrefersWholeLineFitsAndSpecificPresets) {
  EXPECT_EQ(detect_format("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1\n").format.name(), "common");
  EXPECT_EQ(detect_format("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"\n").format.name(), "combined");
  EXPECT_EQ(detect_format("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" 0.003\n").format.name(), "combined");
  EXPECT_EQ(detect_format("#Version: 1.0\n").format.name(), "w3c");
  // Apache vhost_common: the vhost first. It also fits common (vhost as client, "ident user"
  // as the user), so it must win the tie; a common line must not be taken for it.
  EXPECT_EQ(detect_format("www.example.com 1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1\n").format.name(), "vcommon");
  EXPECT_EQ(detect_format("1.2.3.4 - alice [t] \"GET / HTTP/1.1\" 200 1\n").format.name(), "common");
  // HAProxy and Envoy lines are told from each other and from CLF.
  const std::string envoy =
      "[2026-11-21T10:00:00.310Z] \"POST /a HTTP/2\" 204 - 154 0 226 100 \"10.0.35.28\" \"ua\" \"id\" \"svc\" "
      "\"tcp://10.0.2.1:80\"\n";
  EXPECT_EQ(detect_format(envoy).format.name(), "envoy");
  const std::string haproxy =
      "10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 "
      "\"GET /index.html HTTP/1.1\"\n";
  EXPECT_EQ(detect_format(haproxy).format.name(), "haproxy");
  // An S3 line also fits the Classic ELB plan with every field shifted (its "status" is then
  // "-"): the plan that reads a three-digit status wins.
  const std::string s3 =
      "79a5 bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a5 3E57 REST.GET.VERSIONING - \"GET /b?versioning "
      "HTTP/1.1\" 200 - 113 - 7 - \"-\" \"S3Console/0.4\" - s9lz= SigV4 ECDHE AuthHeader b.s3.amazonaws.com TLSV1.2 - "
      "-\n";
  EXPECT_EQ(detect_format(s3).format.name(), "awss3");
  const FormatDetection none = detect_format("a\nb\n");
  EXPECT_TRUE(none.format.empty());
  EXPECT_EQ(none.sampled, 2u);
  EXPECT_EQ(detect_format("\n\n").sampled, 0u);
}

}  // namespace
}  // namespace statuslint
