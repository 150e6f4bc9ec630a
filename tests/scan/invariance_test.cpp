// The promises every reader keeps, checked on whole reports: a record sees only its own line,
// and the JSON report (counts, findings with their examples, trends, top offenders, budgets,
// not-evaluated counts, the detected format) is identical for every thread count and chunk
// size.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>

#include "statuslint/collect/budget.hpp"
#include "statuslint/collect/heavy_hitters.hpp"
#include "statuslint/collect/latency.hpp"
#include "statuslint/report/summary_report.hpp"
#include "statuslint/rules/rule_set.hpp"
#include "statuslint/scan/scanner.hpp"
#include "support/builtin_rules.hpp"
#include "support/test_data.hpp"

namespace statuslint {
namespace {

namespace fs = std::filesystem;

using test::builtin_rules;

// Everything on: rules, trends, top offenders, a budget.
ScanOptions everything_on() {
  ScanOptions o;
  o.rules = builtin_rules();
  o.collect.trends = true;
  o.collect.top_counters = 64;
  o.collect.latency = true;
  o.collect.sizes = true;
  o.collect.routes = true;
  // User route rules too: a rule, an ignore, and the masks for the rest.
  auto rules = std::make_shared<RouteRules>();
  rules->add_rule("/api/{version}/items/{id}=>/api/items", "test");
  rules->add_ignore("/healthz", "test");
  o.collect.route_rules = std::move(rules);
  o.collect.max_examples = 5;
  return o;
}

struct Report {
  std::string json;
  ScanSummary summary;
};

Report report(const std::string& bytes, ScanOptions options) {
  Scanner scanner(options);
  auto src = open_memory(bytes, "mem");
  Report r;
  r.summary.rules = options.rules;
  r.summary.show_trends = options.collect.trends;
  r.summary.top = 5;
  InputSummary in = scanner.scan(*src, "mem");
  r.summary.add(std::move(in));
  const std::vector<Budget> budgets = {
      parse_budget(Budget::Kind::MaxRate, "5xx=1", nullptr),
      parse_budget(Budget::Kind::MaxCount, "status/deprecated-305=0", options.rules.get())};
  r.summary.budgets = evaluate_budgets(budgets, r.summary);
  write_summary_json(r.json, r.summary);
  return r;
}

void expect_invariant(const std::string& bytes, const std::string& what, ScanOptions base = everything_on()) {
  const Report reference = report(bytes, base);
  ASSERT_TRUE(reference.summary.inputs[0].counts.balanced()) << what;
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, size_t{65536}, size_t{1} << 20}) {
    for (unsigned threads : {1u, 2u, 3u, 4u}) {
      ScanOptions o = base;
      o.chunk_bytes = chunk;
      o.threads = threads;
      const Report r = report(bytes, o);
      ASSERT_EQ(reference.json, r.json) << what << ": chunk " << chunk << ", threads " << threads;
    }
  }
}

TEST(Invariance, EverySampleGivesOneWholeJsonReportForEveryThreadCountAndChunkSize) {
  size_t samples = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(STATUSLINT_SOURCE_DIR) / "samples")) {
    if (entry.path().extension() == ".format") continue;
    expect_invariant(test::read_file(entry.path().string()), entry.path().filename().string());
    ++samples;
  }
  EXPECT_GE(samples, 14u);
}

// JSON lines in which keys come and go, values use escapes (so they live in simdjson's
// string buffer, not in the line) and padding varies, with some lines malformed or blank.
std::string json_lines_with_fields_that_come_and_go(int lines, unsigned seed) {
  std::mt19937 rng(seed);
  const char* statuses[] = {"200", "404", "503", "301", "429", "999", "-"};
  std::string s;
  for (int i = 0; i < lines; ++i) {
    if (rng() % 25 == 0) {
      s += rng() % 2 ? "\n" : "{\"status\":\"200\", broken\n";
      continue;
    }
    s += "{\"status\":\"";
    s += statuses[rng() % 7];
    s += '"';
    if (rng() % 3 != 0) s += ",\"request_uri\":\"/p\\u0041" + std::to_string(rng() % 300) + "?q=1\"";
    if (rng() % 2 != 0) s += ",\"request_method\":\"" + std::string(rng() % 5 == 0 ? "POST" : "GET") + "\"";
    if (rng() % 3 != 0) s += ",\"http_user_agent\":\"agent\\/" + std::to_string(rng() % 90) + "\"";
    if (rng() % 4 != 0) s += ",\"host\":\"h" + std::to_string(rng() % 5) + ".example\"";
    if (rng() % 4 != 0) {
      s += ",\"time_iso8601\":\"2026-11-21T1" + std::to_string(rng() % 10) + ":0" + std::to_string(rng() % 10) +
           ":00+00:00\"";
    }
    if (rng() % 5 == 0) s += ",\"pad\":\"" + std::string(rng() % 600, 'x') + "\"";
    s += "}\n";
  }
  return s;
}

