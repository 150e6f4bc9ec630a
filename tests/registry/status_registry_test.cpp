#include "statuslint/registry/status_registry.hpp"

#include <gtest/gtest.h>

#include <set>

#include "support/test_data.hpp"

namespace statuslint {
namespace {

using test::data_path;
using test::read_tsv;

TEST(StatusRegistry, EverySeedCodeAndNameIsKnown) {
  const auto rows = read_tsv(data_path("seed_statuses.tsv"), false);
  ASSERT_EQ(rows.size(), 286u) << "the five seed tables list 286 (code, name) rows";
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const StatusInfo& info = StatusRegistry::classify_text(row[1]);
    SCOPED_TRACE(row[0] + ": " + row[1] + " " + row[2]);
    EXPECT_TRUE(info.known());
    EXPECT_EQ(info.code, std::stoi(row[1]));
    EXPECT_TRUE(StatusRegistry::matches_name(info, row[2])) << "registry name: " << info.name;
  }
}

TEST(StatusRegistry, IanaRegistryMatches) {
  const auto rows = read_tsv(data_path("iana.tsv"), true);
  int checked = 0;
  for (const auto& row : rows) {
    SCOPED_TRACE(row[0] + " " + row[1]);
    const auto dash = row[0].find('-');
    if (dash != std::string::npos) {  // an unassigned range
      for (int code = std::stoi(row[0].substr(0, dash)); code <= std::stoi(row[0].substr(dash + 1)); ++code) {
        const StatusInfo& info = StatusRegistry::lookup(code);
        EXPECT_TRUE(info.kind == StatusKind::Unassigned || info.kind == StatusKind::Nonstandard) << code;
      }
      continue;
    }
    if (row[1] == "Unassigned") {
      const StatusKind kind = StatusRegistry::lookup(std::stoi(row[0])).kind;
      EXPECT_TRUE(kind == StatusKind::Unassigned || kind == StatusKind::Nonstandard);
      continue;
    }
    const StatusInfo& info = StatusRegistry::lookup(std::stoi(row[0]));
    EXPECT_EQ(info.origin, "IANA");
    // IANA writes "(Unused)", "Not Extended (OBSOLETED)", "... (TEMPORARY - registered ...)".
    EXPECT_TRUE(StatusRegistry::matches_name(info, row[1])) << info.name;
    EXPECT_NE(info.kind, StatusKind::Unassigned);
    EXPECT_NE(info.kind, StatusKind::Nonstandard);
    ++checked;
  }
  EXPECT_EQ(checked, 64);
}

TEST(StatusRegistry, EveryVendorCodeKeepsEveryOrigin) {
  const auto rows = read_tsv(data_path("nonstandard.tsv"), true);
  ASSERT_GE(rows.size(), 35u);
  for (const auto& row : rows) {
    SCOPED_TRACE(row[0] + " " + row[1] + " (" + row[2] + ")");
    const StatusInfo& info = StatusRegistry::lookup(std::stoi(row[0]));  // "0" and "000" alike
    ASSERT_TRUE(info.known());
    bool origin_found = info.origin.find(row[2]) != std::string_view::npos || info.origin == row[2];
    for (const StatusMeaning& m : info.also) origin_found = origin_found || m.origin == row[2];
    EXPECT_TRUE(origin_found) << "origin missing; main origin: " << info.origin;
  }
}

TEST(StatusRegistry, KindsOfNotableCodes) {
  EXPECT_EQ(StatusRegistry::lookup(200).kind, StatusKind::Standard);
  EXPECT_EQ(StatusRegistry::lookup(305).kind, StatusKind::Deprecated);
  EXPECT_EQ(StatusRegistry::lookup(102).kind, StatusKind::Deprecated);
  EXPECT_EQ(StatusRegistry::lookup(510).kind, StatusKind::Deprecated);
  EXPECT_EQ(StatusRegistry::lookup(306).kind, StatusKind::Unused);
  EXPECT_EQ(StatusRegistry::lookup(418).kind, StatusKind::Unused);
  EXPECT_EQ(StatusRegistry::lookup(104).kind, StatusKind::Provisional);
  for (int code :
       {444, 494, 495, 496, 497, 499, 520, 521, 522, 523, 524, 525, 526, 527, 530, 460, 463, 464, 561, 598, 599}) {
    EXPECT_EQ(StatusRegistry::lookup(code).kind, StatusKind::Nonstandard) << code;
  }
  EXPECT_EQ(StatusRegistry::lookup(299).kind, StatusKind::Unassigned);
  EXPECT_FALSE(StatusRegistry::lookup(299).known());
  EXPECT_EQ(StatusRegistry::lookup(0).kind, StatusKind::Invalid);
  EXPECT_EQ(StatusRegistry::lookup(999).kind, StatusKind::Invalid);
  EXPECT_TRUE(StatusRegistry::lookup(999).known()) << "LinkedIn's 999 is known, and invalid";
  EXPECT_EQ(StatusRegistry::lookup(451).kind, StatusKind::Standard) << "IANA's meaning wins; Microsoft's is an also";
  EXPECT_EQ(StatusRegistry::lookup(451).also.size(), 1u);
  EXPECT_EQ(StatusRegistry::lookup(499).also.size(), 1u);
  EXPECT_EQ(StatusRegistry::lookup(530).also.size(), 1u);
  EXPECT_EQ(StatusRegistry::lookup(420).also.size(), 1u);
}

TEST(StatusRegistry, EveryIntegerIsClassified) {
  std::set<StatusKind> kinds;
  for (int code = -1000; code <= 2000; ++code) {
    const StatusInfo& info = StatusRegistry::lookup(code);
    kinds.insert(info.kind);
    if (code < 100 || code > 599) {
      EXPECT_EQ(info.kind, StatusKind::Invalid) << code;
      EXPECT_EQ(info.status_class(), StatusClass::Invalid) << code;
    } else {
      EXPECT_NE(info.kind, StatusKind::Invalid) << code;
      EXPECT_EQ(static_cast<int>(info.status_class()), code / 100) << code;
      EXPECT_EQ(info.code, code);
    }
  }
  EXPECT_EQ(kinds.size(), kStatusKindCount) << "every kind occurs";
  EXPECT_EQ(&StatusRegistry::lookup(1LL << 40), &StatusRegistry::out_of_range_status());
  EXPECT_EQ(&StatusRegistry::lookup(-1), &StatusRegistry::out_of_range_status());
}

TEST(StatusRegistry, RawStatusText) {
  EXPECT_EQ(StatusRegistry::classify_text("200").code, 200);
  EXPECT_EQ(StatusRegistry::classify_text("000").code, 0);
  EXPECT_EQ(StatusRegistry::classify_text("000").kind, StatusKind::Invalid);
  EXPECT_EQ(&StatusRegistry::classify_text("-"), &StatusRegistry::missing_status());
  EXPECT_EQ(&StatusRegistry::classify_text(""), &StatusRegistry::missing_status());
  for (const char* text :
       {"2OO", "0200", "20", "2000", "-1", "+20", " 200", "200 ", "abc", "99999999999999999999", "\xff\xfe\xfd"}) {
    EXPECT_EQ(&StatusRegistry::classify_text(text), &StatusRegistry::non_numeric_status()) << text;
    EXPECT_EQ(StatusRegistry::classify_text(text).kind, StatusKind::Invalid);
  }
  EXPECT_FALSE(StatusRegistry::parse_code("20\0"));
  EXPECT_EQ(StatusRegistry::parse_code("599"), 599);
}

TEST(StatusRegistry, NameMatchingIgnoresQualifiersAndCase) {
  const StatusInfo& s413 = StatusRegistry::lookup(413);
  EXPECT_EQ(s413.name, "Content Too Large");
  for (const char* n :
       {"Content Too Large", "Payload Too Large", "Request Entity Too Large", "request entity too large"}) {
    EXPECT_TRUE(StatusRegistry::matches_name(s413, n)) << n;
  }
  EXPECT_FALSE(StatusRegistry::matches_name(s413, "Too Large"));
  EXPECT_TRUE(StatusRegistry::matches_name(StatusRegistry::lookup(422), "Unprocessable Entity"));
  EXPECT_TRUE(StatusRegistry::matches_name(StatusRegistry::lookup(418), "I'm a teapot"));
  EXPECT_TRUE(StatusRegistry::matches_name(StatusRegistry::lookup(418), "I\xE2\x80\x99m a Teapot"));
  EXPECT_TRUE(StatusRegistry::matches_name(StatusRegistry::lookup(499), "Token Required")) << "other origin's name";
  EXPECT_FALSE(StatusRegistry::matches_name(StatusRegistry::lookup(200), "Okay"));
  EXPECT_FALSE(StatusRegistry::matches_name(StatusRegistry::lookup(299), ""));
}

TEST(StatusRegistry, KindAndClassNamesRoundTrip) {
  for (size_t i = 0; i < kStatusKindCount; ++i) {
    const auto kind = static_cast<StatusKind>(i);
    EXPECT_EQ(parse_status_kind(to_string(kind)), kind);
  }
  for (size_t i = 0; i < kStatusClassCount; ++i) {
    const auto cls = static_cast<StatusClass>(i);
    EXPECT_EQ(parse_status_class(to_string(cls)), cls);
  }
  EXPECT_EQ(parse_status_class("5XX"), StatusClass::ServerError);
  EXPECT_FALSE(parse_status_kind("weird"));
}

TEST(StatusRegistry, KnownListIsSortedAndComplete) {
  const auto known = StatusRegistry::known();
  ASSERT_FALSE(known.empty());
  int previous = -1;
  size_t count = 0;
  for (const StatusInfo* info : known) {
    EXPECT_GT(info->code, previous);
    previous = info->code;
    EXPECT_FALSE(info->description.empty()) << info->code;
    EXPECT_FALSE(info->reference.empty()) << info->code;
  }
  for (int code = 0; code < kStatusTableSize; ++code) count += StatusRegistry::lookup(code).known() ? 1 : 0;
  EXPECT_EQ(count, known.size());
}

}  // namespace
}  // namespace statuslint
