// Fuzzes the custom-format compiler (nginx, Apache and W3C syntaxes): the first byte picks the
// syntax, the rest is the format string. A format either compiles or throws FormatError; a
// compiled format then parses its own text and a real line without crashing.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "statuslint/formats/log_format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::shared_ptr<const LogFormat> fmt;
  try {
    switch (data[0] % 3) {
      case 0:
        fmt = LogFormat::from_nginx(text);
        break;
      case 1:
        fmt = LogFormat::from_apache(text);
        break;
      default:
        fmt = LogFormat::from_w3c_fields(text);
        break;
    }
  } catch (const FormatError&) {
    return 0;
  }
  FUZZ_CHECK(fmt->has_field(LogField::Status));
  Record r;
  ParseError err;
  for (std::string_view line :
       {std::string_view(text),
        std::string_view(R"(1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 12 "-" "ua")")}) {
    if (fmt->parse(line, r, err) == LogFormat::Fit::Malformed) FUZZ_CHECK(!fmt->describe(err).empty());
  }
  return 0;
}
