#include "statuslint/formats/json_line_format.hpp"

#include <gtest/gtest.h>

#include "support/record_equality.hpp"
#include "statuslint/formats/input_format.hpp"
#include "statuslint/formats/status_field.hpp"

namespace statuslint {
namespace {

// Lines parse in place and need kJsonPadding readable bytes after them, as in a chunk.
struct Parsed {
  bool ok = false;
  Record r;
  std::vector<Header> headers;
  std::string reason;
  std::string storage;
};

std::unique_ptr<Parsed> parse(const JsonLineFormat& f, std::string_view line) {
  auto p = std::make_unique<Parsed>();
  p->storage = std::string(line) + std::string(kJsonPadding, '\0');
  std::string_view reason;
  std::uint32_t column = 0;
  p->ok = f.parse(std::string_view(p->storage.data(), line.size()), p->r, p->headers, reason, column) ==
          JsonLineFormat::Parsed::Record;
  p->reason = reason;
  return p;
}

std::unique_ptr<Parsed> parse(std::string_view preset, std::string_view line) {
  return parse(*JsonLineFormat::preset(preset), line);
}

TEST(JsonLineFormat, NginxEscapeJsonWritesStatusAsString) {
  auto p = parse(
      "nginx-json",
      R"({"time_local":"21/Nov/2026:12:00:00 +0000","remote_addr":"203.0.113.5","request":"GET /a?b=1 HTTP/1.1","status":"404","body_bytes_sent":"12","request_time":"0.004","http_user_agent":"curl \"8\"","host":"api.example.com"})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.status, 404);
  EXPECT_EQ(p->r.method, "GET");
  EXPECT_EQ(p->r.path, "/a?b=1");
  EXPECT_EQ(p->r.protocol, "HTTP/1.1");
  EXPECT_EQ(p->r.bytes, 12);
  EXPECT_EQ(p->r.user_agent, "curl \"8\"") << "JSON escapes are decoded";
  EXPECT_EQ(p->r.request_time, "0.004");
  EXPECT_EQ(p->r.time_syntax, TimeSyntax::Clf);
  EXPECT_FALSE(p->r.has_headers);
}

// Regression: parse() reset only the status and headers, so a line without request_uri kept
// the previous line's path: a view into simdjson's string buffer, which the next line
// reuses (heap-use-after-free under ASan, garbage in --top without it).
TEST(JsonLineFormat, FieldsAbsentFromALineAreEmptyNotLeftFromTheLastLine) {
  const auto f = JsonLineFormat::preset("nginx-json");
  const std::string first =
      R"({"status":"404","request_uri":"/a\u0041","http_user_agent":"ua\u0042","time_iso8601":"2026-11-21T10:00:00Z","body_bytes_sent":"12"})";
  const std::string second = R"({"status":"200","pad":")" + std::string(300, 'x') + "\"}";
  std::string storage = first + std::string(kJsonPadding, '\0');
  Record r;
  std::vector<Header> headers;
  std::string_view reason;
  std::uint32_t column = 0;
  ASSERT_EQ(f->parse(std::string_view(storage.data(), first.size()), r, headers, reason, column),
            JsonLineFormat::Parsed::Record);
  EXPECT_EQ(r.path, "/aA");
  std::string storage2 = second + std::string(kJsonPadding, '\0');
  ASSERT_EQ(f->parse(std::string_view(storage2.data(), second.size()), r, headers, reason, column),
            JsonLineFormat::Parsed::Record)
      << reason;
  Record fresh;
  set_status(fresh, "200");
  test::expect_same_record(fresh, r);
}

// Regression (found by fuzz_json_lines comparing reports across chunk sizes): a line with
// invalid UTF-8 is parsed from a sanitized copy, and the column of an error inside it was
// measured from the original line, giving a garbage column that varied with allocation.
TEST(JsonLineFormat, ErrorColumnInASanitizedLineIsInsideTheLine) {
  const std::string line = "{\"time_local\xf0\xf0\":\"21/Nov/2026\",,\"status\":\"200\"}";
  std::string storage = line + std::string(kJsonPadding, '\0');
  Record r;
  std::vector<Header> headers;
  std::string_view reason;
  std::uint32_t column = 0;
  EXPECT_EQ(JsonLineFormat::preset("nginx-json")
                ->parse(std::string_view(storage.data(), line.size()), r, headers, reason, column),
            JsonLineFormat::Parsed::Malformed);
  EXPECT_EQ(reason, "malformed JSON inside the object");
  EXPECT_LE(column, line.size());
}

