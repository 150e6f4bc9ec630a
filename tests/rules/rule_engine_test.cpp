#include "statuslint/rules/rule_engine.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "support/builtin_rules.hpp"
#include "statuslint/formats/status_field.hpp"
#include "statuslint/input/input_source.hpp"
#include "statuslint/rules/project_config.hpp"
#include "statuslint/rules/rule_set.hpp"
#include "statuslint/scan/scanner.hpp"
#include "support/test_data.hpp"

namespace statuslint {
namespace {

namespace fs = std::filesystem;

const fs::path kBuiltinDir = fs::path(STATUSLINT_SOURCE_DIR) / "rules" / "builtin";

std::vector<RuleError> load(std::string_view text, RuleSet& set) {
  std::vector<RuleError> errors;
  set.add_text(text, "t.toml", errors);
  if (errors.empty()) {
    RuleEngine engine(set, {}, errors);
    if (errors.empty()) engine.check_examples(errors);
  }
  return errors;
}

// An engine over one rule file's text, its examples checked; the set must outlive it.
std::unique_ptr<RuleEngine> engine_over(std::string_view text, RuleSet& set, std::vector<RuleError>& errors) {
  set.add_text(text, "t.toml", errors);
  auto engine = std::make_unique<RuleEngine>(set, RuleSelection{}, errors);
  engine->check_examples(errors);
  return engine;
}

std::string joined(const std::vector<RuleError>& errors) {
  std::string s;
  for (const RuleError& e : errors) s += e.to_string() + "\n";
  return s;
}

// One well-formed rule, to vary in the error tests.
std::string rule(std::string_view match = "status = 305", std::string_view extra = "",
                 std::string_view fires = "status = 305", std::string_view silent = "status = 200") {
  return "[[rule]]\nid = \"t/r\"\nseverity = \"warning\"\nsummary = \"s\"\nexplanation = \"e\"\nreference = \"r\"\n" +
         std::string(extra) + "[rule.match]\n" + std::string(match) + "\n[[rule.fires]]\n" + std::string(fires) +
         "\n[[rule.silent]]\n" + std::string(silent) + "\n";
}

// A headerless source (an access log) dispatches only the rules it can evaluate, skips those
// naming other methods with one AND per status, and derives the rest's not-evaluated counts
// from per-status totals. That shortcut must give every rule the tallies the full dispatch
// gives, for every status and method, whatever the rule pack (all rules on, lazy and split
// request lines alike).
TEST(RuleEngine, HeaderlessDispatchTalliesEqualTheFullDispatch) {
  RuleSet set;
  std::vector<RuleError> errors;
  set.add_builtin(errors);
  const RuleEngine engine(set, RuleSelection{{"*"}, {}, {}}, errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  RuleEngine::Evaluator full(engine), headerless(engine, true);
  RuleTallies want(engine.rules().size()), got(engine.rules().size());
  std::array<std::uint64_t, kStatusSlots> per_slot{};
  const std::vector<std::string> methods = {"GET",     "HEAD",  "POST",  "PUT",  "DELETE",   "CONNECT",
                                            "OPTIONS", "TRACE", "PATCH", "BREW", "PROPFIND", "-"};
  size_t records = 0;
  for (int status = 0; status < 1000; status += status < 600 ? 1 : 97) {
    for (const std::string& method : methods) {
      for (const bool lazy : {false, true}) {
        Record r;
        const std::string line = method + " /p?q=1 HTTP/1.0";
        const std::string status_text = std::to_string(status);  // the record holds views
        if (lazy) {
          r.set_request_line_lazily(line);
        } else {
          r.set_request_line(line);
        }
        r.status = status;
        r.status_text = status_text;
        r.status_info = &StatusRegistry::lookup(status);
        r.bytes = status % 3 == 0 ? 0 : 512;
        full.evaluate(r, want, 1);
        headerless.evaluate(r, got, 1);
        ++per_slot[static_cast<size_t>(status_slot(r))];
        ++records;
      }
    }
  }
  engine.count_not_evaluated(per_slot, got);
  size_t fired = 0, not_evaluated = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    // Sequence rules see whole captures, never single records; on an access log they are
    // counted not evaluated per status, by design (Sequences evaluates them on HAR).
    if (engine.rules()[i].sequence) continue;
    EXPECT_EQ(got[i].count, want[i].count) << engine.rules()[i].id;
    EXPECT_EQ(got[i].not_evaluated, want[i].not_evaluated) << engine.rules()[i].id;
    fired += want[i].count;
    not_evaluated += want[i].not_evaluated;
  }
  EXPECT_GT(records, 10000u);
  EXPECT_GT(fired, 1000u);           // the comparison covers rules that fire ...
  EXPECT_GT(not_evaluated, 10000u);  // ... and rules that cannot be evaluated without headers
}

TEST(RulePack, EveryFileUnderRulesBuiltinLoadsAndItsExamplesHold) {
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kBuiltinDir)) {  // discovered, not listed
    if (entry.path().extension() != ".toml") continue;
    ++files;
    RuleSet set;
    std::vector<RuleError> errors;
    set.add_path(entry.path(), errors);
    ASSERT_TRUE(errors.empty()) << joined(errors);
    EXPECT_FALSE(set.rules().empty()) << entry.path();
    RuleEngine engine(set, {}, errors);
    engine.check_examples(errors);
    EXPECT_TRUE(errors.empty()) << joined(errors);
    for (const Rule& r : set.rules()) {
      // Sequence rules are held to captures instead (tests/sequences_test.cpp).
      EXPECT_EQ(r.fires.empty(), r.sequence.has_value()) << r.id;
      EXPECT_EQ(r.silent.empty(), r.sequence.has_value()) << r.id;
      EXPECT_NE(r.reference.find_first_not_of(' '), std::string::npos) << r.id;
    }
  }
  EXPECT_GE(files, 3u);
}

