// The routes collector's state: merges in any order give the same stats, examples are the
// smallest paths whatever the order, and past the budget records are counted as not kept.
#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace statuslint