// A log spanning ten days, one line every five minutes or so, with a gap of two days.
std::string long_span_log() {
  std::string log;
  std::mt19937 rng(4);
  std::int64_t t = 0;
  const char* statuses[] = {"200", "404", "500", "305", "302"};
  for (int i = 0; i < 2500; ++i) {
    t += 60 + static_cast<std::int64_t>(rng() % 540);
    if (i == 1200) t += 2 * 86400;
    const std::int64_t day = t / 86400, h = t % 86400 / 3600, m = t % 3600 / 60, sec = t % 60;
    char line[200];
    std::snprintf(line, sizeof line, "10.0.0.%d - - [%02d/Oct/2026:%02d:%02d:%02d +0000] \"GET /p%d HTTP/1.1\" %s 12\n",
                  static_cast<int>(rng() % 9), static_cast<int>(day + 1), static_cast<int>(h), static_cast<int>(m),
                  static_cast<int>(sec), static_cast<int>(rng() % 5), statuses[rng() % 5]);
    log += line;
  }
  return log;
}

// --bucket auto lets collectors coarsen as they go (bounded memory); the report must be the
// one full-resolution collection gives, for every thread count and chunk size.
TEST(Invariance, AdaptiveTrendBucketsGiveTheFullResolutionReport) {
  const std::string log = long_span_log();
  ScanOptions full = everything_on();
  ScanOptions adaptive = everything_on();
  adaptive.collect.adaptive_buckets = true;
  const Report expected = report(log, full);
  const Report got = report(log, adaptive);
  ASSERT_NE(expected.json.find("\"bucket\": \"day\""), std::string::npos) << expected.json.substr(0, 400);
  EXPECT_EQ(expected.json, got.json);
  EXPECT_LE(got.summary.trends().buckets.size(), 20u);  // days, not minutes
  expect_invariant(log, "ten days of lines", adaptive);
}

// An API log whose owner and repository names no mask knows: the route table collapses them to
// {var} when the report is written, from the merged counts, so the routes (and the top
// offenders' route lists, and latency per route) are the same for every split.
TEST(Invariance, RoutesCollapsedByCardinalityAreTheSameForEverySplit) {
  std::string log;
  for (int i = 0; i < 3000; ++i) {
    std::string path;
    switch (i % 4) {
      case 0:
        path = "/repos/own" + std::to_string(i % 211) + "er/rep" + std::to_string(i % 173) + "o/issues/" +
               std::to_string(i);
        break;
      case 1:
        path = "/users/" + std::to_string(100000 + i) + "/orders/" + std::to_string(i * 7919 % 100000) + "ab12cd";
        break;
      case 2:
        path = i % 8 == 2 ? "/api/v" + std::to_string(i % 3) + "/items/it_" + std::to_string(i)
                          : "/assets/app." + std::to_string(10000000 + i % 50) + "f.js?v=" + std::to_string(i);
        break;
      default:
        path = "/healthz";
        break;
    }
    log += "192.0.2." + std::to_string(i % 200) + " - - [01/Jan/2025:00:00:" + std::to_string(10 + i % 50) +
           " +0000] \"GET " + path + " HTTP/1.1\" " + (i % 13 == 0 ? "503" : "200") + " " + std::to_string(i % 997) +
           " \"-\" \"curl/8\"\n";
  }
  const Report r = report(log, everything_on());
  EXPECT_NE(r.json.find("\"route\": \"/repos/{var}/{var}/issues/{int}\""), std::string::npos);
  EXPECT_NE(r.json.find("\"route\": \"/users/{int}/orders/{hex}\""), std::string::npos);
  EXPECT_NE(r.json.find("\"route\": \"/assets/app.{hash}.js\""), std::string::npos);
  EXPECT_NE(r.json.find("\"route\": \"/api/items\""), std::string::npos);  // a --route rule
  EXPECT_NE(r.json.find("\"ignored\": 750"), std::string::npos);           // --route-ignore /healthz
  EXPECT_EQ(r.json.find("\"route\": \"/healthz\""), std::string::npos);
  expect_invariant(log, "an API log");
}

