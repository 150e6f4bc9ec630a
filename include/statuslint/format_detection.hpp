// Format detection: which preset fits the first lines of an input.
//
// Used when the user gives no --log-format. W3C logs announce themselves with '#' directives;
// for the others every preset parses a sample of lines and the one that fits most lines
// wins, with whole-line fits counting more than fits with appended fields, and ties going
// to the more specific preset (the order of LogFormat::presets()).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "statuslint/log_format.hpp"

namespace statuslint {

struct FormatDetection {
  std::shared_ptr<const LogFormat> format;  // null when nothing fits
  size_t sampled = 0;                       // non-blank lines looked at
  size_t fitted = 0;                        // of those, lines the chosen format parsed
  // A sentence for the user: "combined (20 of 20 sample lines)" or why nothing fits.
  std::string explanation;
};

// Looks at up to `max_lines` non-blank lines at the start of `sample`.
FormatDetection detect_format(std::string_view sample, size_t max_lines = 50);

}  // namespace statuslint