// rules/README.md lists every built-in rule, so that the documentation cannot fall behind
// the pack.
TEST(RulePack, TheReadmeListsEveryBuiltinRule) {
  const std::string readme = test::read_file(std::string(STATUSLINT_SOURCE_DIR) + "/rules/README.md");
  const auto engine = test::builtin_rules();
  for (const Rule& r : engine->rules()) EXPECT_NE(readme.find("| `" + r.id + "` |"), std::string::npos) << r.id;
}

TEST(RulePack, TheEmbeddedPackIsTheFolder) {
  std::vector<std::string> on_disk, embedded;
  for (const auto& entry : fs::directory_iterator(kBuiltinDir)) {
    if (entry.path().extension() == ".toml") on_disk.push_back(entry.path().filename().string());
  }
  for (const auto& f : RuleSet::embedded_files()) {
    embedded.emplace_back(f.name);
    EXPECT_EQ(test::read_file((kBuiltinDir / f.name).string()), f.text) << f.name << " is stale: rebuild";
  }
  std::sort(on_disk.begin(), on_disk.end());
  EXPECT_EQ(on_disk, embedded);
  RuleSet set;
  std::vector<RuleError> errors;
  set.add_builtin(errors);
  EXPECT_TRUE(errors.empty()) << joined(errors);
  for (const char* id : {"status/deprecated-305",
                         "status/unused-306",
                         "status/teapot-418",
                         "status/nonstandard-nginx",
                         "status/nonstandard-cloudflare",
                         "status/nonstandard-aws-alb",
                         "status/nonstandard-proxy-timeout",
                         "status/nonstandard-other",
                         "status/unassigned",
                         "status/invalid",
                         "header/401-www-authenticate",
                         "header/407-proxy-authenticate",
                         "header/405-allow",
                         "header/redirect-location",
                         "header/201-location",
                         "header/206-content-range",
                         "header/416-content-range",
                         "header/426-upgrade",
                         "protocol/101-on-http2",
                         "body/no-content-status-with-body",
                         "header/retry-after",
                         "status/interim-as-final",
                         "status-text/unknown-reason"}) {
    EXPECT_NE(set.find(id), nullptr) << id;
  }
}