TEST(Invariance, JsonLinesWhoseFieldsComeAndGo) {
  expect_invariant(json_lines_with_fields_that_come_and_go(3000, 7), "generated JSON lines");
}

// Regression: a JSON line without request_uri showed the previous line's path (a view into
// a reused buffer) in --top and to rules; a line without a time was put in the previous
// line's bucket.
TEST(Invariance, JsonLineWithoutAFieldNeverShowsTheLastLinesValue) {
  std::string log =
      R"({"status":"404","request_uri":"/a\u0041","http_user_agent":"ua\u0042","time_iso8601":"2026-11-21T10:00:00Z"})";
  log += '\n';
  for (int i = 0; i < 20; ++i) log += R"({"status":"200","pad":")" + std::string(200 + 50 * i, 'x') + "\"}\n";
  const Report r = report(log, everything_on());
  const auto ok = static_cast<size_t>(StatusClass::Success);
  EXPECT_EQ(r.summary.inputs[0].counts.records, 21u);
  EXPECT_EQ(r.summary.offenders().paths[ok].total(), 0u);
  EXPECT_EQ(r.summary.offenders().agents[ok].total(), 0u);
  EXPECT_EQ(r.summary.trends().undated, 20u);
}

// Regression: after a #Fields directive, fields the new list lacks kept their old values.
TEST(Invariance, W3cFieldsChangeEmptiesFieldsTheNewListLacks) {
  const std::string log =
      "#Fields: date time c-ip cs-method cs-uri-stem cs(User-Agent) sc-status\n"
      "2026-11-21 10:00:00 10.0.0.1 GET /old Old-Agent/1.0 200\n"
      "#Fields: date time c-ip sc-status\n"
      "2026-11-21 10:00:01 10.0.0.2 404\n"
      "2026-11-21 10:00:02 10.0.0.3 404\n";
  ScanOptions o = everything_on();
  o.format = InputFormat::from_spec("w3c");
  const Report r = report(log, o);
  const InputSummary& in = r.summary.inputs[0];
  const auto client_error = static_cast<size_t>(StatusClass::ClientError);
  EXPECT_EQ(in.counts.by_code[404], 2u);
  EXPECT_EQ(r.summary.offenders().paths[client_error].total(), 0u);
  EXPECT_EQ(r.summary.offenders().agents[client_error].total(), 0u);
}

// HAR timings per phase: -1 and an absent phase are not applicable (never 0), fractions of a
// millisecond are kept, a comment is no phase; the same for every chunk size and -j.
TEST(Latency, HarTimingsPerPhase) {
  const std::string har = R"({"log":{"version":"1.2","entries":[
    {"request":{"method":"GET","url":"https://a.example/"},"response":{"status":200},"time":50.5,
     "timings":{"blocked":-1,"dns":-1,"connect":-1,"send":0.25,"wait":40,"receive":10.25,"comment":"reused"}},
    {"request":{"method":"GET","url":"https://a.example/b"},"response":{"status":200},"time":120,
     "timings":{"blocked":1,"dns":12,"connect":30,"ssl":20,"send":1,"wait":70,"receive":6}},
    {"request":{"method":"GET","url":"https://a.example/c"},"response":{"status":404},"time":9}]}})";
  const Report r = report(har, everything_on());
  const Latency& l = r.summary.states.get<LatencyCollector>();
  ASSERT_TRUE(l.has_phases());
  const auto phase = [&](std::string_view name) -> const PhaseStats& {
    return l.phases[static_cast<size_t>(std::find(kHarPhases.begin(), kHarPhases.end(), name) - kHarPhases.begin())];
  };
  EXPECT_EQ(phase("dns").time.count(), 1u);
  EXPECT_EQ(phase("dns").not_applicable, 1u) << "-1; the entry without timings adds to no phase";
  EXPECT_EQ(phase("ssl").time.count(), 1u);
  EXPECT_EQ(phase("ssl").not_applicable, 1u) << "absent in the first entry";
  EXPECT_EQ(phase("send").time.min(), 250u) << "0.25 ms in microseconds";
  EXPECT_EQ(phase("wait").time.quantile(1.0), 70000u);
  EXPECT_EQ(phase("receive").time.sum(), 16250u);
  EXPECT_NE(
      r.json.find("\"har_phases\": {\n      \"blocked\": {\n        \"count\": 1,\n        \"not_applicable\": 1,"),
      std::string::npos)
      << r.json;
  expect_invariant(har, "HAR timings");
}

