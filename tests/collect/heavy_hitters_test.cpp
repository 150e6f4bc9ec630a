// Space-Saving heavy hitters: exact while the keys fit, then the largest are kept with
// their error bound, and merges add.
#include "statuslint/collect/heavy_hitters.hpp"

#include <gtest/gtest.h>

namespace statuslint {
namespace {

TEST(SpaceSaving, ExactUntilFullThenGuaranteesHeavyHitters) {
  SpaceSaving s(4);
  for (int i = 0; i < 10; ++i) s.add("a");
  for (int i = 0; i < 5; ++i) s.add("b");
  s.add("c");
  EXPECT_FALSE(s.approximate());
  EXPECT_EQ(s.top(1)[0].key, "a");
  EXPECT_EQ(s.top(1)[0].count, 10u);
  // A stream of distinct keys: the true heavy hitters (more than total/capacity) stay.
  for (int i = 0; i < 100; ++i) {
    s.add("noise" + std::to_string(i));
    s.add("a");
  }
  EXPECT_TRUE(s.approximate());
  const auto top = s.top(1);
  EXPECT_EQ(top[0].key, "a");
  EXPECT_GE(top[0].count, 110u);
  EXPECT_LE(top[0].count - top[0].error, 110u) << "count - error is a lower bound";
}

TEST(SpaceSaving, MergeAddsAndKeepsTheLargest) {
  SpaceSaving a(3), b(3);
  a.add("x", 5);
  a.add("y", 2);
  b.add("x", 1);
  b.add("z", 7);
  b.add("w", 1);
  a.merge(b);
  const auto top = a.top(3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].key, "z");
  EXPECT_EQ(top[1].key, "x");
  EXPECT_EQ(top[1].count, 6u);
  EXPECT_EQ(a.total(), 16u);
  EXPECT_TRUE(a.approximate()) << "a key was dropped to keep three";
}

// Issue 30: past the budget, ten ties of "8692 (+8691)" said nothing. Only an entry whose
// guaranteed count beats what a key left out may have is certain.
TEST(TopCounts, PastTheBudgetOnlyEntriesThatBeatTheNextCandidateAreCertain) {
  TopCounts t(8);
  for (int i = 0; i < 1000; ++i) t.add("heavy");
  for (int i = 0; i < 300; ++i) t.add("second");
  t.to_sketch();
  for (int i = 0; i < 1000; ++i) t.add("k" + std::to_string(i));  // all distinct: evictions
  ASSERT_TRUE(t.approximate());
  const std::vector<CountedKey> top = t.top(5);
  const std::uint64_t bound = t.uncertain_bound(5);
  ASSERT_EQ(top[0].key, "heavy");
  EXPECT_TRUE(t.certain(top[0], bound));
  EXPECT_TRUE(t.certain(top[1], bound));  // "second": 300 beats any noise key's bound
  for (size_t i = 2; i < top.size(); ++i) EXPECT_FALSE(t.certain(top[i], bound)) << top[i].key;
  // Only distinct keys: no entry is certain.
  TopCounts flat(8);
  flat.to_sketch();
  for (int i = 0; i < 5000; ++i) flat.add("k" + std::to_string(i));
  const std::vector<CountedKey> flat_top = flat.top(5);
  const std::uint64_t flat_bound = flat.uncertain_bound(5);
  for (const CountedKey& k : flat_top) EXPECT_FALSE(flat.certain(k, flat_bound)) << k.key;
  // Exact counts are all certain.
  TopCounts exact(8);
  exact.add("a");
  exact.add("b");
  EXPECT_EQ(exact.uncertain_bound(1), 0u);
  EXPECT_TRUE(exact.certain(exact.top(1)[0], 0));
}

}  // namespace
}  // namespace statuslint