TEST(JsonLineFormat, StatusAsNumber) {
  auto p = parse("nginx-json", R"({"status":503 , "request":"-"})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.status, 503);
  EXPECT_EQ(p->r.status_text, "503");
}

TEST(JsonLineFormat, CaddyNestedRequestAndResponseHeaders) {
  auto p = parse(
      "caddy",
      R"({"level":"info","ts":1763726400.123,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"198.51.100.1","client_ip":"198.51.100.1","proto":"HTTP/2.0","method":"GET","host":"example.com","uri":"/login","headers":{"User-Agent":["Safari/605"],"Accept":["*/*"]}},"duration":0.0123,"size":42,"status":401,"resp_headers":{"Server":["Caddy"],"Set-Cookie":["a=1","b=2"],"Www-Authenticate":["Basic realm=\"x\""]}})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.status, 401);
  EXPECT_EQ(p->r.method, "GET");
  EXPECT_EQ(p->r.path, "/login");
  EXPECT_EQ(p->r.protocol, "HTTP/2.0");
  EXPECT_EQ(p->r.host, "example.com");
  EXPECT_EQ(p->r.user_agent, "Safari/605") << "first element of the header array";
  EXPECT_EQ(p->r.time_syntax, TimeSyntax::EpochSeconds);
  EXPECT_EQ(p->r.request_time_unit, DurationUnit::Seconds);
  EXPECT_EQ(p->r.bytes, 42);
  EXPECT_TRUE(p->r.has_headers);
  EXPECT_EQ(p->r.headers.size(), 4u) << "repeated values are kept";
  ASSERT_NE(p->r.find_header("WWW-Authenticate"), nullptr) << "lookup is case-insensitive";
  EXPECT_EQ(p->r.find_header("www-authenticate")->value, "Basic realm=\"x\"");
  EXPECT_EQ(p->r.find_header("Location"), nullptr);
  EXPECT_TRUE(p->r.has_request_headers);
  EXPECT_EQ(p->r.request_headers.size(), 2u);
  ASSERT_NE(p->r.find_request_header("accept"), nullptr);
  EXPECT_EQ(p->r.find_header("Accept"), nullptr) << "request headers are not response headers";
  // The response's headers first, then the request's: the same split.
  auto q = parse(
      "caddy",
      R"({"ts":1763726400.123,"resp_headers":{"Server":["Caddy"]},"status":206,"request":{"method":"GET","uri":"/v","headers":{"Range":["bytes=0-9"],"Referer":["https://a/"]}}})");
  ASSERT_TRUE(q->ok) << q->reason;
  EXPECT_EQ(q->r.headers.size(), 1u);
  EXPECT_EQ(q->r.request_headers.size(), 2u);
  EXPECT_NE(q->r.find_request_header("Range"), nullptr);
  EXPECT_EQ(q->r.referrer, "https://a/");
}

TEST(JsonLineFormat, TraefikDurationInNanoseconds) {
  auto p = parse(
      "traefik-json",
      R"({"ClientHost":"192.0.2.1","DownstreamContentSize":10,"DownstreamStatus":499,"Duration":123456789,"OriginStatus":0,"RequestHost":"w.example.com","RequestMethod":"POST","RequestPath":"/x","RequestProtocol":"HTTP/1.1","StartUTC":"2026-11-21T12:00:00.000000000Z","request_User-Agent":"curl/8"})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.status, 499) << "DownstreamStatus is what the client got";
  EXPECT_EQ(p->r.status_info->kind, StatusKind::Nonstandard);
  EXPECT_EQ(p->r.request_time, "123456789");
  EXPECT_EQ(p->r.request_time_unit, DurationUnit::Nanoseconds);
  EXPECT_EQ(p->r.user_agent, "curl/8");
}

TEST(JsonLineFormat, CustomFieldMapWithNestedPaths) {
  const JsonLineFormat::Mapping m[] = {JsonLineFormat::parse_mapping("status=resp.code"),
                                       JsonLineFormat::parse_mapping("path=req.uri"),
                                       JsonLineFormat::parse_mapping("method=req.verb")};
  auto fmt = JsonLineFormat::from_mappings("json", m);
  auto p = parse(*fmt, R"({"req":{"verb":"PUT","uri":"/v"},"resp":{"code":"201","headers":{}},"other":[1,2,{"x":3}]})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.status, 201);
  EXPECT_EQ(p->r.method, "PUT");
  EXPECT_EQ(p->r.path, "/v");
}

// Request context from any JSON-lines field map: the request's version and body size (numbers
// or strings), read where the rules look for them; a size that is no count is unknown.
TEST(JsonLineFormat, FieldMapCarriesTheRequestVersionAndBodySize) {
  const JsonLineFormat::Mapping m[] = {JsonLineFormat::parse_mapping("status=code"),
                                       JsonLineFormat::parse_mapping("request_protocol=req.version"),
                                       JsonLineFormat::parse_mapping("request_bytes=req.size")};
  auto fmt = JsonLineFormat::from_mappings("json", m);
  auto p = parse(*fmt, R"({"code":100,"req":{"version":"HTTP/1.0","size":0}})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.request_protocol, "HTTP/1.0");
  EXPECT_EQ(p->r.request_bytes, 0);
  p = parse(*fmt, R"({"code":413,"req":{"version":"HTTP/2.0","size":"1048576"}})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.request_bytes, 1048576);
  p = parse(*fmt, R"({"code":413,"req":{"size":"-"}})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.request_bytes, -1);
}

TEST(JsonLineFormat, OverridesReplacePresetFields) {
  const JsonLineFormat::Mapping m[] = {JsonLineFormat::parse_mapping("status=upstream_status")};
  auto fmt = JsonLineFormat::with_overrides(*JsonLineFormat::preset("nginx-json"), m);
  auto p = parse(*fmt, R"({"status":"200","upstream_status":"502"})");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.status, 502);
}

TEST(JsonLineFormat, MalformedLinesSayWhy) {
  EXPECT_EQ(parse("nginx-json", "not json")->reason, "not a JSON object (a JSON-lines log has one object per line)");
  EXPECT_EQ(parse("nginx-json", R"({"remote_addr":"1.2.3.4"})")->reason,
            "a JSON object without the status field: not an access record");
  EXPECT_FALSE(parse("nginx-json", R"({"status":"200")")->ok) << "truncated object";
  EXPECT_FALSE(parse("nginx-json", R"({"status":"200"} trailing)")->ok);
  EXPECT_FALSE(parse("nginx-json", R"({"status":"200",})")->ok);
  EXPECT_FALSE(parse("nginx-json", "[1,2]")->ok);
  EXPECT_FALSE(parse("nginx-json", R"({"status":null})")->ok) << "null is no status";
}

TEST(JsonLineFormat, RawNonUtf8BytesDoNotStopTheRecord) {
  auto p =
      parse("nginx-json",
            "{\"status\":\"200\",\"request\":\"GET /caf\xc3\xa9/\xff\xfe HTTP/1.1\",\"http_user_agent\":\"\xe9\"}");
  ASSERT_TRUE(p->ok) << p->reason;
  EXPECT_EQ(p->r.status, 200);
  EXPECT_EQ(p->r.path, "/caf\xc3\xa9/?\?");
  EXPECT_EQ(p->r.user_agent, "?");
}

TEST(JsonLineFormat, KeysAreComparedAsWritten) {
  // Keys are matched without unescaping (log writers never escape their own keys), and a
  // key that merely starts like a mapped one does not match.
  EXPECT_EQ(parse("nginx-json", R"({"st\u0061tus":"200"})")->reason,
            "a JSON object without the status field: not an access record");
  EXPECT_EQ(parse("nginx-json", R"({"statusx":"200","stat":"1"})")->reason,
            "a JSON object without the status field: not an access record");
  auto p = parse("nginx-json", R"({"statusx":"500","status":"201"})");
  ASSERT_TRUE(p->ok);
  EXPECT_EQ(p->r.status, 201);
}

TEST(JsonLineFormat, MappingErrors) {
  // Regression: an unknown target given with --json-field on a detected input threw in the
  // middle of the scan (terminate); it is now refused when the option is read.
  EXPECT_THROW(JsonLineFormat::parse_mapping("bogus=x"), FormatError);
  EXPECT_THROW(JsonLineFormat::parse_mapping("status"), FormatError);
  EXPECT_THROW(JsonLineFormat::parse_mapping("=a"), FormatError);
  const JsonLineFormat::Mapping bad[] = {{"stats", "status"}};
  EXPECT_THROW(JsonLineFormat::from_mappings("json", bad), FormatError);
  const JsonLineFormat::Mapping no_status[] = {{"path", "uri"}};
  EXPECT_THROW(JsonLineFormat::from_mappings("json", no_status), FormatError);
  const JsonLineFormat::Mapping empty_key[] = {{"status", "a..b"}};
  EXPECT_THROW(JsonLineFormat::from_mappings("json", empty_key), FormatError);
  EXPECT_THROW(InputFormat::from_spec("combined", no_status), FormatError) << "--json-field on a text format";
  EXPECT_TRUE(InputFormat::from_spec("caddy").json != nullptr);
  EXPECT_TRUE(InputFormat::from_spec("har").har);
}

}  // namespace
}  // namespace statuslint