TEST(RuleLoader, EveryVendorCodeIsCoveredByANonstandardRule) {
  RuleSet set;
  std::vector<RuleError> errors;
  set.add_builtin(errors);
  RuleEngine engine(set, {}, errors);
  RuleEngine::Evaluator ev(engine);
  for (const StatusInfo* info : StatusRegistry::known()) {
    if (info->kind != StatusKind::Nonstandard) continue;
    Record r;
    char text[4];
    std::snprintf(text, sizeof text, "%03d", info->code);
    set_status(r, text);
    RuleTallies tallies(engine.rules().size());
    ev.evaluate(r, tallies, 1);
    size_t fired = 0;
    for (size_t i = 0; i < tallies.size(); ++i) {
      if (tallies[i].count > 0 && engine.rules()[i].id.starts_with("status/nonstandard-")) {
        ++fired;
        EXPECT_NE(tallies[i].examples[0].message.find(std::string(info->origin)), std::string::npos)
            << "the message names the origin";
      }
    }
    EXPECT_EQ(fired, 1u) << info->code;
  }
}

TEST(RuleLoader, ErrorsNameFileLineAndColumn) {
  struct Case {
    std::string text;
    std::string expected;  // a substring of the errors
  };
  const Case cases[] = {
      {"[[rule]\nid = 1", "t.toml:1:"},  // TOML syntax
      {rule("status = 305", "colour = \"red\"\n"), "t.toml:7:1: unknown rule key 'colour'"},
      {"[[rule]]\nid = \"x\"\n", "rule is missing `severity`"},
      {rule("status = 305", "").replace(rule().find("warning"), 7, "fatal"), "severity must be error, warning or info"},
      {rule("status = \"60x\""), "bad status spec '60x'"},
      {rule("status = 1000"), "status 1000 is outside 0..999"},
      // Regression (found by fuzz_rule_file): a float too large for an integer was converted
      // by toml++'s value<int64_t>(), which is undefined behaviour; integers are read exactly.
      {rule("status = 5e22"), "a status is a number or a string"},
      {rule("status = 305", "", "status = 305\nbytes = 5e22"), "bytes must be an integer"},
      {rule("path = \"(unclosed\""), "invalid regular expression '(unclosed'"},
      {rule("kind = \"weird\""), "unknown kind 'weird'"},
      {rule("colour = \"red\""), "unknown match key 'colour'"},
      {rule("status = 305\nnot_status = 305"), "the match can never apply"},
      {rule("status = 305\nbytes = \"about 3\""), "bad bound 'about 3'"},
      {rule("status = 305", "", "status = 307"), "t.toml:9:1: rule 't/r': this fires example does not fire"},
      {rule("status = 305", "", "status = 305", "status = 305"), "rule 't/r': this silent example fires"},
      {rule("status = 401\nheader_absent = \"WWW-Authenticate\"", "", "status = 401"),
       "this fires example does not fire (it cannot be evaluated"},
      {rule("status = 401\nheader_absent = \"X\"", "needs = \"record\"\n", "status = 401\nheaders = {}",
            "status = 401\nheaders = { X = \"1\" }"),
       "needs those, not just a record"},
      {rule("status = 305", "", "status = 305\nshoe = 1"), "unknown example key 'shoe'"},
      {"[[rule]]\nid = \"t/r\"\nseverity = \"info\"\nsummary = \"s\"\nexplanation = \"e\"\nreference = \"r\"\n"
       "[rule.match]\nstatus = 305\n",
       "needs at least one [[rule.fires]] example"},
      {"rules = 1\n", "unknown top-level key 'rules'"},
  };
  for (const Case& c : cases) {
    RuleSet set;
    const auto errors = load(c.text, set);
    EXPECT_NE(joined(errors).find(c.expected), std::string::npos) << "expected: " << c.expected << "\ngot:\n"
                                                                  << joined(errors) << "\nfor:\n"
                                                                  << c.text;
  }
}

