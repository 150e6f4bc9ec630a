#include "statuslint/report/escaping.hpp"

#include <gtest/gtest.h>

namespace statuslint {
namespace {

std::string json(std::string_view s) {
  std::string out;
  append_json_escaped(out, s);
  return out;
}

TEST(JsonEscape, PlainAndSpecialCharacters) {
  EXPECT_EQ(json("GET /index.html"), "GET /index.html");
  EXPECT_EQ(json("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(json("\n\r\t"), "\\n\\r\\t");
  EXPECT_EQ(json(std::string_view("\x00\x1b", 2)), "\\u0000\\u001b");
}

TEST(JsonEscape, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(json("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(json("\xff"), "\\ufffd");
  EXPECT_EQ(json("\xc3"), "\\ufffd") << "truncated sequence";
  EXPECT_EQ(json("\xc0\xaf"), "\\ufffd\\ufffd") << "overlong";
  EXPECT_EQ(json("\xed\xa0\x80"), "\\ufffd\\ufffd\\ufffd") << "surrogate";
  EXPECT_EQ(json("\xf4\x90\x80\x80"), "\\ufffd\\ufffd\\ufffd\\ufffd") << "past U+10FFFF";
  EXPECT_EQ(json("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80");
}

TEST(TerminalSafe, EscapesControlSequences) {
  EXPECT_EQ(terminal_safe("Mozilla/5.0"), "Mozilla/5.0");
  EXPECT_EQ(terminal_safe("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
  EXPECT_EQ(terminal_safe("a\\x1b"), "a\\\\x1b") << "a literal backslash cannot forge an escape";
  EXPECT_EQ(terminal_safe("\r\n\x7f"), "\\x0d\\x0a\\x7f");
  EXPECT_EQ(terminal_safe("\xc2\x9b"
                          "31m"),
            "\\xc2\\x9b31m")
      << "C1 CSI";
  EXPECT_EQ(terminal_safe("\xff"), "\\xff");
  EXPECT_EQ(terminal_safe("\xe2\x82\xac"), "\xe2\x82\xac");
}

}  // namespace
}  // namespace statuslint

namespace statuslint {
namespace {

// Log text in the HTML report can open no tag, end no attribute and close no <style> or
// <script>; controls and invalid bytes are shown, valid UTF-8 passes.
TEST(HtmlEscaping, LogTextStaysText) {
  std::string out;
  append_html_escaped(out, "\"><script>alert('x')</script>&amp;</style>");
  EXPECT_EQ(out, "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;&lt;/style&gt;");
  out.clear();
  append_html_escaped(out, std::string_view("a\x1b[31m\x00\xff\tb\xc3\xa9", 12));
  EXPECT_EQ(out, "a\\x1b[31m\\x00\\xff\tb\xc3\xa9");
}

}  // namespace
}  // namespace statuslint
