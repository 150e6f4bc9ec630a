// Sequence rules on captures built for each case: which fire, on which entries or lines, and
// that nothing else does.
#include <gtest/gtest.h>

#include "statuslint/scan/scanner.hpp"
#include "support/builtin_rules.hpp"
#include "support/test_data.hpp"

namespace statuslint {
namespace {

std::shared_ptr<const RuleEngine> builtin() { return test::builtin_rules(); }

// "rule: message" for every sequence finding example.
std::vector<std::string> sequence_findings(const std::string& bytes, const std::string& name) {
  ScanOptions options;
  options.rules = builtin();
  Scanner scanner(options);
  auto source = open_memory(bytes, name);
  const InputSummary s = scanner.scan(*source, name);
  std::vector<std::string> out;
  for (size_t i = 0; i < s.findings.size(); ++i) {
    if (!builtin()->rules()[i].sequence) continue;
    for (const FindingExample& e : s.findings[i].examples) out.push_back(builtin()->rules()[i].id + ": " + e.message);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Sequences, EveryKindOnACaptureBuiltForIt) {
  const std::string har = test::read_file(std::string(STATUSLINT_SOURCE_DIR) + "/samples/chrome-sequences.har");
  const std::vector<std::string> expected = {
      "sequence/early-retry: requested again 25 s before Retry-After elapsed: https://api.example.com/search "
      "(entries 11, 12)",
      "sequence/https-downgrade: redirect from HTTPS to HTTP: https://legacy.example.net/login -> "
      "http://legacy.example.net/login (entries 6)",
      "sequence/redirect-chain: redirect chain of 2 hops before 200: http://shop.example.com/ -> "
      "https://shop.example.com/ -> https://www.shop.example.com/ -> https://www.shop.example.com/home "
      "(entries 1, 2, 3)",
      "sequence/redirect-loop: redirect loop: https://news.example.org/a -> https://news.example.org/b -> "
      "https://news.example.org/a (entries 4, 5)",
      "sequence/repeated-challenge: 401 answered 3 times for https://api.example.com/me in one page "
      "(entries 8, 9, 10)",
  };
  EXPECT_EQ(sequence_findings(har, "t.har"), expected);
}

// An access log has clients and paths but no Location: challenges are followed per client
// and path; the redirect rules are not evaluated (never passed).
TEST(Sequences, AccessLogChallengesPerClientAndPath) {
  std::string log;
  for (int i = 0; i < 3; ++i) {
    log +=
        "10.0.0.1 - - [21/Nov/2026:10:00:0" + std::to_string(i) + " +0000] \"GET /admin HTTP/1.1\" 401 0 \"-\" \"x\"\n";
    log +=
        "10.0.0.2 - - [21/Nov/2026:10:00:0" + std::to_string(i) + " +0000] \"GET /admin HTTP/1.1\" 200 5 \"-\" \"x\"\n";
  }
  log += "10.0.0.3 - - [21/Nov/2026:10:00:09 +0000] \"GET /admin HTTP/1.1\" 401 0 \"-\" \"x\"\n";
  log += "10.0.0.3 - - [21/Nov/2026:10:00:10 +0000] \"GET /old HTTP/1.1\" 301 0 \"-\" \"x\"\n";
  EXPECT_EQ(sequence_findings(log, "t.log"),
            std::vector<std::string>{"sequence/repeated-challenge: 401 answered 3 times for /admin to one client "
                                     "(lines 1, 3, 5)"});
  ScanOptions options;
  options.rules = builtin();
  Scanner scanner(options);
  auto source = open_memory(log, "t.log");
  const InputSummary s = scanner.scan(*source, "t.log");
  for (size_t i = 0; i < s.findings.size(); ++i) {
    const Rule& rule = builtin()->rules()[i];
    if (rule.id == "sequence/redirect-chain") {
      EXPECT_EQ(s.findings[i].not_evaluated, 1u);
    }
    if (rule.id == "sequence/repeated-challenge") {
      EXPECT_EQ(s.findings[i].not_evaluated, 0u);
    }
  }
}

// One HAR entry of a page, at `second` past 08:00, with an optional Location and Retry-After.
std::string har_entry(const std::string& page, const std::string& url, int status, int second,
                      const std::string& location = "", const std::string& retry_after = "") {
  std::string headers;
  if (!location.empty()) headers += R"({"name": "Location", "value": ")" + location + R"("})";
  if (!retry_after.empty()) {
    headers +=
        std::string(headers.empty() ? "" : ", ") + R"({"name": "Retry-After", "value": ")" + retry_after + R"("})";
  }
  char time[32];
  std::snprintf(time, sizeof time, "2026-11-21T08:%02d:%02d.000Z", second / 60 % 60, second % 60);
  return R"({"pageref": ")" + page + R"(", "startedDateTime": ")" + time +
         R"(", "request": {"method": "GET", "url": ")" + url + R"(", "httpVersion": "http/1.1", "headers": []},)" +
         R"( "response": {"status": )" + std::to_string(status) +
         R"(, "statusText": "", "httpVersion": "http/1.1", "headers": [)" + headers + "]}}";
}

std::string har_of(const std::vector<std::string>& entries) {
  std::string har = R"({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [)";
  for (size_t i = 0; i < entries.size(); ++i) har += (i > 0 ? ",\n" : "\n") + entries[i];
  return har + "]}}\n";
}

// Pending chains and retries are looked up only when a bit of their key's hash is set, and the
// bits are rebuilt from the pending keys once removed keys' bits pile up. A chain and a retry
// left pending at the start must outlive thousands of chains opened and closed after them (and
// so many rebuilds), and be found when their URL comes.
TEST(Sequences, PendingChainsAndRetriesOutliveTheRebuildsOfTheirLookupBits) {
  std::vector<std::string> entries;
  entries.push_back(har_entry("page_1", "https://a.example/start", 302, 0, "https://a.example/next"));
  entries.push_back(har_entry("page_1", "https://a.example/api", 429, 0, "", "3000"));
  for (int i = 0; i < 3000; ++i) {
    const std::string n = std::to_string(i);
    entries.push_back(har_entry("page_2", "https://b.example/" + n, 301, 1, "https://b.example/to/" + n));
    entries.push_back(har_entry("page_2", "https://b.example/to/" + n, 200, 1));
  }
  entries.push_back(har_entry("page_1", "https://a.example/next", 302, 2, "https://a.example/last"));
  entries.push_back(har_entry("page_1", "https://a.example/last", 200, 2));
  entries.push_back(har_entry("page_1", "https://a.example/api", 200, 3));
  const std::vector<std::string> found = sequence_findings(har_of(entries), "t.har");
  const std::vector<std::string> expected = {
      "sequence/early-retry: requested again 2997 s before Retry-After elapsed: https://a.example/api "
      "(entries 1, 6004)",
      "sequence/redirect-chain: redirect chain of 2 hops before 200: https://a.example/start -> "
      "https://a.example/next -> https://a.example/last (entries 0, 6002, 6003)",
  };
  EXPECT_EQ(found, expected);
}

// Lines are numbered across chunks: the same findings for every chunk size and thread count.
TEST(Sequences, TheSameForEveryChunkSizeAndThreadCount) {
  std::string log;
  for (int i = 0; i < 400; ++i) {
    log += "10.0.0." + std::to_string(i % 7) + " - - [21/Nov/2026:10:00:00 +0000] \"GET /p" + std::to_string(i % 5) +
           " HTTP/1.1\" " + (i % 3 == 0 ? "401" : "200") + " 0 \"-\" \"x\"\n";
  }
  ScanOptions reference_options;
  reference_options.rules = builtin();
  const auto findings = [&](size_t chunk, unsigned threads) {
    ScanOptions o = reference_options;
    o.chunk_bytes = chunk;
    o.threads = threads;
    Scanner scanner(o);
    auto source = open_memory(log, "t.log");
    const InputSummary s = scanner.scan(*source, "t.log");
    std::vector<std::string> out;
    for (size_t i = 0; i < s.findings.size(); ++i) {
      for (const FindingExample& e : s.findings[i].examples) out.push_back(e.message + std::to_string(e.line));
      out.push_back(std::to_string(s.findings[i].count));
    }
    return out;
  };
  const auto expected = findings(size_t{1} << 20, 1);
  for (size_t chunk : {size_t{1}, size_t{100}, size_t{4096}}) {
    for (unsigned threads : {1u, 2u, 3u}) EXPECT_EQ(findings(chunk, threads), expected) << chunk << " " << threads;
  }
}

}  // namespace
}  // namespace statuslint