TEST(RuleLoader, ABadFileNeverHalfLoads) {
  RuleSet set;
  std::vector<RuleError> errors;
  std::string two = rule() + rule("status = \"bad\"");
  two.replace(two.rfind("t/r"), 3, "t/s");
  set.add_text(two, "t.toml", errors);
  EXPECT_FALSE(errors.empty());
  EXPECT_TRUE(set.rules().empty()) << "the good rule of a bad file is not loaded either";
}

TEST(RuleLoader, DuplicateIdsAcrossFiles) {
  RuleSet set;
  std::vector<RuleError> errors;
  set.add_text(rule(), "a.toml", errors);
  set.add_text(rule(), "b.toml", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].to_string().find("b.toml:1:1: duplicate rule id 't/r' (first in a.toml:1)"), std::string::npos)
      << errors[0].to_string();
  EXPECT_EQ(set.rules().size(), 1u);
}

TEST(RuleEngine, SelectionEnablesDisablesAndChangesSeverity) {
  RuleSet set;
  std::vector<RuleError> errors;
  set.add_builtin(errors);
  RuleSelection sel;
  sel.disable = {"header/*"};
  sel.severity = {{"status/unassigned", Severity::Error}};
  RuleEngine engine(set, sel, errors);
  EXPECT_TRUE(errors.empty()) << joined(errors);
  for (size_t i = 0; i < engine.rules().size(); ++i) {
    const Rule& r = engine.rules()[i];
    EXPECT_EQ(engine.active(i), r.enabled && !r.id.starts_with("header/")) << r.id;
    if (r.id == "status/unassigned") {
      EXPECT_EQ(r.severity, Severity::Error);
    }
  }
  RuleSelection unknown;
  unknown.enable = {"no/such-rule"};
  unknown.disable = {"nothing*"};
  std::vector<RuleError> e2;
  RuleEngine bad(set, unknown, e2);
  ASSERT_EQ(e2.size(), 2u);
  EXPECT_NE(e2[0].message.find("--enable: no rule matches 'no/such-rule'"), std::string::npos);
}

TEST(RuleEngine, OptInRulesRunOnlyWhenEnabled) {
  RuleSet set;
  std::string text = rule("status = 305", "enabled = false\n");
  ASSERT_TRUE(load(text, set).empty());
  std::vector<RuleError> errors;
  EXPECT_EQ(RuleEngine(set, {}, errors).active_count(), 0u);
  RuleSelection sel;
  sel.enable = {"t/r"};
  EXPECT_EQ(RuleEngine(set, sel, errors).active_count(), 1u);
}

// On an access log, rules that need response or request headers are not evaluated (never
// passed): one per record of their status.
TEST(RuleEngine, HeaderAndRequestRulesOnAccessLogsAreNotEvaluatedNeverPassed) {
  const auto engine = test::builtin_rules();
  ScanOptions options;
  options.rules = engine;
  Scanner scanner(options);
  const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/combined.log");
  size_t checked = 0;
  for (size_t i = 0; i < engine->rules().size(); ++i) {
    const std::string& id = engine->rules()[i].id;
    const int status = id == "header/401-www-authenticate" ? 401 : id == "request/304-without-condition" ? 304 : 0;
    if (status == 0) continue;
    ++checked;
    EXPECT_EQ(s.findings[i].count, 0u) << id;
    EXPECT_EQ(s.findings[i].not_evaluated, s.counts.by_code[static_cast<size_t>(status)]) << id;
    EXPECT_GT(s.findings[i].not_evaluated, 0u) << id;
  }
  EXPECT_EQ(checked, 2u);
}

