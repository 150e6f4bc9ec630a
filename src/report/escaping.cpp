#include "statuslint/report/escaping.hpp"

namespace statuslint {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex_escape(std::string& out, unsigned char c) {
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xf];
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      // Copy the run of plain ASCII at once: most log text is exactly that.
      size_t j = i + 1;
      while (j < text.size()) {
        const auto d = static_cast<unsigned char>(text[j]);
        if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') break;
        ++j;
      }
      out.append(text.data() + i, j - i);
      i = j;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        ++i;
        continue;
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
      ++i;
      continue;
    }
    if (const size_t len = utf8_sequence_length(text.substr(i)); len > 0) {
      out.append(text.data() + i, len);
      i += len;
    } else {
      out += "\\ufffd";
      ++i;
    }
  }
}

void append_terminal_safe(std::string& out, std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      if (c == '\\') out += '\\';
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const size_t len = c >= 0x80 ? utf8_sequence_length(text.substr(i)) : 0;
    // C1 controls (U+0080..U+009F, encoded C2 80..C2 9F) act as escape sequences on some
    // terminals, so they are escaped even though they are valid UTF-8.
    const bool c1 = len == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0;
    if (len > 0 && !c1) {
      out.append(text.data() + i, len);
      i += len;
      continue;
    }
    for (size_t k = 0; k < (c1 ? 2 : 1); ++k) append_hex_escape(out, static_cast<unsigned char>(text[i + k]));
    i += c1 ? 2 : 1;
  }
}

void append_html_escaped(std::string& out, std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
        out += static_cast<char>(c);
        break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out += static_cast<char>(c);
          break;
        }
        if (const size_t len = c >= 0x80 ? utf8_sequence_length(text.substr(i)) : 0; len > 0) {
          out.append(text.data() + i, len);
          i += len;
          continue;
        }
        append_hex_escape(out, c);
    }
    ++i;
  }
}

void append_label_value_escaped(std::string& out, std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      out += ' ';
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (const size_t len = utf8_sequence_length(text.substr(i)); len > 0) {
      out.append(text.data() + i, len);
      i += len;
      continue;
    } else {
      out += "\uFFFD";
    }
    ++i;
  }
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  append_terminal_safe(out, text);
  return out;
}

void append_markdown_escaped(std::string& out, std::string_view text) {
  std::string html;
  append_html_escaped(html, text);
  for (size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '&') {  // a reference append_html_escaped wrote: kept whole
      const size_t end = html.find(';', i);
      out.append(html, i, end - i + 1);
      i = end;
      continue;
    }
    if (c == '\n' || c == '\t') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_{}[]()#+-.!|~<>:$").find(c) != std::string_view::npos) out += '\\';
    out += c;
    // GitHub links @name and #123 after rendering, whatever the escapes: a zero-width space
    // after them keeps a path from pinging a person or naming an issue.
    if (c == '@' || c == '#') out += "\u200b";
  }
}

}  // namespace statuslint
