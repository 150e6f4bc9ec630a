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

}  // namespace
}  // namespace statuslint
