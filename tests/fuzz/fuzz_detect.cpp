// Fuzzes format and envelope detection and every line reader through the whole scanner, with
// no format given and every consumer on: the first byte picks the chunk size. Every line is
// accounted for, and the whole report (detected format included) is the same for two threads
// and small chunks as for one thread and the whole input in one chunk.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto scan = [&](size_t chunk_bytes, unsigned threads) {
    ScanOptions o;
    o.chunk_bytes = chunk_bytes;
    o.threads = threads;
    o.max_line_bytes = 2048;
    fuzz::turn_on_consumers(o, false);
    Scanner scanner(o);
    auto src = open_memory(bytes, "fuzz.log");
    InputSummary s = scanner.scan(*src, "fuzz.log");
    FUZZ_CHECK(s.counts.balanced());
    FUZZ_CHECK(s.counts.truncated <= s.counts.records);
    return fuzz::whole_report(std::move(s), o);
  };
  FUZZ_CHECK(scan(1 + (data[0] % 64) * 5, 2) == scan(size + 1, 1));
  return 0;
}