// Regression: status 000 (a load balancer's "no status") was counted as "no response" in
// the latency classes while every other table counts it as invalid; only a HAR entry that got
// no answer is no response.
TEST(Latency, Status000IsInvalidNotNoResponse) {
  const std::string log =
      "10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 000 0 \"-\" \"u\" 0.100\n"
      "10.0.0.1 - - [21/Nov/2026:10:00:01 +0000] \"GET /b HTTP/1.1\" 200 5 \"-\" \"u\" 0.200\n";
  ScanOptions o = everything_on();
  o.format = InputFormat::from_spec(
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" "
      "\"$http_user_agent\" $request_time");
  const Report r = report(log, o);
  const Latency& l = r.summary.states.get<LatencyCollector>();
  ASSERT_EQ(l.codes.size(), 2u);
  for (const Latency::Code& c : l.codes) EXPECT_NE(c.code, kNoResponseCode) << "no request went unanswered";
  // The report's latency classes: the count after each key, in the latency section.
  const size_t latency = r.json.find("\"latency\": {\n    \"unit\"");
  ASSERT_NE(latency, std::string::npos) << r.json;
  const auto count_after = [&](std::string_view key) {
    const size_t at = r.json.find("\"count\": ", r.json.find(key, latency));
    return std::stoi(r.json.substr(at + 9));
  };
  EXPECT_EQ(count_after("\"invalid\": {"), 1);
  EXPECT_EQ(count_after("\"no_response\": {"), 0);
  EXPECT_EQ(count_after("\"000\": {"), 1);
}

// --latency and --sizes each collect their own side only: a time is never read for --sizes, a
// byte count never for --latency, and the report shows only the side asked for.
TEST(Latency, TimesAndSizesAreAskedForApart) {
  const std::string log =
      "10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 120 \"-\" \"u\" 0.100\n"
      "10.0.0.1 - - [21/Nov/2026:10:00:01 +0000] \"GET /b HTTP/1.1\" 404 - \"-\" \"u\" -\n"
      "10.0.0.1 - - [21/Nov/2026:10:00:02 +0000] \"GET /c HTTP/1.1\" 500 30 \"-\" \"u\" 0.300\n";
  ScanOptions base;
  base.format = InputFormat::from_spec(
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" "
      "\"$http_user_agent\" $request_time");
  for (const bool times : {false, true}) {
    for (const bool sizes : {false, true}) {
      ScanOptions o = base;
      o.collect.latency = times;
      o.collect.sizes = sizes;
      const Report r = report(log, o);
      const Latency& l = r.summary.states.get<LatencyCollector>();
      const LatencyStats all = l.overall();
      const std::string what = std::string(times ? "times" : "no times") + (sizes ? ", sizes" : ", no sizes");
      EXPECT_EQ(l.collected, times) << what;
      EXPECT_EQ(l.sizes_collected, sizes) << what;
      EXPECT_EQ(all.time.count(), times ? 2u : 0u) << what;
      EXPECT_EQ(all.time_missing, times ? 1u : 0u) << what;
      EXPECT_EQ(all.size.count(), sizes ? 3u : 0u) << what << ": a size of - is 0 bytes (Apache's %b)";
      EXPECT_EQ(all.size.sum(), sizes ? 150u : 0u) << what;
      EXPECT_EQ(all.size_missing, 0u) << what;
      EXPECT_EQ(r.json.find("\"latency\": {\n    \"unit\"") != std::string::npos, times) << what;
      EXPECT_EQ(r.json.find("\"bytes\": {\n    \"total\": 150") != std::string::npos, sizes) << what << r.json;
      EXPECT_EQ(r.json.find("\"bytes\": 150") != std::string::npos, sizes) << what << ": totals.bytes";
    }
  }
}

