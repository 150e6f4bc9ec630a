#include "statuslint/formats/envelope.hpp"

#include <gtest/gtest.h>

#include "statuslint/formats/format_detection.hpp"
#include "statuslint/scan/scanner.hpp"
#include "support/test_data.hpp"

namespace statuslint {
namespace {

OpenedLine open(EnvelopeKind kind, const std::string& line, EnvelopeScratch& scratch, bool& ok) {
  const std::string padded = line + std::string(64, ' ');  // as in a chunk
  static thread_local std::string keep;
  keep = padded;
  OpenedLine out;
  ok = Envelope(kind).open(std::string_view(keep.data(), line.size()), scratch, out);
  return out;
}

TEST(Envelope, DockerJsonFileUnescapesTheLineAndKeepsStreamAndTime) {
  EnvelopeScratch scratch;
  bool ok = false;
  const OpenedLine o =
      open(EnvelopeKind::Docker,
           R"({"log":"1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5\n","stream":"stdout","time":"2026-11-21T10:00:00.1Z"})",
           scratch, ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(o.inner, R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 5)");
  EXPECT_EQ(o.source, "stdout");
  EXPECT_EQ(o.time, "2026-11-21T10:00:00.1Z");
  EXPECT_FALSE(open(EnvelopeKind::Docker, R"({"log":{"entries":[]}})", scratch, ok).inner.size() > 0 && ok);
}

TEST(Envelope, CriKeepsTimeAndStreamAndMarksPartialLines) {
  EnvelopeScratch scratch;
  bool ok = false;
  OpenedLine o = open(EnvelopeKind::Cri, "2026-11-21T10:00:00.123456789Z stdout F GET / 200", scratch, ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(o.inner, "GET / 200");
  EXPECT_EQ(o.time, "2026-11-21T10:00:00.123456789Z");
  EXPECT_EQ(o.source, "stdout");
  EXPECT_FALSE(o.partial);
  o = open(EnvelopeKind::Cri, "2026-11-21T10:00:00.123456789Z stderr P start of a long li", scratch, ok);
  ASSERT_TRUE(ok);
  EXPECT_TRUE(o.partial);
  open(EnvelopeKind::Cri, "2026-11-21T10:00:00Z stdin F x", scratch, ok);
  EXPECT_FALSE(ok) << "only stdout and stderr";
}

TEST(Envelope, ComposeAndKubectlPrefixes) {
  EnvelopeScratch scratch;
  bool ok = false;
  OpenedLine o = open(EnvelopeKind::Compose, "web-1    | 1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5", scratch, ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(o.source, "web-1");
  EXPECT_EQ(o.inner, "1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5");
  o = open(EnvelopeKind::Kubectl, "[pod/web-7d9f/nginx] GET / 200", scratch, ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(o.source, "pod/web-7d9f/nginx");
  EXPECT_EQ(o.inner, "GET / 200");
  open(EnvelopeKind::Compose, "1.2.3.4 - - [t] \"GET /a|b HTTP/1.1\" 200 5", scratch, ok);
  EXPECT_FALSE(ok) << "a combined line is not a compose line";
}

TEST(Envelope, SyslogRfc3164AndRfc5424) {
  EnvelopeScratch scratch;
  bool ok = false;
  OpenedLine o = open(EnvelopeKind::Syslog, "<134>Nov  1 10:00:00 lb1 haproxy[14389]: 10.0.1.2:1 [x] GET", scratch, ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(o.inner, "10.0.1.2:1 [x] GET");
  EXPECT_EQ(o.source, "lb1 haproxy[14389]");
  EXPECT_EQ(o.time, "Nov  1 10:00:00");
  EXPECT_EQ(o.time_syntax, TimeSyntax::None);
  o = open(
      EnvelopeKind::Syslog5424,
      R"(<190>1 2026-11-21T10:00:00.123Z web1 nginx - - [meta sequenceId="1" note="a]b"] 1.2.3.4 - - [t] "GET / HTTP/1.1" 200 5)",
      scratch, ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(o.inner, R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 5)");
  EXPECT_EQ(o.source, "web1");
  EXPECT_EQ(o.time_syntax, TimeSyntax::Iso8601);
  // journalctl -o short-iso.
  o = open(EnvelopeKind::Syslog, "2026-11-21T10:00:00+0000 web1 nginx[812]: GET / 200", scratch, ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(o.inner, "GET / 200");
  EXPECT_EQ(o.source, "web1 nginx[812]");
  EXPECT_EQ(o.time_syntax, TimeSyntax::Iso8601);
  open(EnvelopeKind::Syslog, "1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5", scratch, ok);
  EXPECT_FALSE(ok) << "a CLF line is not syslog";
}

TEST(Envelope, DetectedWithTheFormatInside) {
  const std::pair<const char*, const char*> cases[] = {{"docker-nginx.log", "docker/combined"},
                                                       {"docker-caddy.log", "docker/caddy"},
                                                       {"cri-nginx.log", "cri/combined"},
                                                       {"compose-nginx.log", "compose/combined"},
                                                       {"kubectl-prefix.log", "kubectl/combined"},
                                                       {"journal-nginx.log", "syslog/combined"},
                                                       {"syslog5424-nginx.log", "syslog5424/combined"}};
  for (const auto& [file, format] : cases) {
    Scanner scanner(ScanOptions{});
    const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/" + file);
    EXPECT_EQ(s.format, format) << file << ": " << s.format_note();
    EXPECT_TRUE(s.counts.balanced()) << file;
    EXPECT_EQ(s.error, "") << file;
    EXPECT_GE(s.counts.records, 6u) << file;
  }
}

// Regression: a Docker json-file log was taken for a HAR (its objects have a "log" key) and
// failed with exit 2.
TEST(Envelope, DockerJsonFileIsNotAHarAndAHarIsNotDocker) {
  const FormatDetection docker = detect_format(
      R"({"log":"1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5\n","stream":"stdout","time":"2026-11-21T10:00:00Z"})"
      "\n");
  EXPECT_FALSE(docker.format.har);
  EXPECT_EQ(docker.format.name(), "docker/common");
  const FormatDetection har =
      detect_format("{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"entries\": []\n  }\n}\n");
  EXPECT_TRUE(har.format.har);
  EXPECT_TRUE(har.format.envelope.none());
  EXPECT_TRUE(detect_format("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5\n").format.envelope.none());
}

// CRI splits a long line into P parts and a final F part, per stream: they are joined, the
// parts counted as skipped; for every chunk size, since CRI inputs are read in order.
TEST(Envelope, CriPartialLinesAreJoined) {
  const std::string log =
      "2026-11-21T10:00:00Z stdout P 1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] \"GET /lo\n"
      "2026-11-21T10:00:00Z stderr F 2026/11/21 10:00:00 [warn] something else\n"
      "2026-11-21T10:00:00Z stdout P ng-path HTTP/1.1\" 200 5 \"-\" \n"
      "2026-11-21T10:00:00Z stdout F \"curl/8.5.0\"\n";
  for (size_t chunk : {size_t{1}, size_t{64}, size_t{1} << 20}) {
    ScanOptions o;
    o.format = InputFormat::from_spec("combined");
    o.chunk_bytes = chunk;
    o.threads = 2;
    Scanner scanner(o);
    auto src = open_memory(log, "cri");
    const InputSummary s = scanner.scan(*src, "cri");
    EXPECT_EQ(s.format, "cri/combined");
    EXPECT_EQ(s.counts.records, 1u) << chunk;
    EXPECT_EQ(s.counts.blank, 2u) << "the two P parts";
    EXPECT_EQ(s.counts.malformed, 1u) << "the stderr line";
    EXPECT_EQ(s.counts.by_code[200], 1u);
  }
}

TEST(Envelope, RecordsKeepTheEnvelopesSourceAndTimeWhenTheFormatHasNone) {
  // common has a time; a custom format without one takes the envelope's.
  ScanOptions o;
  o.format = InputFormat::from_spec("$remote_addr \"$request\" $status");
  o.format.envelope = Envelope(EnvelopeKind::Cri);
  o.collect.trends = true;
  Scanner scanner(o);
  const std::string log =
      "2026-11-21T10:00:00.5Z stdout F 1.2.3.4 \"GET / HTTP/1.1\" 200\n"
      "2026-11-21T10:01:00.5Z stdout F 1.2.3.4 \"GET /a HTTP/1.1\" 404\n";
  auto src = open_memory(log, "cri");
  const InputSummary s = scanner.scan(*src, "cri");
  EXPECT_EQ(s.counts.records, 2u);
  EXPECT_EQ(s.states.get<TrendsCollector>().undated, 0u) << "dated by the envelope";
  EXPECT_EQ(s.states.get<TrendsCollector>().buckets.size(), 2u);
}

}  // namespace
}  // namespace statuslint
