// Fuzzes the HAR reader with the built-in rules: any document gives either an error or entries
// that all count (records + malformed == entries), never a crash.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "statuslint/formats/har_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  static const auto engine = fuzz::builtin_rules();
  std::string doc(reinterpret_cast<const char*>(data), size);
  doc.resize(size + 64);
  InputSummary s;
  s.name = "fuzz.har";
  CollectOptions collect;
  collect.rules = engine.get();
  collect.trends = true;
  collect.top_counters = 8;
  collect.top_memory = size % 2 == 0 ? 512 : kDefaultTopMemory;  // the sketch path too
  read_har(std::string_view(doc.data(), size), doc.size(), s, collect);
  FUZZ_CHECK(s.counts.balanced());
  FUZZ_CHECK(s.counts.blank == 0);
  return 0;
}
