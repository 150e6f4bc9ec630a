// A table for the text reports: columns padded to their widest cell (counted in code points,
// since cells are already terminal-safe UTF-8), numbers right-aligned.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace statuslint {

class Table {
 public:
  explicit Table(std::vector<bool> right_aligned) : right_(std::move(right_aligned)) {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void write(std::string& out, std::string_view indent = "  ") const {
    std::vector<size_t> width(right_.size(), 0);
    for (const auto& r : rows_) {
      for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
    }
    for (const auto& r : rows_) {
      std::string line(indent);
      for (size_t i = 0; i < r.size(); ++i) {
        const size_t pad = width[i] - display_width(r[i]);
        if (right_[i]) line.append(pad, ' ');
        line += r[i];
        if (!right_[i] && i + 1 < r.size()) line.append(pad, ' ');
        if (i + 1 < r.size()) line += "  ";
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line;
      out += '\n';
    }
  }

 private:
  // Cells are already terminal-safe; count UTF-8 code points, not bytes.
  static size_t display_width(const std::string& s) {
    return static_cast<size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
  }
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace statuslint
