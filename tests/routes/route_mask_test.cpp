// Typed masks and the cardinality collapse (routes/): what each mask takes and what it must
// leave literal, and a collapse that depends only on the merged counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "statuslint/routes/route_mask.hpp"
#include "statuslint/routes/route_tree.hpp"

namespace statuslint {
namespace {

std::string masked(std::string_view path) {
  RouteMasker m;
  std::uint16_t reasons = 0;
  return std::string(m.mask(path, reasons));
}

TEST(RouteMask, EachTypedMask) {
  EXPECT_EQ(masked("/users/81723/orders/9f8e2a0c"), "/users/{int}/orders/{hex}");
  EXPECT_EQ(masked("/v2/items/3f2504e0-4f89-11d3-9a0c-0305e82c3301"), "/v2/items/{uuid}");
  EXPECT_EQ(masked("/jobs/01ARZ3NDEKTSV4RRFFQ69G5FAV"), "/jobs/{uuid}");
  EXPECT_EQ(masked("/t/aB3dE5fG7hJ9kL1m"), "/t/{token}");
  EXPECT_EQ(masked("/archive/2024-02-29/index"), "/archive/{date}/index");
  EXPECT_EQ(masked("/at/2026-12-02T18:43:44Z"), "/at/{date}");
  EXPECT_EQ(masked("/u/jane.doe@example.com/x"), "/u/{email}/x");
  EXPECT_EQ(masked("/u/jane.doe%40example.com/x"), "/u/{email}/x");  // percent-encoded
  EXPECT_EQ(masked("/ip/192.0.2.44"), "/ip/{ip}");
  EXPECT_EQ(masked("/ip/2001:db8::8a2e:370:7334"), "/ip/{ip}");
  EXPECT_EQ(masked("/assets/app.3f9a1c2e.js"), "/assets/app.{hash}.js");
  EXPECT_EQ(masked("/assets/vendor.5b1d09c4e7a2.min.css"), "/assets/vendor.{hash}.min.css");
}

TEST(RouteMask, WhatStaysLiteral) {
  for (const char* p :
       {"/api/v1/orders", "/v2/users", "/blog/release-notes-for-2024", "/deadbeef/facade", "/static/style.css",
        "/jquery-3.6.0.min.js", "/CamelCaseWordsOnlyHere", "/", "/a//b/", "/999.1.2.3/x", "/2024-13-01", "/users/me"}) {
    const std::string expected(p);
    EXPECT_EQ(masked(p), expected) << p;
  }
}

TEST(RouteMask, QueryAbsoluteFormAndAuthority) {
  EXPECT_EQ(masked("/search?q=1&page=2"), "/search");
  EXPECT_EQ(masked("/a#frag"), "/a");
  EXPECT_EQ(masked("http://example.com/users/42?x"), "/users/{int}");
  EXPECT_EQ(masked("https://example.com"), "/");
  EXPECT_EQ(masked("example.com:443"), "{authority}");
  EXPECT_EQ(masked("*"), "*");
  EXPECT_EQ(masked(""), "");
}

TEST(RouteMask, ReasonsNameTheMasksUsed) {
  RouteMasker m;
  std::uint16_t reasons = 0;
  m.mask("/users/1/files/app.3f9a1c2e.js", reasons);
  EXPECT_EQ(reasons, kMaskInteger | kMaskHashedFile);
  m.mask("/static/x.css", reasons);
  EXPECT_EQ(reasons, 0);
}

TEST(RouteMask, BadPercentEncodingIsKeptAsWritten) {
  EXPECT_EQ(masked("/a%zz/%4"), "/a%zz/%4");
  EXPECT_EQ(masked("/n/%31%32%33"), "/n/{int}");  // "123" encoded
}

std::vector<CollapsedRoute> collapse(const std::vector<std::pair<std::string, std::uint64_t>>& in,
                                     RouteCollapseOptions o = {}) {
  std::vector<std::string_view> names;
  std::vector<std::uint64_t> counts;
  for (const auto& [n, c] : in) {
    names.push_back(n);
    counts.push_back(c);
  }
  return collapse_routes(names, counts, o);
}

std::vector<std::string> names_of(const std::vector<CollapsedRoute>& routes) {
  std::vector<std::string> out;
  out.reserve(routes.size());
  for (const CollapsedRoute& r : routes) out.push_back(r.name);
  return out;
}

TEST(RouteTree, ManyLiteralChildrenCollapseToVarAndTheirSubtreesMerge) {
  std::vector<std::pair<std::string, std::uint64_t>> in;
  in.reserve(452);
  for (int owner = 0; owner < 150; ++owner) {
    for (int repo = 0; repo < 3; ++repo) {
      in.emplace_back("/repos/o" + std::to_string(owner) + "x/r" + std::to_string(owner * 7 + repo) + "y/issues/{int}",
                      2);
    }
  }
  in.emplace_back("/repos/torvalds/linux/issues/{int}", 500);  // a large share: stays literal
  in.emplace_back("/healthz", 9);
  const auto out = collapse(in);
  EXPECT_EQ(names_of(out), (std::vector<std::string>{"/healthz", "/repos/torvalds/linux/issues/{int}",
                                                     "/repos/{var}/{var}/issues/{int}"}));
  const CollapsedRoute& var = out[2];
  EXPECT_EQ(var.members.size(), 450u);
  EXPECT_EQ(var.reasons, kMergedByCardinality);
  EXPECT_EQ(var.merged_values, 450u);  // the repos under the merged owners: 450 distinct
  EXPECT_EQ(out[1].reasons, 0);
}

TEST(RouteTree, AtTheThresholdNothingCollapses) {
  std::vector<std::pair<std::string, std::uint64_t>> in;
  in.reserve(101);
  for (int i = 0; i < 100; ++i) in.emplace_back("/p/name" + std::to_string(i) + "z", 1);
  EXPECT_EQ(collapse(in).size(), 100u);
  in.emplace_back("/p/one-more", 1);
  const auto out = collapse(in);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].name, "/p/{var}");
}

