// Fuzzes the HAR reader through the scanner with every consumer on (built-in rules, trends,
// top offenders): any document gives either an error or entries that all count
// (records + malformed == entries), never a crash.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  ScanOptions o;
  o.format.har = true;
  fuzz::turn_on_consumers(o, size % 2 == 0);  // the sketch path too
  Scanner scanner(o);
  const std::string_view doc(reinterpret_cast<const char*>(data), size);
  auto src = open_memory(doc, "fuzz.har");
  const InputSummary s = scanner.scan(*src, "fuzz.har");
  FUZZ_CHECK(s.counts.balanced());
  FUZZ_CHECK(s.counts.blank == 0);
  return 0;
}
