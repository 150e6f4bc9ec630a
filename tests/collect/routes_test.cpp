// The routes collector's state: merges in any order give the same stats, examples are the
// smallest paths whatever the order, and past the budget records are counted as not kept.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "statuslint/record/record.hpp"

#include "statuslint/collect/routes.hpp"

namespace statuslint {
namespace {

RouteStats stats_of(std::initializer_list<const char*> paths, std::uint64_t micros) {
  RouteStats s;
  for (const char* p : paths) {
    ++s.count;
    ++s.classes[static_cast<size_t>(StatusClass::Success)];
    s.time.add(micros++);
    s.add_example(p);
  }
  s.add_rule(7, 1);
  return s;
}

TEST(RouteStats, MergeOrderDoesNotShow) {
  const RouteStats a = stats_of({"/u/9", "/u/3", "/u/5"}, 100);
  const RouteStats b = stats_of({"/u/1", "/u/3", "/u/8"}, 200);
  const RouteStats c = stats_of({"/u/2"}, 300);
  RouteStats abc;
  abc.merge(a);
  abc.merge(b);
  abc.merge(c);
  RouteStats cba;
  cba.merge(c);
  cba.merge(b);
  cba.merge(a);
  EXPECT_EQ(abc.examples, (std::vector<std::string>{"/u/1", "/u/2", "/u/3"}));
  EXPECT_EQ(abc.examples, cba.examples);
  EXPECT_EQ(abc.count, 7u);
  EXPECT_EQ(abc.time, cba.time);
  ASSERT_EQ(abc.rules.size(), 1u);
  EXPECT_EQ(abc.rules[0].second, 3u);
}

TEST(RouteStats, ExamplesAreDistinct) {
  RouteStats s;
  for (const char* p : {"/b", "/b", "/a", "/a", "/c", "/d"}) s.add_example(p);
  EXPECT_EQ(s.examples, (std::vector<std::string>{"/a", "/b", "/c"}));
}

TEST(Routes, PastTheBudgetNewTemplatesAreNotKept) {
  Routes r;
  r.memory_budget = 1024;
  size_t kept = 0;
  for (int i = 0; i < 100; ++i) kept += r.find_or_add("/t/" + std::to_string(i)) != nullptr ? 1 : 0;
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, 100u);
  EXPECT_LE(r.bytes, r.memory_budget);
  EXPECT_NE(r.find_or_add("/t/0"), nullptr) << "a kept template stays countable";
  Routes into;
  into.memory_budget = 1024;
  into.find_or_add("/other/a")->count = 5;
  for (auto& [key, st] : *r.table) st.count = 1;
  into.merge(r);
  EXPECT_GT(into.not_kept, 0u) << "what the budget refuses in a merge is counted, not dropped";
}

// The gatherer remembers each raw target's route in a memo that a hit trusts; a differential
// test against the masks alone, with targets that share the memo's fingerprint (same length,
// same first 16, middle and last 8 bytes) so that slots are fought over, queries that share a
// path, and an ignore rule that must stay ignored on a hit.
TEST(RoutesGatherer, TheMemoAgreesWithMaskingEveryRecord) {
  std::vector<std::string> targets;
  for (int i = 0; i < 40; ++i) {
    std::string t = "/aaaaaaaaaaaaaaaa/" + std::to_string(1000 + i) + "/bbbbbbbbbbbbbbbbbbbbbbbbbb/zzzzzzzz";
    targets.push_back(t);
    targets.push_back("/users/" + std::to_string(i % 7) + "/orders?page=" + std::to_string(i));
    targets.push_back("/names/n" + std::to_string(i % 13));
  }
  targets.push_back("/healthz");
  auto rules = std::make_shared<RouteRules>();
  rules->add_ignore("/healthz", "test");
  CollectOptions o;
  o.routes = true;
  o.route_rules = rules;
  RoutesCollector::Gatherer g(o);
  Routes chunk;
  Routes input;
  RoutesCollector::prepare(input, o);
  std::map<std::string, std::uint64_t> want;
  std::map<std::string, std::set<std::string>> paths;
  RouteMasker masker;
  std::uint64_t ignored = 0;
  for (int round = 0; round < 5; ++round) {
    for (size_t i = 0; i < targets.size(); ++i) {
      const std::string& t = targets[(i * 7 + static_cast<size_t>(round)) % targets.size()];
      Record r;
      r.path = t;
      g.add(Observation{r, std::nullopt, {}, 0}, chunk);
      if (t == "/healthz") {
        ++ignored;
        continue;
      }
      std::uint16_t reasons = 0;
      const std::string key(masker.mask(t, reasons));
      ++want[key];
      paths[key].insert(std::string(route_path(t)));
    }
  }
  g.flush(input);
  ASSERT_NE(input.table, nullptr);
  EXPECT_EQ(input.ignored, ignored);
  EXPECT_EQ(input.table->size(), want.size());
  for (const auto& [key, n] : want) {
    const auto it = input.table->find(key);
    ASSERT_NE(it, input.table->end()) << key;
    EXPECT_EQ(it->second.count, n) << key;
    std::vector<std::string> smallest(paths[key].begin(), paths[key].end());
    if (smallest.size() > RouteStats::kExamples) smallest.resize(RouteStats::kExamples);
    EXPECT_EQ(it->second.examples, smallest) << key;
  }
}

}  // namespace
}  // namespace statuslint
