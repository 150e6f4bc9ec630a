// A small streaming JSON writer used by every JSON-producing reporter.
//
// It tracks nesting and commas so reporters only say what to write, and it routes every
// string through append_json_escaped, so output is valid JSON whatever bytes the input held.
// Output is pretty-printed with two-space indentation, one member per line, which keeps
// golden files readable and diffs small.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace statuslint {

// Where a streaming writer hands the text it has finished (out is emptied after each call).
using OutputSpill = std::function<void(std::string_view)>;

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  // With `spill`, whenever out holds more than kSpillBytes, it is handed over and emptied, so
  // the document is never whole in memory (100,000 inputs make a 78 MB report).
  JsonWriter(std::string& out, OutputSpill spill) : out_(out), spill_(std::move(spill)) {}
  static constexpr size_t kSpillBytes = size_t{1} << 20;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // Names the next value inside an object.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(std::uint64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  // Finite doubles are written with up to 6 significant decimals; NaN and infinities as null.
  JsonWriter& value(double d);
  JsonWriter& null();
  // n / 1000, exactly, in decimal ("12.345", "3", "0.5"): microseconds as milliseconds.
  JsonWriter& thousandths(std::uint64_t n);

  // Shorthand for key(name).value(v).
  template <typename T>
  JsonWriter& member(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

 private:
  void before_value();
  JsonWriter& close(char bracket);
  void newline();

  std::string& out_;
  OutputSpill spill_;
  std::vector<bool> has_items_;  // one per open container: has it written an item yet
  bool after_key_ = false;
};

}  // namespace statuslint
