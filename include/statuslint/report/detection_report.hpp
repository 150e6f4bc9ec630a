// The report of `statuslint detect`: for each input, the format chosen (or why none was), the
// options that pin it, the candidates that were tried with what each read, and the first lines
// with every field labelled, so that a guess can be checked at a glance. Text and JSON.
#pragma once

#include <span>
#include <string>

#include "statuslint/formats/format_detection.hpp"

namespace statuslint {

// `lines`: how many of each input's sample lines to label.
void write_detection_text(std::string& out, std::span<const InputDetection> inputs, size_t lines);
void write_detection_json(std::string& out, std::span<const InputDetection> inputs, size_t lines);

}  // namespace statuslint