// A header rule that names methods is not evaluated only for records of those methods: an
// access log without a HEAD or a CONNECT does not report the HEAD or CONNECT rules as not
// evaluated for all its 2xx records (it did, before rules checked the method first).
TEST(RuleEngine, MethodGatedRulesOnAccessLogsCountOnlyTheirMethods) {
  const auto engine = test::builtin_rules();
  std::string log;
  for (const char* method : {"GET", "GET", "HEAD", "POST"})
    log += std::string("1.2.3.4 - - [22/Nov/2026:10:00:00 +0000] \"") + method + " /a HTTP/1.1\" 200 10 \"-\" \"x\"\n";
  ScanOptions options;
  options.rules = engine;
  Scanner scanner(options);
  auto source = open_memory(log, "t.log");
  const InputSummary s = scanner.scan(*source, "t.log");
  std::map<std::string, std::uint64_t> not_evaluated;
  for (size_t i = 0; i < engine->rules().size(); ++i)
    not_evaluated[engine->rules()[i].id] = s.findings[i].not_evaluated;
  EXPECT_EQ(not_evaluated["body/head-with-body"], 1u);                      // the HEAD
  EXPECT_EQ(not_evaluated["header/connect-success-connection-close"], 0u);  // no CONNECT
  EXPECT_EQ(not_evaluated["request/if-none-match-ignored"], 3u);            // GET, GET, HEAD
  EXPECT_EQ(not_evaluated["header/success-allow-omits-method"], 4u);        // no method named
}

