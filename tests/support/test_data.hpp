// Helpers shared by the unit tests: reading the checked-in test data.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace statuslint::test {

inline std::string data_path(const std::string& name) { return std::string(STATUSLINT_TEST_DATA) + "/" + name; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Rows of a tab-separated file, skipping '#' comment lines and, if asked, a header row.
inline std::vector<std::vector<std::string>> read_tsv(const std::string& path, bool has_header) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  bool header = has_header;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    rows.push_back(cols);
  }
  return rows;
}

}  // namespace statuslint::test
