#include "statuslint/report/json_writer.hpp"

#include <gtest/gtest.h>

#include <limits>

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

}  // namespace
}  // namespace statuslint