// Regression: an input that could not be read brought no per-input latency row, so every
// later input's times were shown under the name of the input before it ("/nonexistent  6 ...").
TEST(Latency, AnInputThatCouldNotBeReadKeepsEveryRowUnderItsInput) {
  const std::string timed = "10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 120 \"-\" \"u\" 0.100\n";
  ScanOptions o;
  o.collect.latency = true;
  o.collect.sizes = true;
  o.format = InputFormat::from_spec(
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" "
      "\"$http_user_agent\" $request_time");
  Scanner scanner(o);
  const auto scan = [&](const std::string& bytes, const std::string& name) {
    auto src = open_memory(bytes, name);
    return scanner.scan(*src, name);
  };
  const auto unreadable = [](const std::string& name) {
    InputSummary in;
    in.name = name;
    in.error = "cannot open";
    return in;
  };
  for (const bool first_unreadable : {false, true}) {
    ScanSummary s;
    if (first_unreadable) s.add(unreadable("gone-first"));
    s.add(scan(timed, "one"));
    s.add(unreadable("gone"));
    s.add(scan(timed + timed, "two"));
    const Latency& l = s.states.get<LatencyCollector>();
    ASSERT_EQ(l.inputs.size(), s.inputs.size());
    const size_t base = first_unreadable ? 1 : 0;
    if (first_unreadable) {
      EXPECT_EQ(l.inputs[0].time.count(), 0u);
    }
    EXPECT_EQ(l.inputs[base].time.count(), 1u);
    EXPECT_EQ(l.inputs[base + 1].time.count(), 0u) << "the unreadable input has an empty row";
    EXPECT_EQ(l.inputs[base + 2].time.count(), 2u);
    EXPECT_EQ(l.inputs[base + 2].size.sum(), 240u);
    // A partial's summary without latency rows, appended after one with them.
    ScanSummary untimed;
    untimed.add(unreadable("elsewhere"));
    append_summary(s, std::move(untimed));
    ScanSummary more;
    more.add(scan(timed, "three"));
    append_summary(s, std::move(more));
    ASSERT_EQ(l.inputs.size(), s.inputs.size());
    EXPECT_EQ(l.inputs.back().time.count(), 1u);
    EXPECT_EQ(l.inputs[l.inputs.size() - 2].time.count(), 0u);
  }
}

TEST(Invariance, HarEntryWithoutATimeIsUndated) {
  const std::string har = R"({"log":{"version":"1.2","entries":[
    {"startedDateTime":"2026-11-21T10:00:00Z","request":{"method":"GET","url":"https://a.example/"},"response":{"status":200}},
    {"request":{"method":"GET","url":"https://a.example/b"},"response":{"status":200}}]}})";
  const Report r = report(har, everything_on());
  EXPECT_EQ(r.summary.inputs[0].counts.records, 2u);
  EXPECT_EQ(r.summary.trends().undated, 1u);
}

// Regression: detection sampled the first chunk, so it read "50 of 50 sample lines" with
// 1 MiB chunks and "28 of 28" with 4 KiB chunks.
TEST(Invariance, DetectionReadsTheSameWindowForEveryChunkSize) {
  std::string log;
  for (int i = 0; i < 3000; ++i) {
    log += "10.0.0." + std::to_string(i % 250) + " - - [21/Nov/2026:10:00:00 +0000] \"GET /page/" + std::to_string(i) +
           " HTTP/1.1\" 200 512 \"https://ref.example/\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n";
  }
  ScanOptions big = everything_on(), small = everything_on();
  small.chunk_bytes = 4096;
  const Report a = report(log, big), b = report(log, small);
  EXPECT_EQ(a.summary.inputs[0].format_note(), "detected: combined (50 of 50 sample lines)");
  EXPECT_EQ(a.summary.inputs[0].format_note(), b.summary.inputs[0].format_note());
}

