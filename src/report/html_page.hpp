// The HTML page's writer and the JSON readers its parts share: the page is rendered from the
// JSON report, so that it states the same numbers, and each collector's part is written beside
// its other sections (ReportSection::html).
#pragma once

#include "formats/simdjson_linked.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "statuslint/report/escaping.hpp"

namespace statuslint::html {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

inline constexpr std::array<std::string_view, 7> kClasses = {"1xx", "2xx",     "3xx",        "4xx",
                                                             "5xx", "invalid", "no_response"};
// Past this many trend buckets, neighbours are drawn as one bar: the page's size follows the
// report's content, and a chart wider than a screen is not read anyway.
inline constexpr size_t kMaxChartBars = 400;

// Readers that tolerate absence: the page shows what the report has.
inline std::uint64_t count_of(element e, const char* key) {
  std::uint64_t v = 0;
  if (e[key].get_uint64().get(v) != simdjson::SUCCESS) return 0;
  return v;
}
inline std::string_view text_of(element e, const char* key) {
  std::string_view v;
  if (e[key].get_string().get(v) != simdjson::SUCCESS) return {};
  return v;
}
inline array array_of(element e, const char* key) {
  array a;
  if (e[key].get_array().get(a) != simdjson::SUCCESS) return {};
  return a;
}
inline bool flag_of(element e, const char* key) {
  bool v = false;
  if (e[key].get_bool().get(v) != simdjson::SUCCESS) return false;
  return v;
}
inline bool has(element e, const char* key) {
  element v;
  return e[key].get(v) == simdjson::SUCCESS && !v.is_null();
}

class Page {
 public:
  explicit Page(std::string& out) : out_(out) {}
  Page& raw(std::string_view s) {
    out_ += s;
    return *this;
  }
  Page& text(std::string_view s) {
    append_html_escaped(out_, s);
    return *this;
  }
  Page& number(std::uint64_t n) {
    // Digits grouped by thin spaces for reading; the exact value stays in data-v.
    const std::string digits = std::to_string(n);
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out_ += "\u2009";
      out_ += digits[i];
    }
    return *this;
  }
  Page& num(std::uint64_t n) { return raw(std::to_string(n)); }
  // A right-aligned numeric cell whose value the sorter and the browser test read.
  Page& count_cell(std::uint64_t n, std::string_view cls = "n") {
    raw("<td class=\"").raw(cls).raw("\" data-v=\"").num(n).raw("\">").number(n).raw("</td>");
    return *this;
  }
  // A table in its scrolling wrapper, up to the body: the header row, sortable on a click.
  struct Column {
    std::string_view label;
    std::string_view cls = {};
  };
  Page& table_open(std::initializer_list<Column> columns, bool sortable = false, std::string_view id = {}) {
    return table_open(std::span<const Column>(columns.begin(), columns.size()), sortable, id);
  }
  Page& table_open(std::span<const Column> columns, bool sortable = false, std::string_view id = {}) {
    raw("<div class=\"wrap\"><table");
    if (!id.empty()) raw(" id=\"").raw(id).raw("\"");
    if (sortable) raw(" class=\"sortable\"");
    raw("><thead><tr>");
    for (const Column& c : columns) {
      raw("<th");
      if (!c.cls.empty()) raw(" class=\"").raw(c.cls).raw("\"");
      raw(">").raw(c.label).raw("</th>");
    }
    return raw("</tr></thead><tbody>\n");
  }
  Page& table_close() { return raw("</tbody></table></div>\n"); }
  Page& share_cell(std::uint64_t part, std::uint64_t whole) {
    const double pct = whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", pct);
    raw("<td class=\"n\" data-v=\"").raw(buf).raw("\">");
    std::snprintf(buf, sizeof buf, "%.1f%%", pct);
    return raw(buf).raw("</td>");
  }

 private:
  std::string& out_;
};

}  // namespace statuslint::html
