// The streaming HAR splitter: its block walk (portable and POPCNT, over every kernel) against
// a byte-at-a-time reference on generated documents dense in the bytes that matter (quotes,
// backslash runs across 64-byte blocks, brackets inside strings), for every way of cutting the
// input into reads; and the errors a malformed entries array gives.
#include <gtest/gtest.h>

#include <random>

#include "statuslint/formats/har_entry_splitter.hpp"

namespace statuslint {
namespace {

struct Found {
  std::string json;
  std::uint64_t index, line, offset;
  bool oversized;
  std::uint64_t size;
  friend bool operator==(const Found&, const Found&) = default;
};

std::vector<Found> split_in_reads(const std::string& doc, const std::vector<size_t>& cuts, HarEntrySplitter& split) {
  std::vector<Found> out;
  const HarEntrySplitter::OnEntry on_entry = [&](const HarEntrySplitter::Entry& e) {
    out.push_back({std::string(e.json), e.index, e.line, e.offset, e.oversized, e.size});
  };
  size_t at = 0;
  for (const size_t cut : cuts) {
    split.feed(std::string_view(doc).substr(at, cut - at), on_entry);
    at = cut;
  }
  split.feed(std::string_view(doc).substr(at), on_entry);
  return out;
}

// The reference: every byte in turn, the depth of {} and [] outside strings.
std::vector<Found> reference(const std::string& doc, size_t array_start) {
  std::vector<Found> out;
  int depth = 0;
  bool in_string = false, escaped = false;
  size_t start = 0;
  std::uint64_t line = 1;
  for (size_t i = 0; i < doc.size(); ++i) {
    const char c = doc[i];
    if (i < array_start) {
      if (c == '\n') ++line;
      continue;
    }
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (depth++ == 0) start = i;
    } else if (c == '}' || c == ']') {
      if (depth == 0) break;
      if (--depth == 0) {
        std::uint64_t entry_line = 1;
        for (size_t k = 0; k < start; ++k) entry_line += doc[k] == '\n' ? 1 : 0;
        out.push_back({doc.substr(start, i + 1 - start), out.size(), entry_line, start, false, i + 1 - start});
      }
    }
  }
  return out;
}

// A document whose entries hold strings with quotes, backslash runs of every length and
// brackets, at every offset against the blocks.
std::string generated_har(std::mt19937& rng, int entries) {
  std::string doc =
      "\xEF\xBB\xBF {\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"x}]\"},\n \"entries\": [\n";
  const std::string pieces[] = {"a", "\\\"", "\\\\", "\\\\\\\"", "{", "}", "[", "]", "\\n", " ", "\\u005c"};
  for (int e = 0; e < entries; ++e) {
    if (e > 0) doc += ",\n";
    doc += "  {\"request\": {\"method\": \"GET\", \"url\": \"";
    const int n = static_cast<int>(rng() % 120);
    for (int k = 0; k < n; ++k) doc += pieces[rng() % std::size(pieces)];
    doc += "\"}, \"response\": {\"status\": 200, \"headers\": [{\"name\": \"a\", \"value\": \"";
    const int m = static_cast<int>(rng() % 40);
    for (int k = 0; k < m; ++k) doc += pieces[rng() % std::size(pieces)];
    doc += "\"}], \"nested\": [[{}], {\"x\": [1, 2]}]}}";
  }
  doc += "\n], \"pages\": [{\"id\": \"]}\"}]}}\n";
  return doc;
}

