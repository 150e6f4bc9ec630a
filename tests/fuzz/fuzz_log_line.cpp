// Fuzzes each access-log preset's line parser: the first byte picks the preset, the rest is
// the line. Every parse either succeeds with fields inside the line or fails with an error
// that describes itself.
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "statuslint/formats/log_format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size == 0) return 0;
  static const auto presets = LogFormat::presets();
  const auto fmt = LogFormat::preset(presets[data[0] % presets.size()].name);
  const std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
  Record r;
  ParseError err;
  if (fmt->parse(line, r, err) == LogFormat::Fit::Malformed) {
    FUZZ_CHECK(!fmt->describe(err).empty());
    FUZZ_CHECK(err.column <= line.size());
  } else {
    const auto inside = [&](std::string_view v) {
      return v.empty() || (v.data() >= line.data() && v.data() + v.size() <= line.data() + line.size());
    };
    FUZZ_CHECK(inside(r.status_text) && inside(r.path) && inside(r.user_agent) && inside(r.method));
    FUZZ_CHECK(r.status_info != nullptr);
  }
  return 0;
}
