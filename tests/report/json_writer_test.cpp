#include "statuslint/report/json_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>

namespace statuslint {
namespace {

TEST(JsonWriter, NestedContainersAndCommas) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.member("a", 1).member("b", "x\"y");
  w.key("list").begin_array().value(true).null().value(2.5).end_array();
  w.key("empty").begin_object().end_object();
  w.end_object();
  EXPECT_EQ(out,
            "{\n  \"a\": 1,\n  \"b\": \"x\\\"y\",\n  \"list\": [\n    true,\n    null,\n    2.5\n  ],\n"
            "  \"empty\": {}\n}\n");
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull) {
  std::string out;
  JsonWriter w(out);
  w.begin_array().value(std::numeric_limits<double>::infinity()).value(std::uint64_t{18446744073709551615u});
  w.end_array();
  EXPECT_EQ(out, "[\n  null,\n  18446744073709551615\n]\n");
}

// A large document handed over as it is written is the same document, and the writer never
// holds much more than kSpillBytes of it.
TEST(JsonWriter, ASpilledDocumentIsTheSameDocumentInBoundedMemory) {
  const auto write = [](JsonWriter& w) {
    w.begin_object().key("rows").begin_array();
    for (int i = 0; i < 100000; ++i) {
      w.begin_object().member("name", "input-" + std::to_string(i)).member("records", i).end_object();
    }
    w.end_array().end_object();
  };
  std::string whole;
  JsonWriter all(whole);
  write(all);

  std::string streamed, buffer;
  size_t calls = 0, largest = 0;
  JsonWriter spilled(buffer, [&](std::string_view text) {
    ++calls;
    largest = std::max(largest, text.size());
    streamed += text;
  });
  write(spilled);
  streamed += buffer;
  EXPECT_EQ(streamed, whole);
  EXPECT_GT(calls, 2u);
  EXPECT_LE(largest, JsonWriter::kSpillBytes + 4096);
  EXPECT_LE(buffer.size(), JsonWriter::kSpillBytes + 4096);
}

}  // namespace
}  // namespace statuslint