// The comparisons added for the coverage table, each on the records that tell them apart.
TEST(RuleLanguage, EntityTagsVersionsAndAllow) {
  RuleSet inm;
  // Weak comparison, a tag holding a comma, and the wildcard.
  const auto inm_errors = load(
      rule("status = 200\ncompare = \"etag_matches_if_none_match\"", "",
           "status = 200\nheaders = { \"ETag\" = \"W/\\\"x,y\\\"\" }\nrequest_headers = { \"If-None-Match\" = "
           "\"\\\"a\\\", \\\"x,y\\\"\" }\n[[rule.fires]]\nstatus = 200\nheaders = { \"ETag\" = \"\\\"q\\\"\" }\n"
           "request_headers = { \"If-None-Match\" = \"*\" }",
           "status = 200\nheaders = { \"ETag\" = \"\\\"y\\\"\" }\nrequest_headers = { \"If-None-Match\" = "
           "\"\\\"x,y\\\"\" }\n[[rule.silent]]\nstatus = 200\nheaders = {}\nrequest_headers = { \"If-None-Match\" = "
           "\"*\" }"),
      inm);
  EXPECT_TRUE(inm_errors.empty()) << joined(inm_errors);

  RuleSet allow;
  const auto allow_errors = load(rule("status = 200\ncompare = \"allow_omits_method\"", "",
                                      "status = 200\nmethod = \"PATCH\"\nheaders = { \"Allow\" = [\"GET\", \"PUT\"] }",
                                      "status = 200\nmethod = \"PUT\"\nheaders = { \"Allow\" = [\"GET\", \"PUT\"] }"),
                                 allow);
  EXPECT_TRUE(allow_errors.empty()) << joined(allow_errors);

  // The request's version: a HAR's own, else the log's request line; a HAR entry without a
  // request version never borrows the response's.
  RuleSet version;
  std::vector<RuleError> errors;
  const auto engine =
      engine_over(rule("status = 100\nrequest_protocol = \"^HTTP/1\\\\.0$\"", "",
                       "status = 100\nprotocol = \"HTTP/1.0\"", "status = 100\nprotocol = \"HTTP/1.1\""),
                  version, errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  RuleEngine::Evaluator evaluator(*engine);
  Record har;
  har.status = 100;
  har.protocol = "HTTP/1.0";
  har.entry = 4;
  EXPECT_EQ(evaluator.verdict(0, har), Verdict::Passes);
  har.request_protocol = "HTTP/1.0";
  RuleEngine::Evaluator fresh(*engine);  // an evaluator caches regex results per record
  EXPECT_EQ(fresh.verdict(0, har), Verdict::Fires);
}

// A request body size that is unknown leaves the rule not evaluated, as for the response's.
TEST(RuleLanguage, RequestBytesUnknownIsNotEvaluated) {
  RuleSet set;
  std::vector<RuleError> errors;
  const auto engine = engine_over(rule("status = 413\nrequest_bytes = \"== 0\"", "", "status = 413\nrequest_bytes = 0",
                                       "status = 413\nrequest_bytes = 20"),
                                  set, errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  RuleEngine::Evaluator evaluator(*engine);
  Record r;
  r.status = 413;
  EXPECT_EQ(evaluator.verdict(0, r), Verdict::NotEvaluated);
}

// Header lists: a plain list is all of its names, { any_of } needs one, { all_of } all. The
// examples are the test: loading checks that each fires example fires and each silent one
// stays silent.
TEST(RuleLanguage, HeaderListsAreAllOfUnlessTheySayAnyOf) {
  RuleSet any_set;
  EXPECT_TRUE(load(rule("status = 200\nheader_present = { any_of = [\"ETag\", \"Last-Modified\"] }", "",
                        "status = 200\nheaders = { \"Last-Modified\" = \"x\" }",
                        "status = 200\nheaders = { \"Date\" = \"x\" }"),
                   any_set)
                  .empty());
  RuleSet all_set;
  EXPECT_TRUE(load(rule("status = 200\nheader_present = [\"ETag\", \"Last-Modified\"]", "",
                        "status = 200\nheaders = { \"ETag\" = \"1\", \"Last-Modified\" = \"x\" }",
                        "status = 200\nheaders = { \"ETag\" = \"1\" }"),
                   all_set)
                  .empty());
  // The same silent example under any_of fires: the loader says so.
  RuleSet wrong;
  const auto errors =
      load(rule("status = 200\nheader_present = { any_of = [\"ETag\", \"Last-Modified\"] }", "",
                "status = 200\nheaders = { \"ETag\" = \"1\" }", "status = 200\nheaders = { \"ETag\" = \"1\" }"),
           wrong);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_NE(errors[0].message.find("silent example fires"), std::string::npos) << joined(errors);
  RuleSet bad;
  const auto table_errors = load(rule("status = 200\nheader_present = { some_of = [\"ETag\"] }"), bad);
  ASSERT_FALSE(table_errors.empty());
  EXPECT_NE(table_errors[0].message.find("any_of or all_of"), std::string::npos) << joined(table_errors);
}

TEST(RuleLanguage, MethodSetsAndComparisons) {
  RuleSet safe;
  EXPECT_TRUE(load(rule("status = 201\nmethod = \"safe\"", "", "status = 201\nmethod = \"TRACE\"",
                        "status = 201\nmethod = \"PATCH\""),
                   safe)
                  .empty());
  RuleSet unknown;
  const auto errors = load(rule("status = 201\nmethod = \"unsafe\""), unknown);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].message.find("unknown method set 'unsafe'"), std::string::npos) << joined(errors);
  RuleSet bad_compare;
  const auto compare_errors = load(rule("status = 301\ncompare = \"location_is_path\""), bad_compare);
  ASSERT_FALSE(compare_errors.empty());
  EXPECT_NE(compare_errors[0].message.find("unknown comparison"), std::string::npos) << joined(compare_errors);
  // Location forms: scheme-relative, query-only, empty (the same URL), relative to the path.
  RuleSet self;
  const std::string fires =
      "status = 301\npath = \"https://a.example/x/y?q=1\"\nheaders = { \"Location\" = \"//a.example/x/y?q=1\" }"
      "\n[[rule.fires]]\nstatus = 301\npath = \"https://a.example/x/y?q=1\"\nheaders = { \"Location\" = \"?q=1\" }"
      "\n[[rule.fires]]\nstatus = 301\npath = \"https://a.example/x/y\"\nheaders = { \"Location\" = \"\" }"
      "\n[[rule.fires]]\nstatus = 301\npath = \"https://a.example/x/y\"\nheaders = { \"Location\" = \"y#top\" }";
  const std::string silent =
      "status = 301\npath = \"https://a.example/x/y\"\nheaders = { \"Location\" = \"/x/y/\" }"
      "\n[[rule.silent]]\nstatus = 301\npath = \"https://a.example/x/y\"\nheaders = { \"Location\" = "
      "\"https://b.example/x/y\" }";
  const auto self_errors = load(rule("status = 301\ncompare = \"location_is_request_url\"", "", fires, silent), self);
  EXPECT_TRUE(self_errors.empty()) << joined(self_errors);
}