// Regression (found by fuzz_json_lines): a line over --max-line-bytes was malformed only
// when the chunk reader had to skip it; in a chunk larger than the limit it was parsed.
TEST(Invariance, LinesOverTheLimitAreMalformedForEveryChunkSize) {
  std::string log;
  for (int n = 90; n <= 110; ++n) {
    std::string line = "1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] \"GET /";
    line += std::string(static_cast<size_t>(n) - line.size() - 20, 'a');
    line += " HTTP/1.1\" 200 5 \"-\" \"u\"";
    log += line + (n % 2 == 0 ? "\r\n" : "\n");
  }
  ScanOptions o = everything_on();
  o.max_line_bytes = 100;
  const Report r = report(log, o);
  EXPECT_GT(r.summary.inputs[0].counts.malformed, 0u);
  EXPECT_GT(r.summary.inputs[0].counts.records, 0u);
  expect_invariant(log, "lines around --max-line-bytes", o);
  // Regression (found by fuzz_json_lines): a byte order mark was dropped after an oversized
  // first line's length was measured on one path and before it on the other.
  expect_invariant("\xEF\xBB\xBF" + std::string(150, 'x') + "\n" + log, "a BOM, then a line over the limit", o);
}

// An Apache-like log with more distinct user agents and paths than sketch counters: the
// Space-Saving sketches gave different counts for -j1 and -j2; exact counting gives one.
std::string many_valued_log(int lines, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s;
  for (int i = 0; i < lines; ++i) {
    const unsigned agent = static_cast<unsigned>(std::sqrt(static_cast<double>(rng() % 40000)));  // skewed
    s += "10.1." + std::to_string(rng() % 40) + "." + std::to_string(rng() % 250) +
         " - - [21/Nov/2026:10:" + std::to_string(10 + rng() % 50) + ":00 +0000] \"GET /item/" +
         std::to_string(rng() % 700) + " HTTP/1.1\" " + (rng() % 9 == 0 ? "404" : "200") + " 100 \"-\" \"Agent/" +
         std::to_string(agent) + "\"\n";
  }
  return s;
}

TEST(TopOffenders, ExactAndIdenticalForEveryThreadCountWithinTheBudget) {
  const std::string log = many_valued_log(10000, 11);
  const Report r = report(log, everything_on());
  const Offenders top = r.summary.offenders();
  EXPECT_FALSE(top.sketched());
  EXPECT_FALSE(top.approximate());
  const auto ok = static_cast<size_t>(StatusClass::Success);
  EXPECT_GT(top.agents[ok].items().size(), 64u) << "more distinct values than sketch counters";
  for (const CountedKey& k : top.agents[ok].top(5)) EXPECT_EQ(k.error, 0u);
  expect_invariant(log, "many-valued log");
}

// Regression (found by fuzz_detect): with --top, a scan whose only input was refused (no
// format) reported lists that were never made, reading past an empty vector.
TEST(TopOffenders, AScanWithNoInputCountedReportsEmptyLists) {
  const Report r = report("no access log here\nnor here\n", everything_on());
  EXPECT_NE(r.summary.inputs[0].error, "");
  EXPECT_NE(r.json.find("\"1xx\": {\n        \"paths\": [],"), std::string::npos) << r.json;
}

TEST(TopOffenders, PastTheBudgetListsBecomeSketchesMarkedApproximate) {
  ScanOptions o = everything_on();
  o.collect.top_memory = 16 << 10;
  const Report r = report(many_valued_log(10000, 12), o);
  const Offenders top = r.summary.offenders();
  EXPECT_TRUE(top.sketched());
  EXPECT_TRUE(top.approximate());
  EXPECT_NE(r.json.find(R"("approximate": true)"), std::string::npos);
  const auto ok = static_cast<size_t>(StatusClass::Success);
  EXPECT_LE(top.agents[ok].items().size(), 64u);
}

TEST(ExactCounts, CountsEveryKeyAndMergesInAnyOrder) {
  ExactCounts a, b, whole;
  for (int i = 0; i < 5000; ++i) {
    const std::string key = "k" + std::to_string(i % 777);
    (i % 3 == 0 ? a : b).add(key);
    whole.add(key);
  }
  ExactCounts ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  EXPECT_EQ(whole.size(), 777u);
  const auto ranked = whole.ranked();
  ASSERT_EQ(ranked.size(), 777u);
  std::uint64_t sum = 0;
  for (const CountedKey& k : ranked) sum += k.count;
  EXPECT_EQ(sum, 5000u);
  const auto same = [](const std::vector<CountedKey>& x, const std::vector<CountedKey>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (x[i].key != y[i].key || x[i].count != y[i].count) return false;
    }
    return true;
  };
  EXPECT_TRUE(same(ranked, ab.ranked()));
  EXPECT_TRUE(same(ranked, ba.ranked()));
  EXPECT_EQ(whole.ranked(3).size(), 3u);
  EXPECT_TRUE(std::is_sorted(ranked.begin(), ranked.end(), ranks_before));
}