TEST(HarEntrySplitter, BlockWalkFindsWhatAByteWalkFindsForEveryWayOfCuttingTheInput) {
  std::mt19937 rng(9);
  for (int round = 0; round < 40; ++round) {
    const std::string doc = generated_har(rng, 1 + round % 7);
    const std::vector<Found> expected = reference(doc, doc.find('[', doc.find("\"entries\"")) + 1);
    ASSERT_FALSE(expected.empty());
    std::vector<std::vector<size_t>> cuttings = {{}};
    std::vector<size_t> every;  // one byte per read, for a few rounds
    if (round < 4) {
      for (size_t i = 1; i < doc.size(); ++i) every.push_back(i);
      cuttings.push_back(every);
    }
    for (int r = 0; r < 10; ++r) {
      std::vector<size_t> cuts;
      for (size_t at = rng() % 200; at < doc.size(); at += 1 + rng() % 300) cuts.push_back(at);
      cuttings.push_back(cuts);
    }
    // Every kernel this CPU runs, and with them both walks: the portable one (scalar, SSE2)
    // and the one compiled for POPCNT (AVX2 on).
    for (const auto isa : {StructuralIndex::Isa::Scalar, StructuralIndex::Isa::Sse2, StructuralIndex::Isa::Avx2,
                           StructuralIndex::Isa::Avx512}) {
      if (!StructuralIndex::supported(isa)) continue;
      for (const auto& cuts : cuttings) {
        HarEntrySplitter split(size_t{16} << 20, isa);
        const std::vector<Found> got = split_in_reads(doc, cuts, split);
        const std::string where = "round " + std::to_string(round) + ", " + std::string(StructuralIndex::name(isa));
        ASSERT_EQ(got.size(), expected.size()) << where << ": " << split.error();
        for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], expected[i]) << where << " entry " << i;
        EXPECT_EQ(split.finish(), HarEntrySplitter::End::Complete);
        EXPECT_TRUE(split.error().empty()) << split.error();
      }
    }
  }
}

HarEntrySplitter::End end_of(const std::string& doc, std::string* error = nullptr, size_t* entries = nullptr) {
  HarEntrySplitter split;
  split_in_reads(doc, {}, split);
  if (error != nullptr) *error = split.error();
  if (entries != nullptr) *entries = split.entries();
  return split.finish();
}

TEST(HarEntrySplitter, WhatTheEntriesArrayMayNotHoldIsAnErrorThatSaysWhere) {
  std::string error;
  size_t entries = 0;
  end_of(R"({"log":{"entries":[{"a":1} {"b":2}]}})", &error, &entries);
  EXPECT_EQ(error, "entry 1: expected ',' between entries at byte 27");
  EXPECT_EQ(entries, 1u);
  end_of(R"({"log":{"entries":[{"a":1},]}})", &error);
  EXPECT_EQ(error, "entry 1: expected ']' at the end of log.entries at byte 27");
  end_of(R"({"log":{"entries":[,{"a":1}]}})", &error);
  EXPECT_EQ(error, "entry 0: unexpected ',' before it at byte 20");
  end_of(R"({"log":{"entries":[[[[[[]]]]]]}})", &error);
  EXPECT_EQ(error, "entry 0: not an object at byte 19");
  end_of(R"({"log":{"entries":[{"a":1}, 7]}})", &error);
  EXPECT_EQ(error, "entry 1: expected an object or ',' in log.entries at byte 28");
}

TEST(HarEntrySplitter, HowADocumentEnds) {
  EXPECT_EQ(end_of(R"({"log":{"entries":[]}})"), HarEntrySplitter::End::Complete);
  EXPECT_EQ(end_of("  [1]"), HarEntrySplitter::End::NotObject);
  EXPECT_EQ(end_of(""), HarEntrySplitter::End::NotObject);
  EXPECT_EQ(end_of(R"({"log":{"pages":[]}})"), HarEntrySplitter::End::NoEntries);
  // "entries" outside "log" is not log.entries.
  EXPECT_EQ(end_of(R"({"entries":[{"a":1}],"log":{}})"), HarEntrySplitter::End::NoEntries);
  EXPECT_EQ(end_of(R"({"log":{"entries":[{"a":"}"})"), HarEntrySplitter::End::Truncated);
  EXPECT_EQ(end_of(R"({"log":{"entries":[{"a":1}]})"), HarEntrySplitter::End::Truncated);
}

TEST(HarEntrySplitter, AnEntryOverTheLimitIsReportedNotHeld) {
  const std::string big(5000, 'x');
  const std::string doc = R"({"log":{"entries":[{"a":")" + big + R"("},{"b":1}]}})";
  for (const std::vector<size_t>& cuts : {std::vector<size_t>{}, std::vector<size_t>{30, 2000, 4000}}) {
    HarEntrySplitter split(1000);
    const std::vector<Found> got = split_in_reads(doc, cuts, split);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_TRUE(got[0].oversized);
    EXPECT_TRUE(got[0].json.empty());
    EXPECT_EQ(got[0].size, big.size() + 8);
    EXPECT_FALSE(got[1].oversized);
    EXPECT_EQ(got[1].json, R"({"b":1})");
  }
}

}  // namespace
}  // namespace statuslint