TEST(RuleLanguage, MethodNotListAndTheLazyMethod) {
  RuleSet set;
  EXPECT_TRUE(load(rule("status = 304\nmethod = { not = [\"GET\", \"HEAD\"] }", "", "status = 304\nmethod = \"PUT\"",
                        "status = 304\nmethod = \"HEAD\""),
                   set)
                  .empty());
  // A rule's method list reads only the request line's first word: the same word a full
  // split gives, for every shape of request line.
  for (const std::string_view line :
       {"GET / HTTP/1.1", "-", "", "BREW", "GET  /x", "\x16\x03\x01 junk", "POST /a b c"}) {
    Record lazy, eager;
    lazy.set_request_line_lazily(line);
    lazy.resolve_method();
    eager.set_request_line(line);
    EXPECT_EQ(lazy.method, eager.method) << line;
  }
  // The engine reads a lazy record's method from the request line's first eight bytes (a SWAR
  // scan for the space): it must agree with the split line for every shape, long names too.
  RuleSet methods;
  std::vector<RuleError> errors;
  const auto engine = engine_over(rule("status = 200\nmethod = [\"GET\", \"PROPFIND\", \"BREW\", \"M-SEARCH\"]", "",
                                       "status = 200\nmethod = \"PROPFIND\"", "status = 200\nmethod = \"POST\""),
                                  methods, errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  for (const std::string_view line :
       {"GET / HTTP/1.1", "GET", "GETS / HTTP/1.1", "PROPFIND /d HTTP/1.1", "PROPFINDX /d", "BREW /pot", "BREW",
        "M-SEARCH * HTTP/1.1", "-", "", " GET /", "GET\t/x", "POST /a HTTP/1.1", "\x16\x03\x01 junk", "G"}) {
    Record lazy, eager;
    lazy.status = eager.status = 200;
    lazy.set_request_line_lazily(line);
    eager.set_request_line(line);
    RuleTallies lazy_tallies(1), eager_tallies(1);
    RuleEngine::Evaluator a(*engine), b(*engine);
    a.evaluate(lazy, lazy_tallies, 1);
    b.evaluate(eager, eager_tallies, 1);
    EXPECT_EQ(lazy_tallies[0].count, eager_tallies[0].count) << line;
  }
}

TEST(RuleEngine, FindingsIdenticalForEveryChunkSizeAndThreadCount) {
  const auto engine = test::builtin_rules();
  std::string log;
  for (int i = 0; i < 40; ++i)
    log += test::read_file(std::string(STATUSLINT_SOURCE_DIR) + "/samples/combined.log") + "\n";
  const auto run = [&](size_t chunk, unsigned threads) {
    ScanOptions o;
    o.rules = engine;
    o.chunk_bytes = chunk;
    o.threads = threads;
    o.collect.max_examples = 7;
    Scanner scanner(o);
    auto src = open_memory(log);
    return scanner.scan(*src, "mem");
  };
  const InputSummary reference = run(log.size() + 1, 1);
  for (size_t chunk : {size_t{7}, size_t{4096}}) {
    for (unsigned threads : {1u, 3u}) {
      const InputSummary s = run(chunk, threads);
      ASSERT_EQ(s.findings.size(), reference.findings.size());
      for (size_t i = 0; i < s.findings.size(); ++i) {
        EXPECT_EQ(s.findings[i].count, reference.findings[i].count) << i;
        EXPECT_EQ(s.findings[i].not_evaluated, reference.findings[i].not_evaluated) << i;
        ASSERT_EQ(s.findings[i].examples.size(), reference.findings[i].examples.size()) << i;
        for (size_t k = 0; k < s.findings[i].examples.size(); ++k) {
          EXPECT_EQ(s.findings[i].examples[k].line, reference.findings[i].examples[k].line);
          EXPECT_EQ(s.findings[i].examples[k].message, reference.findings[i].examples[k].message);
        }
      }
    }
  }
}

TEST(ProjectConfig, FoundUpwardAndRead) {
  const fs::path root = fs::temp_directory_path() / "statuslint_config_test";
  fs::remove_all(root);
  fs::create_directories(root / "a" / "b");
  std::ofstream(root / ".statuslint.toml") << "rules = [\"ci-rules\"]\ndisable = [\"status/nonstandard-nginx\"]\n"
                                              "fail_on = \"warning\"\n[severity]\n\"status/unassigned\" = \"error\"\n";
  const auto found = ProjectConfig::find(root / "a" / "b");
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, root / ".statuslint.toml");
  std::vector<RuleError> errors;
  const ProjectConfig c = ProjectConfig::load(*found, errors);
  EXPECT_TRUE(errors.empty()) << joined(errors);
  ASSERT_EQ(c.rule_paths.size(), 1u);
  EXPECT_EQ(c.rule_paths[0], root / "ci-rules") << "relative to the file";
  EXPECT_EQ(c.fail_on, "warning");
  ASSERT_EQ(c.selection.severity.size(), 1u);
  EXPECT_EQ(c.selection.severity[0].second, Severity::Error);

  std::ofstream(root / "bad.toml") << "fail_on = \"warning\"\nfial_on = 1\n[severity]\n\"x\" = \"loud\"\n";
  std::vector<RuleError> bad;
  ProjectConfig::load(root / "bad.toml", bad);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_NE(bad[0].to_string().find("bad.toml:2:11: unknown key 'fial_on'"), std::string::npos) << bad[0].to_string();
  EXPECT_NE(bad[1].message.find("must be error, warning or info"), std::string::npos);
  fs::remove_all(root);
}

