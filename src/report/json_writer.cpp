#include "statuslint/report/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "statuslint/report/escaping.hpp"

namespace statuslint {

void JsonWriter::newline() {
  if (spill_ && out_.size() > kSpillBytes) {
    spill_(out_);
    out_.clear();
  }
  out_ += '\n';
  out_.append(2 * has_items_.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ += ',';
    has_items_.back() = true;
    newline();
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  const bool had = has_items_.back();
  has_items_.pop_back();
  if (had) newline();
  out_ += bracket;
  if (has_items_.empty()) out_ += '\n';
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  out_ += '"';
  append_json_escaped(out_, name);
  out_ += "\": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  out_ += '"';
  append_json_escaped(out_, s);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  before_value();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, res.ptr);
  return *this;
}

JsonWriter& JsonWriter::thousandths(std::uint64_t n) {
  before_value();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, n / 1000);
  out_.append(buf, res.ptr);
  const auto frac = static_cast<unsigned>(n % 1000);
  if (frac != 0) {
    char digits[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                      static_cast<char>('0' + frac % 10)};
    size_t len = 4;
    while (digits[len - 1] == '0') --len;
    out_.append(digits, len);
  }
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n) {
  before_value();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, res.ptr);
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  if (!std::isfinite(d)) return null();
  before_value();
  char buf[32];
  const int len = std::snprintf(buf, sizeof buf, "%.6g", d);
  out_.append(buf, static_cast<size_t>(len));
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace statuslint
