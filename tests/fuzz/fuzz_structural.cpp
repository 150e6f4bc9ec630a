// Holds the structural (fast) line parser to the exact one: the first byte picks the preset,
// the second the instruction set and the line's alignment, the rest is the line. Whenever
// the fast parser does not decline, its fit, error and every record field must be the exact
// parser's.
#include <cstdint>
#include <string>
#include <string_view>

#include "support/record_text.hpp"
#include "fuzz_common.hpp"
#include "statuslint/formats/log_format.hpp"
#include "statuslint/formats/structural_index.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size < 2) return 0;
  static const auto presets = LogFormat::presets();
  const auto fmt = LogFormat::preset(presets[data[0] % presets.size()].name);
  if (fmt->structural_bytes().empty()) return 0;
  const auto isa = static_cast<StructuralIndex::Isa>(data[1] % 4);
  const size_t shift = data[1] / 4 % 64;
  const std::string_view input(reinterpret_cast<const char*>(data + 2), size - 2);
  // The scanner hands the parser one line: up to the first newline.
  const std::string_view line = input.substr(0, input.find('\n'));
  std::string buffer(shift, 'z');
  buffer.append(line);
  buffer += '\n';
  const std::string_view in_buffer(buffer.data() + shift, line.size());
  StructuralIndex index(fmt->structural_bytes(), isa);
  index.build(shift % 2 == 0 ? in_buffer.data() : buffer.data(), buffer.data() + buffer.size());
  Record fast, exact;
  ParseError fast_error, exact_error;
  LogFormat::Fit fit{};
  if (!fmt->parse_structural(in_buffer, index, fast, fast_error, fit)) {
    FUZZ_CHECK(line.find('\\') != std::string_view::npos || line.size() + shift > StructuralIndex::kWindowBytes);
    return 0;
  }
  const LogFormat::Fit expected = fmt->parse(in_buffer, exact, exact_error);
  FUZZ_CHECK(fit == expected);
  if (expected == LogFormat::Fit::Malformed) {
    FUZZ_CHECK(fmt->describe(fast_error) == fmt->describe(exact_error));
  } else {
    FUZZ_CHECK(test::record_text(fast) == test::record_text(exact));
  }
  return 0;
}
