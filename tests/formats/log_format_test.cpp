#include "statuslint/formats/log_format.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <memory>
#include <string>

#include <sstream>

#include "statuslint/registry/status_registry.hpp"
#include "support/record_equality.hpp"
#include "support/test_data.hpp"

namespace statuslint {
namespace {

using Fit = LogFormat::Fit;

struct Parsed {
  Fit fit;
  Record r;
  std::string error;
};

Parsed parse(const LogFormat& f, std::string_view line) {
  Parsed p;
  ParseError err;
  p.fit = f.parse(line, p.r, err);
  if (p.fit == Fit::Malformed) p.error = f.describe(err);
  return p;
}

Parsed parse(std::string_view preset, std::string_view line) { return parse(*LogFormat::preset(preset), line); }

TEST(LogFormat, EveryPresetIsCompiledOnceAndShared) {
  // Detection asks for every preset on every input; 100,000 small files must not compile them
  // 100,000 times. The shared copy is the one each name always returns, and it keeps its marks.
  for (const LogFormat::PresetInfo& info : LogFormat::presets()) {
    const auto first = LogFormat::preset(info.name);
    ASSERT_NE(first, nullptr) << info.name;
    std::string upper(info.name);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(LogFormat::preset(upper).get(), first.get()) << info.name;
  }
  EXPECT_NE(LogFormat::preset("combined").get(), LogFormat::preset("common").get());
  EXPECT_EQ(LogFormat::preset("no-such-preset"), nullptr);
}

TEST(LogFormat, CombinedExtractsEveryField) {
  auto p = parse(
      "combined",
      R"(203.0.113.7 - frank [10/Oct/2023:13:55:36 -0700] "GET /a?b=c HTTP/1.1" 200 2326 "https://ex.com/" "Mozilla/5.0 X11")");
  ASSERT_EQ(p.fit, Fit::Whole) << p.error;
  EXPECT_EQ(p.r.client, "203.0.113.7");
  EXPECT_EQ(p.r.user, "frank");
  EXPECT_EQ(p.r.time, "10/Oct/2023:13:55:36 -0700");
  EXPECT_EQ(p.r.time_syntax, TimeSyntax::Clf);
  EXPECT_EQ(p.r.method, "GET");
  EXPECT_EQ(p.r.path, "/a?b=c");
  EXPECT_EQ(p.r.protocol, "HTTP/1.1");
  EXPECT_EQ(p.r.status, 200);
  EXPECT_EQ(p.r.status_info->name, "OK");
  EXPECT_EQ(p.r.bytes, 2326);
  EXPECT_EQ(p.r.referrer, "https://ex.com/");
  EXPECT_EQ(p.r.user_agent, "Mozilla/5.0 X11");
}

TEST(LogFormat, Ipv6Client) {
  auto p = parse("combined", R"(2001:db8::1 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/2.0" 204 - "-" "-")");
  ASSERT_EQ(p.fit, Fit::Whole) << p.error;
  EXPECT_EQ(p.r.client, "2001:db8::1");
  EXPECT_EQ(p.r.bytes, 0) << "'-' bytes means none were sent";
}

TEST(LogFormat, ApacheEscapedQuotesInUserAgent) {
  auto p = parse("combined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 1 "-" "Mozilla \"quoted\" agent")");
  ASSERT_EQ(p.fit, Fit::Whole) << p.error;
  EXPECT_EQ(p.r.user_agent, R"(Mozilla \"quoted\" agent)");
}

TEST(LogFormat, NginxHexEscapedQuotes) {
  auto p = parse("combined", R"(1.2.3.4 - - [t] "GET /\x22x HTTP/1.1" 200 1 "-" "Mozilla \x22quoted\x22")");
  ASSERT_EQ(p.fit, Fit::Whole) << p.error;
  EXPECT_EQ(p.r.user_agent, R"(Mozilla \x22quoted\x22)");
  EXPECT_EQ(p.r.path, R"(/\x22x)");
}

TEST(LogFormat, UnescapedQuoteInsideLastField) {
  auto p = parse("combined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 1 "-" "agent "with"quotes")");
  ASSERT_EQ(p.fit, Fit::Whole) << p.error;
  EXPECT_EQ(p.r.user_agent, R"(agent "with"quotes)");
  // A bare quote followed by a space is where an appended quoted field would start
  // ("$http_x_forwarded_for" after combined is common); servers escape quotes in fields.
  auto appended = parse("combined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 1 "-" "curl/8" "203.0.113.9")");
  EXPECT_EQ(appended.fit, Fit::ExtraFields);
  EXPECT_EQ(appended.r.user_agent, "curl/8");
}

TEST(LogFormat, OddRequestLines) {
  auto dash = parse("combined", R"(1.2.3.4 - - [t] "-" 400 0 "-" "-")");
  ASSERT_EQ(dash.fit, Fit::Whole);
  EXPECT_EQ(dash.r.request, "-");
  EXPECT_EQ(dash.r.method, "");
  EXPECT_EQ(dash.r.status, 400);

  auto empty = parse("combined", R"(1.2.3.4 - - [t] "" 400 0 "-" "-")");
  ASSERT_EQ(empty.fit, Fit::Whole) << empty.error;
  EXPECT_EQ(empty.r.request, "");

  auto http09 = parse("combined", R"(1.2.3.4 - - [t] "GET /" 200 10 "-" "-")");
  ASSERT_EQ(http09.fit, Fit::Whole);
  EXPECT_EQ(http09.r.method, "GET");
  EXPECT_EQ(http09.r.path, "/");
  EXPECT_EQ(http09.r.protocol, "");

  auto tls = parse("combined", R"(1.2.3.4 - - [t] "\x16\x03\x01\x02\x00\x01\x00\x01\xFC\x03\x03" 400 157 "-" "-")");
  ASSERT_EQ(tls.fit, Fit::Whole);
  EXPECT_EQ(tls.r.status, 400);
  EXPECT_EQ(tls.r.protocol, "");

  auto spaces = parse("combined", R"(1.2.3.4 - - [t] "GET /a b c HTTP/1.1" 200 1 "-" "-")");
  EXPECT_EQ(spaces.r.path, "/a b c");
  EXPECT_EQ(spaces.r.protocol, "HTTP/1.1");
}

// The request line split checks " HTTP/x.y" at the end in place and finds the method's space
// in one word: a differential test against the plain search it shadows, over lines built
// from every mix of the parts that trip such shortcuts (spaces near either end, short words,
// near-miss protocols).
TEST(Record, RequestLineSplitMatchesTheSearchingSplit) {
  struct Split {
    std::string_view method, path, protocol;
  };
  const auto searching = [](std::string_view req) {
    Split s;
    if (req.empty() || req == "-") return s;
    const size_t sp = req.find(' ');
    if (sp == std::string_view::npos) {
      s.method = req;
      return s;
    }
    s.method = req.substr(0, sp);
    std::string_view rest = req.substr(sp + 1);
    const size_t last = rest.rfind(' ');
    if (last != std::string_view::npos && rest.substr(last + 1).starts_with("HTTP/")) {
      s.protocol = rest.substr(last + 1);
      rest = rest.substr(0, last);
    }
    s.path = rest;
    return s;
  };
  const std::vector<std::string> methods = {"", "G", "GET", "OPTIONS", "PROPFIND", "M-SEARCH-LONGER", " ", "GET "};
  const std::vector<std::string> paths = {"", "/", " ", "/a b", "/x ", "/very/long/path?q=1"};
  const std::vector<std::string> protocols = {"",        "HTTP/1.1", "HTTP/2",    "HTTP/1.1 ", "HTTP/ 1 ", "HTTP/1 1",
                                              "HTTPS/1", "http/1.1", "HTTP/1.10", " HTTP/1.1", "HTTP/1.",  "HTTP/"};
  size_t checked = 0;
  for (const auto& m : methods) {
    for (const auto& p : paths) {
      for (const auto& v : protocols) {
        for (const std::string& line : {m + " " + p + " " + v, m + " " + p + v, m + p, m + " " + v}) {
          statuslint::Record r;
          r.set_request_line(line);
          const Split want = searching(line);
          EXPECT_EQ(r.method, want.method) << "'" << line << "'";
          EXPECT_EQ(r.path, want.path) << "'" << line << "'";
          EXPECT_EQ(r.protocol, want.protocol) << "'" << line << "'";
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, methods.size() * paths.size() * protocols.size() * 4);
}

TEST(LogFormat, ReusedRecordDoesNotLeakFieldsBetweenLines) {
  const auto fmt = LogFormat::preset("combined");
  Record r;
  ParseError err;
  ASSERT_NE(fmt->parse(R"(1.2.3.4 - - [t] "GET /a HTTP/1.1" 200 1 "-" "-")", r, err), Fit::Malformed);
  ASSERT_NE(fmt->parse(R"(1.2.3.4 - - [t] "-" 400 0 "-" "-")", r, err), Fit::Malformed);
  EXPECT_EQ(r.method, "");
  EXPECT_EQ(r.path, "");
}

// The scanner reuses one record for the lines of a format (a fresh one per line costs 15%
// of a plain scan), which is only sound if a successful parse writes every field the
// format maps. Checked for every preset over every line of every text sample, each parsed
// after every other line.
TEST(LogFormat, ReusedRecordEqualsAFreshOneForEveryPresetAndSampleLine) {
  std::vector<std::string> lines;
  for (const char* name :
       {"combined.log", "common.log", "vcombined.log", "traefik.log", "alb.log", "iis.log", "nginx-custom.log"}) {
    std::istringstream in(test::read_file(std::string(STATUSLINT_SOURCE_DIR) + "/samples/" + name));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  size_t compared = 0;
  for (const LogFormat::PresetInfo& info : LogFormat::presets()) {
    const auto fmt = LogFormat::preset(info.name);
    for (size_t i = 0; i < lines.size(); ++i) {
      Record fresh;
      ParseError err;
      if (fmt->parse(lines[i], fresh, err) == Fit::Malformed) continue;
      Record reused;
      fmt->parse(lines[(i * 7 + 3) % lines.size()], reused, err);  // another line first, fitting or not
      ASSERT_NE(fmt->parse(lines[i], reused, err), Fit::Malformed);
      SCOPED_TRACE(std::string(info.name) + ": " + lines[i]);
      test::expect_same_record(fresh, reused);
      ++compared;
    }
  }
  EXPECT_GT(compared, 400u);
}

// A line cut inside a quoted field after the status (a log cut mid-write) keeps its status:
// GoAccess and awk count it, so do we, flagged truncated. Cut before the status, it is
// malformed.
TEST(LogFormat, LineCutAfterTheStatusIsATruncatedRecord) {
  const auto cut =
      parse("combined", R"(1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 512 "-" "Mozilla/5.0 (Win)");
  ASSERT_EQ(cut.fit, Fit::Truncated) << cut.error;
  EXPECT_EQ(cut.r.status, 200);
  EXPECT_EQ(cut.r.user_agent, "Mozilla/5.0 (Win");
  const auto in_referrer =
      parse("combined", R"(1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 404 512 "https://ex)");
  ASSERT_EQ(in_referrer.fit, Fit::Truncated);
  EXPECT_EQ(in_referrer.r.referrer, "https://ex");
  EXPECT_EQ(in_referrer.r.user_agent, "");
  EXPECT_EQ(parse("combined", R"(1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTT)").fit, Fit::Malformed)
      << "cut before the status";
}

TEST(LogFormat, UpstreamStatusIsItsOwnField) {
  const auto ingress =
      parse("ingress-nginx",
            R"(10.244.0.1 - - [21/Nov/2026:10:00:03 +0000] "POST /api/orders HTTP/2.0" 200 88 "-" "py" )"
            R"(301 0.120 [default-api-8080] [] 10.244.1.9:8080, 10.244.1.10:8080 0, 88 0.060, 0.060 502, 200 3c4d)");
  ASSERT_NE(ingress.fit, Fit::Malformed) << ingress.error;
  EXPECT_EQ(ingress.r.status, 200);
  EXPECT_EQ(ingress.r.upstream_status, "502, 200");
  const auto elb = parse(
      "awselb", R"(2026-11-21T10:00:05.4Z lb 203.0.113.5:51001 10.0.0.1:80 0.000049 0.001212 0.000039 502 500 120 0 )"
                R"("POST https://www.example.com:443/orders HTTP/1.1" "py" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2)");
  ASSERT_NE(elb.fit, Fit::Malformed) << elb.error;
  EXPECT_EQ(elb.r.status, 502);
  EXPECT_EQ(elb.r.upstream_status, "500");
}

// Envoy writes "-" (or 0) when it sent no response: no response, not an invalid status.
TEST(LogFormat, EnvoyDashStatusIsNoResponse) {
  const auto none =
      parse("envoy", R"([2026-11-21T10:00:05.9Z] "GET /u HTTP/1.1" - UC 0 0 2 - "1.2.3.4" "c" "i" "e" "u")");
  ASSERT_NE(none.fit, Fit::Malformed) << none.error;
  EXPECT_TRUE(none.r.no_response);
  const auto ok =
      parse("envoy", R"([2026-11-21T10:00:05.9Z] "GET /u HTTP/1.1" 200 - 0 0 2 - "1.2.3.4" "c" "i" "e" "u")");
  EXPECT_FALSE(ok.r.no_response);
}

// Squid pads its elapsed-time column, and writes TCP_MISS/200: the status after the slash;
// 000 means Squid got no reply.
TEST(LogFormat, SquidPaddedFieldsAndResultCode) {
  const auto hit = parse(
      "squid", "1763719200.123    145 10.0.0.11 TCP_MISS/200 10240 GET http://e.com/ - HIER_DIRECT/1.2.3.4 text/html");
  ASSERT_NE(hit.fit, Fit::Malformed) << hit.error;
  EXPECT_EQ(hit.r.status, 200);
  EXPECT_EQ(hit.r.request_time, "145");
  EXPECT_EQ(hit.r.client, "10.0.0.11");
  EXPECT_EQ(hit.r.bytes, 10240);
  const auto aborted = parse(
      "squid", "1763719204.880  60012 10.0.0.14 TCP_MISS_ABORTED/000 0 GET http://s.org/ - HIER_DIRECT/1.2.3.4 -");
  ASSERT_NE(aborted.fit, Fit::Malformed) << aborted.error;
  EXPECT_TRUE(aborted.r.no_response);
}

TEST(LogFormat, OddStatuses) {
  auto dash = parse("combined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" - 0 "-" "-")");
  ASSERT_EQ(dash.fit, Fit::Whole);
  EXPECT_EQ(dash.r.status, -1);
  EXPECT_EQ(dash.r.status_info, &StatusRegistry::missing_status());

  auto zeros = parse("combined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 000 0 "-" "-")");
  EXPECT_EQ(zeros.r.status, 0);
  EXPECT_EQ(zeros.r.status_info->kind, StatusKind::Invalid);

  auto letters = parse("combined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 2OO 0 "-" "-")");
  EXPECT_EQ(letters.fit, Fit::Whole);
  EXPECT_EQ(letters.r.status_info, &StatusRegistry::non_numeric_status());

  auto huge = parse("combined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 99999999999999999999 -5 "-" "-")");
  EXPECT_EQ(huge.fit, Fit::Whole);
  EXPECT_EQ(huge.r.status_info->kind, StatusKind::Invalid);
  EXPECT_EQ(huge.r.bytes, -1) << "negative bytes are unknown, not a crash";
}

TEST(LogFormat, MegabyteLine) {
  const std::string ua(1 << 20, 'A');
  const std::string line = R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 5 "-" ")" + ua + "\"";
  auto p = parse("combined", line);
  ASSERT_EQ(p.fit, Fit::Whole);
  EXPECT_EQ(p.r.user_agent.size(), ua.size());
}

TEST(LogFormat, MalformedLinesSayWhatWasExpected) {
  auto truncated = parse("combined", R"(1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200)");
  EXPECT_EQ(truncated.fit, Fit::Malformed);
  EXPECT_EQ(truncated.error, "line ends inside status (%>s) (expected ' ' after it)");

  auto bad_literal = parse("combined", R"(1.2.3.4 - - 10/Oct/2023 "GET / HTTP/1.1" 200 1 "-" "-")");
  EXPECT_EQ(bad_literal.fit, Fit::Malformed);
  EXPECT_EQ(bad_literal.error, "expected ' [' after user (%u) at column 12");

  auto vcombined = parse("vcombined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 1 "-" "-")");
  EXPECT_EQ(vcombined.fit, Fit::Malformed);
  EXPECT_NE(vcombined.error.find("host (%v)"), std::string::npos) << vcombined.error;

  EXPECT_EQ(parse("combined", "").fit, Fit::Malformed);
  EXPECT_EQ(parse("combined", std::string_view("\0\0\0", 3)).fit, Fit::Malformed);
}

TEST(LogFormat, AppendedFieldsAreAcceptedButNoted) {
  auto p = parse("combined", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 1 "-" "curl" 0.123 upstream=1)");
  EXPECT_EQ(p.fit, Fit::ExtraFields);
  EXPECT_EQ(p.r.user_agent, "curl");
  EXPECT_EQ(parse("common", R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 200 1 "-" "curl")").fit, Fit::ExtraFields);
}

TEST(LogFormat, CommonVcombinedTraefikAlb) {
  auto common =
      parse("common",
            R"(127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326)");
  ASSERT_EQ(common.fit, Fit::Whole) << common.error;
  EXPECT_EQ(common.r.bytes, 2326);

  auto vc = parse("vcombined", R"(www.example.com:443 1.2.3.4 - - [t] "GET / HTTP/1.1" 301 0 "-" "-")");
  ASSERT_EQ(vc.fit, Fit::Whole) << vc.error;
  EXPECT_EQ(vc.r.host, "www.example.com");
  EXPECT_EQ(vc.r.port, "443");

  auto traefik = parse(
      "traefik",
      R"(10.0.0.1 - - [21/Nov/2026:13:00:00 +0000] "GET /x HTTP/1.1" 502 11 "-" "curl/8" 17 "web@docker" "http://172.18.0.3:80" 35ms)");
  ASSERT_EQ(traefik.fit, Fit::Whole) << traefik.error;
  EXPECT_EQ(traefik.r.request_time, "35");
  EXPECT_EQ(traefik.r.request_time_unit, DurationUnit::Milliseconds);

  auto alb = parse(
      "alb",
      R"(https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_123)");
  ASSERT_NE(alb.fit, Fit::Malformed) << alb.error;
  EXPECT_EQ(alb.r.status, 200);
  EXPECT_EQ(alb.r.time_syntax, TimeSyntax::Iso8601);
  EXPECT_EQ(alb.r.method, "GET");
  EXPECT_EQ(alb.r.host, "www.example.com");
  EXPECT_EQ(alb.r.user_agent, "curl/7.46.0");

  auto alb460 = parse(
      "alb",
      R"(http 2018-07-02T22:23:00.186641Z app/lb/1 1.2.3.4:2817 - -1 -1 -1 460 - 34 0 "GET http://e.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:x "Root=1" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "-" "-" "-" "-" TID_1)");
  ASSERT_NE(alb460.fit, Fit::Malformed) << alb460.error;
  EXPECT_EQ(alb460.r.status_info->kind, StatusKind::Nonstandard);
}

TEST(LogFormat, W3cFieldsAndIisDefaults) {
  auto iis = parse(
      "w3c", "2026-11-21 00:00:10 10.0.0.5 GET /default.aspx - 443 - 203.0.113.9 Mozilla/5.0+(Windows) - 401 2 5 15");
  ASSERT_EQ(iis.fit, Fit::Whole) << iis.error;
  EXPECT_EQ(iis.r.date, "2026-11-21");
  EXPECT_EQ(iis.r.time, "00:00:10");
  EXPECT_EQ(iis.r.status, 401);
  EXPECT_EQ(iis.r.path, "/default.aspx");
  EXPECT_EQ(iis.r.request_time_unit, DurationUnit::Milliseconds);

  auto custom = LogFormat::from_w3c_fields(" date time c-ip cs-method cs-uri-stem sc-status sc-bytes");
  auto p = parse(*custom, "2026-11-21 01:00:00 1.2.3.4 POST /x 503 10");
  ASSERT_EQ(p.fit, Fit::Whole) << p.error;
  EXPECT_EQ(p.r.status, 503);
  EXPECT_EQ(parse(*custom, "2026-11-21 01:00:00 1.2.3.4 POST /x 503 10 extra").fit, Fit::Malformed)
      << "W3C lines have exactly the listed fields";
}

TEST(LogFormat, CustomNginxFormat) {
  auto fmt = LogFormat::from_nginx(
      R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time urt=$upstream_response_time host=$host)");
  auto p =
      parse(*fmt, R"(1.2.3.4 - - [t] "GET / HTTP/1.1" 404 5 "-" "ua" rt=0.120 urt=0.100, 0.020 host=api.example.com)");
  ASSERT_EQ(p.fit, Fit::Whole) << p.error;
  EXPECT_EQ(p.r.status, 404);
  EXPECT_EQ(p.r.request_time, "0.120");
  EXPECT_EQ(p.r.request_time_unit, DurationUnit::Seconds);
  EXPECT_EQ(p.r.host, "api.example.com");

  auto braces = LogFormat::from_nginx("${status}|${request_time}s");
  EXPECT_EQ(parse(*braces, "200|1.5s").r.request_time, "1.5");
}

TEST(LogFormat, CustomApacheFormat) {
  auto fmt = LogFormat::from_apache(R"(%v %h %l %u %t \"%r\" %>s %b %D %T \"%{User-agent}i\")");
  auto p = parse(*fmt, R"(vhost 1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 503 - 1234 0 "agent")");
  ASSERT_EQ(p.fit, Fit::Whole) << p.error;
  EXPECT_EQ(p.r.host, "vhost");
  EXPECT_EQ(p.r.status, 503);
  EXPECT_EQ(p.r.user_agent, "agent");
  EXPECT_EQ(p.r.request_time, "0") << "%T comes after %D; the last duration wins";

  auto percent = LogFormat::from_apache("%>s 100%% %{ms}T");
  auto q = parse(*percent, "200 100% 17");
  ASSERT_EQ(q.fit, Fit::Whole) << q.error;
  EXPECT_EQ(q.r.request_time_unit, DurationUnit::Milliseconds);
}

TEST(LogFormat, FormatErrorsSayWhereAndWhy) {
  EXPECT_THROW(LogFormat::from_nginx("$remote_addr$status"), FormatError);
  EXPECT_THROW(LogFormat::from_nginx("$remote_addr - ${status"), FormatError);
  EXPECT_THROW(LogFormat::from_nginx("$remote_addr $"), FormatError);
  EXPECT_THROW(LogFormat::from_nginx("$remote_addr [$time_local]"), FormatError) << "no status";
  EXPECT_THROW(LogFormat::from_apache("%h %>s %"), FormatError);
  EXPECT_THROW(LogFormat::from_apache("%h %{Referer"), FormatError);
  EXPECT_THROW(LogFormat::from_spec("nonsense"), FormatError);
  try {
    LogFormat::from_nginx("$remote_addr$status");
  } catch (const FormatError& e) {
    EXPECT_STREQ(e.what(),
                 "'$status' follows '$remote_addr' with nothing between them, so the two cannot be told apart "
                 "(at column 13 of the format)");
  }
}

TEST(LogFormat, SpecAcceptsPresetsAndBothSyntaxes) {
  EXPECT_EQ(LogFormat::from_spec("COMBINED")->name(), "combined");
  EXPECT_EQ(LogFormat::from_spec("Traefik")->name(), "traefik");
  EXPECT_EQ(LogFormat::from_spec("$status $request")->name(), "nginx");
  EXPECT_EQ(LogFormat::from_spec("%>s %r")->name(), "apache");
  EXPECT_EQ(LogFormat::from_spec("nginx:$status")->name(), "nginx");
  EXPECT_EQ(LogFormat::from_spec("apache:%s")->name(), "apache");
  for (const auto& p : LogFormat::presets()) EXPECT_NE(LogFormat::preset(p.name), nullptr) << p.name;
}

}  // namespace
}  // namespace statuslint

namespace statuslint {
namespace {

// Regression (fuzz_detect, under ASan): a record reused from line to line kept the last
// line's lazy byte count pending, and a Method step resolved it, reading a chunk buffer that
// had been reused. Each parse now drops what the last line left pending. The use after
// free shows under the ASan build.
TEST(LogFormat, AReusedRecordNeverResolvesTheLastLinesLazyFields) {
  const auto fmt = LogFormat::from_nginx("$body_bytes_sent $request_method $request $status");
  Record r;
  ParseError err;
  {
    const auto first = std::make_unique<std::string>("123 GET GET_/a 200");
    ASSERT_NE(fmt->parse_lazily(*first, r, err), LogFormat::Fit::Malformed);
  }
  const auto fmt2 = LogFormat::from_nginx("$request_method $body_bytes_sent $status");
  const std::string second = "POST 77 201";
  ASSERT_NE(fmt2->parse_lazily(second, r, err), LogFormat::Fit::Malformed);
  r.resolve();
  EXPECT_EQ(r.bytes, 77);
  EXPECT_EQ(r.method, "POST");
}

}  // namespace
}  // namespace statuslint
