// Fuzzes format and envelope detection and every line reader through the whole scanner, with
// no format given and every consumer on: the first byte picks the chunk size (and whether
// lines are grown long). Every line is
// accounted for, and the whole report (detected format included) is the same for two threads
// and small chunks as for one thread and the whole input in one chunk.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size == 0) return 0;
  // With the first byte's top bit set, the next four repeat a part of the input
  // (fuzz::repeat_part): lines of tens of KiB, past the detection window, under a line limit
  // that keeps them (the limit is otherwise low, so that the oversized path runs too).
  const bool long_lines = (data[0] & 0x80) != 0 && size >= 5;
  const std::string bytes =
      long_lines ? fuzz::repeat_part(std::string_view(reinterpret_cast<const char*>(data + 5), size - 5), data + 1)
                 : std::string(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto scan = [&](size_t chunk_bytes, unsigned threads) {
    ScanOptions o;
    o.chunk_bytes = chunk_bytes;
    o.threads = threads;
    o.max_line_bytes = long_lines ? size_t{16} << 20 : 2048;
    fuzz::turn_on_consumers(o, false);
    Scanner scanner(o);
    auto src = open_memory(bytes, "fuzz.log");
    InputSummary s = scanner.scan(*src, "fuzz.log");
    FUZZ_CHECK(s.counts.balanced());
    FUZZ_CHECK(s.counts.truncated <= s.counts.records);
    return fuzz::whole_report(std::move(s), o);
  };
  FUZZ_CHECK(scan(1 + (data[0] % 64) * 5, 2) == scan(bytes.size() + 1, 1));
  return 0;
}