// The memo in front of each exact table is picked by a fingerprint of a few bytes, so keys
// that differ only elsewhere share its entry: they must still be counted apart.
TEST(ExactCounts, TheMemoCountsKeysSharingAFingerprintApart) {
  // 40 bytes: the first 16, the middle 8 (from byte 16) and the last 8 are the same in every
  // key; bytes 24 to 31 differ.
  const auto key = [](unsigned i) {
    std::string digits = std::to_string(10000000 + i);
    return "/blog/2008/01/ab" + std::string("cdefghij") + digits + std::string(".html?v1");
  };
  ASSERT_EQ(key(0).size(), 40u);
  ASSERT_EQ(key_fingerprint(key(1)), key_fingerprint(key(2))) << "the keys must collide for this test";
  // Counted the way top offenders count a record's key: memo, then table, then a new key.
  const auto count = [](ExactCounts& t, const std::string& k) {
    const std::uint64_t fp = key_fingerprint(k);
    if (t.add_remembered(k, fp, 1)) return true;
    const std::uint64_t h = hash_key(k);
    if (!t.add_existing(k, h, 1, fp)) t.add_hashed(k, h, 1, fp);
    return false;
  };
  ExactCounts table;
  std::map<std::string, std::uint64_t> expected;
  std::mt19937 rng(5);
  size_t remembered = 0;
  for (int i = 0; i < 20000; ++i) {
    // Runs of one key (the memo's case) among a few hundred colliding keys and short ones.
    const auto pick = static_cast<unsigned>(rng() % 300);
    const std::string k = pick < 250 ? key(pick) : "10.0." + std::to_string(pick) + ".1";
    for (auto run = static_cast<unsigned>(1 + rng() % 3); run > 0; --run) {
      remembered += count(table, k) ? 1 : 0;
      ++expected[k];
    }
  }
  EXPECT_GT(remembered, 0u) << "the memo was never used";
  const auto ranked = table.ranked();
  ASSERT_EQ(ranked.size(), expected.size());
  for (const CountedKey& k : ranked) EXPECT_EQ(k.count, expected[k.key]) << k.key;
}

// same_bytes compares short runs with overlapping word loads: every length up to past the
// inline limit, equal and differing at each position, agrees with memcmp.
TEST(ExactCounts, SameBytesAgreesWithMemcmpAtEveryLengthAndPosition) {
  // Past 16 bytes the comparison runs 16 at a time, then the last 16: lengths to 3 such runs.
  std::string a;
  for (int i = 0; i < 80; ++i) a += static_cast<char>('0' + i % 64);
  for (size_t n = 0; n <= a.size(); ++n) {
    EXPECT_TRUE(same_bytes(a.data(), std::string(a).data(), n)) << n;
    for (size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = '#';
      EXPECT_EQ(same_bytes(a.data(), b.data(), n), std::memcmp(a.data(), b.data(), n) == 0) << n << " " << at;
      EXPECT_FALSE(same_bytes(a.data(), b.data(), n)) << n << " " << at;
    }
  }
}

// find_byte searches 16 bytes at a time, then words, then bytes: every length through
// several 16-byte steps, with the byte absent, once at each position, and twice, agrees with
// string_view::find.
TEST(ExactCounts, FindByteAgreesWithFindAtEveryLengthAndPosition) {
  std::string text;
  for (int i = 0; i < 80; ++i) text += static_cast<char>('a' + i % 26);
  for (size_t n = 0; n <= text.size(); ++n) {
    const std::string_view none(text.data(), n);
    EXPECT_EQ(find_byte(none, '?'), n) << n;
    for (size_t at = 0; at < n; ++at) {
      std::string s = text.substr(0, n);
      s[at] = '?';
      EXPECT_EQ(find_byte(s, '?'), s.find('?')) << n << " " << at;
      for (size_t second = at + 1; second < n; second += 5) {
        std::string t = s;
        t[second] = '?';
        EXPECT_EQ(find_byte(t, '?'), at) << n << " " << at << " " << second;
      }
    }
  }
}

}  // namespace
}  // namespace statuslint
