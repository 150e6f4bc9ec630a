// Options that say how inputs are read, shared by `scan` and `compare`: --log-format,
// --json-field, --jobs, --since, --until, --chunk-size, --max-line-bytes and --quiet. apply()
// turns them into the scanner's settings, throwing boost::program_options::error on a bad
// value, so both commands read a log exactly alike.
#pragma once

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "statuslint/scan/scanner.hpp"

namespace statuslint::cli {

struct InputOptions {
  std::string log_format, chunk_size = "1M", max_line = "16M", since, until;
  std::vector<std::string> json_fields;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  bool quiet = false;

  void add_to(boost::program_options::options_description& options);
  // Fills the reading settings of `out` (format, threads, chunk and line sizes, time filter).
  void apply(ScanOptions& out) const;
};

// "64K", "1M", "16MiB", "4096" -> bytes; `option` names the option in the error.
size_t parse_size(const std::string& text, const char* option);
// The format presets and envelopes, as --help lists them.
std::string preset_list();

}  // namespace statuslint::cli
