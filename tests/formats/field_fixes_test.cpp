// What a field holds, as GoAccess and lnav read the same lines: a client without its port, a
// placeholder that is no value, X-Forwarded-For's first address as the client, S3 lines
// without a request.
#include <gtest/gtest.h>

#include <filesystem>

#include "statuslint/collect/summary.hpp"
#include "statuslint/formats/log_format.hpp"
#include "statuslint/record/record.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

Record read(std::string_view preset, std::string_view line, LogFormat::Fit expected = LogFormat::Fit::Whole) {
  static std::string keep;
  keep = line;
  Record r;
  ParseError err;
  EXPECT_EQ(LogFormat::preset(preset)->parse(keep, r, err), expected) << preset << ": " << line;
  return r;
}

// Regression: ALB and ELB clients kept their port, so ten requests from one client counted as
// ten clients.
TEST(FieldFixes, TheClientsPortIsSplitOffForAlbElbAndHaproxy) {
  const Record alb = read("alb",
                          R"(https 2026-11-21T10:00:00.000000Z app/lb/1 203.0.113.7:51234 10.0.0.1:80 0.001 0.002 0.000 200 200 10 20 "GET https://example.com:443/a HTTP/1.1" "curl/8" ECDHE TLSv1.2 arn:x "Root=1" "example.com")",
                          LogFormat::Fit::Whole);
  EXPECT_EQ(alb.client, "203.0.113.7");
  EXPECT_EQ(alb.client_port, "51234");
  const Record v6 = read("awselb",
                         R"(2026-11-21T10:00:00.000000Z my-elb [2001:db8::7]:443 10.0.0.1:80 0.00002 0.0001 0.00002 200 200 0 57 "GET https://example.com:443/ HTTP/1.1" "curl/8" - -)");
  EXPECT_EQ(v6.client, "2001:db8::7");
  EXPECT_EQ(v6.client_port, "443");
  const Record haproxy = read(
      "haproxy",
      R"(2001:db8::1:5123 [21/Nov/2026:10:00:00.000] http-in web/s1 0/0/1/2/3 200 100 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1")");
  EXPECT_EQ(haproxy.client, "2001:db8::1");
  EXPECT_EQ(haproxy.client_port, "5123");
}

// Regression: "-" was counted as a host, an agent and a referrer (the top user agent of many
// logs was "-"). Records keep what the line says; what counts values reads "-" as none.
TEST(FieldFixes, APlaceholderIsNoValue) {
  std::string log;
  for (int i = 0; i < 5; ++i) log += R"(-:80 - - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "-")" "\n";
  ScanOptions o;
  o.format = InputFormat::from_spec("vcombined");
  o.collect.top_counters = 64;
  Scanner scanner(o);
  auto src = open_memory(log, "mem");
  ScanSummary s;
  s.add(scanner.scan(*src, "mem"));
  const auto ok = static_cast<size_t>(StatusClass::Success);
  EXPECT_EQ(s.total.records, 5u);
  EXPECT_EQ(s.offenders().agents[ok].total(), 0u);
  EXPECT_EQ(s.offenders().hosts[ok].total(), 0u);
  EXPECT_EQ(s.offenders().clients[ok].total(), 0u);
  EXPECT_EQ(s.offenders().paths[ok].total(), 5u);
  EXPECT_EQ(absent_if_dash("-"), "");
  EXPECT_EQ(absent_if_dash("-x"), "-x");
}

TEST(FieldFixes, TheOriginalClientIsXForwardedForsFirstAddress) {
  Record r;
  r.client = "10.0.0.5";
  EXPECT_EQ(original_client(r), "10.0.0.5");
  r.forwarded_for = "2001:db8::1, 2001:db8:cafe::17";
  EXPECT_EQ(original_client(r), "2001:db8::1");
  r.forwarded_for = "unknown, 198.51.100.7";
  EXPECT_EQ(original_client(r), "");
  r.forwarded_for = {};
  r.client = "-";
  EXPECT_EQ(original_client(r), "");
}

// Regression: an IPv6 X-Forwarded-For prefix before a combined line was read as vhost:port
// (host "2a03"); a bare vhost before combined lost the referrer and the agent.
TEST(FieldFixes, AnAddressFirstIsXForwardedForAndAHostNameFirstIsAVhost) {
  const auto detect = [](const std::string& line) {
    std::string log;
    for (int i = 0; i < 10; ++i) log += line + "\n";
    ScanOptions o;
    Scanner scanner(o);
    auto src = open_memory(log, "mem");
    return scanner.scan(*src, "mem").format;
  };
  EXPECT_EQ(detect(R"(2a03:2880:f003:c07:face:b00c::2 10.0.0.5 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/" "Mozilla/5.0")"),
            "xff-combined");
  EXPECT_EQ(detect(R"(www.example.com 203.0.113.7 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/" "Mozilla/5.0")"),
            "vcombined-noport");
  const Record r = read("vcombined-noport",
                        R"(www.example.com 203.0.113.7 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/" "Mozilla/5.0")");
  EXPECT_EQ(r.referrer, "https://a.example/");
  EXPECT_EQ(r.user_agent, "Mozilla/5.0");
}

// Regression: S3 lifecycle lines (request-URI and status "-") were lost as malformed.
TEST(FieldFixes, S3LinesWithoutARequestAreRecordsWithNoResponse) {
  ScanOptions o;
  Scanner scanner(o);
  const InputSummary in =
      scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/awss3-lifecycle.log");
  EXPECT_EQ(in.format, "awss3");
  EXPECT_EQ(in.counts.lines, 20u);
  EXPECT_EQ(in.counts.records, 20u);
  EXPECT_EQ(in.counts.no_response, 4u);
  EXPECT_EQ(in.counts.missing_status, 0u);
}

}  // namespace
}  // namespace statuslint