TEST(RouteTree, TheResultDoesNotDependOnTheInputOrder) {
  std::vector<std::pair<std::string, std::uint64_t>> in;
  in.reserve(303);
  for (int i = 0; i < 300; ++i)
    in.emplace_back("/a/n" + std::to_string(i % 157) + "q/b" + std::to_string(i) + "w", 1 + i % 5);
  in.emplace_back("/a", 3);
  in.emplace_back("/a/", 3);
  in.emplace_back("*", 1);
  // Each route as its name, and the sorted names of the templates it holds.
  const auto shape = [](const std::vector<std::pair<std::string, std::uint64_t>>& from) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const CollapsedRoute& r : collapse(from)) {
      std::vector<std::string> members;
      for (const size_t m : r.members) members.push_back(from[m].first);
      std::sort(members.begin(), members.end());
      out.emplace_back(r.name, members);
    }
    return out;
  };
  const auto reference = shape(in);
  ASSERT_EQ(reference.size(), 4u);  // *, /a, /a/, /a/{var}/{var}
  EXPECT_EQ(reference[3].first, "/a/{var}/{var}");
  std::mt19937 rng(5);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(in.begin(), in.end(), rng);
    EXPECT_EQ(shape(in), reference) << "round " << round;
  }
}

TEST(RouteTree, PlaceholdersAndTrailingSlashesAreNotCountedAsValues) {
  std::vector<std::pair<std::string, std::uint64_t>> in = {{"/u/{int}", 5}, {"/u/", 1}, {"/u", 1}};
  for (int i = 0; i < 100; ++i) in.emplace_back("/u/n" + std::to_string(i) + "k", 1);
  EXPECT_EQ(collapse(in).size(), 103u);
}

}  // namespace
}  // namespace statuslint