TEST(ProjectConfig, GatesAreReadWithWhereEachIsWritten) {
  const fs::path root = fs::temp_directory_path() / "statuslint_config_gates_test";
  fs::remove_all(root);
  fs::create_directories(root);
  std::ofstream(root / ".statuslint.toml") << "max_rate = \"5xx=1\"\nmax_count = [\"status/unassigned=0\"]\n"
                                              "max_latency = [\"p99=300ms\", \"5xx:p95=2s\"]\n";
  std::vector<RuleError> errors;
  const ProjectConfig c = ProjectConfig::load(root / ".statuslint.toml", errors);
  EXPECT_TRUE(errors.empty()) << joined(errors);
  ASSERT_EQ(c.max_rate.size(), 1u);
  EXPECT_EQ(c.max_rate[0].text, "5xx=1");
  EXPECT_EQ(c.max_rate[0].line, 1u);
  ASSERT_EQ(c.max_count.size(), 1u);
  EXPECT_EQ(c.max_count[0].text, "status/unassigned=0");
  ASSERT_EQ(c.max_latency.size(), 2u);
  EXPECT_EQ(c.max_latency[1].text, "5xx:p95=2s");
  EXPECT_EQ(c.max_latency[1].line, 3u);
  EXPECT_EQ(c.max_latency[1].column, 29u) << "the column of the gate's string, for the error message";

  std::ofstream(root / "bad.toml") << "max_latency = [\"p99=1s\", 300]\n";
  std::vector<RuleError> bad;
  ProjectConfig::load(root / "bad.toml", bad);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].to_string().find("bad.toml:1:26: `max_latency` must be a string"), std::string::npos)
      << bad[0].to_string();
  fs::remove_all(root);
}

}  // namespace
}  // namespace statuslint
