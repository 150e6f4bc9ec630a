// Long lines through the whole scanner: the first byte picks the preset, the next four what to
// repeat (fuzz::repeat_part) so that fields grow to tens of KiB, and the sixth the chunk size.
// The fast text path must give the exact path's whole report, for two threads and small chunks
// as for one thread and one chunk: a line longer than the structural window, followed by
// more lines, used to send the line-end walker past its window (a crash).
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size < 6) return 0;
  static const auto presets = LogFormat::presets();
  const std::string_view preset = presets[data[0] % presets.size()].name;
  const std::string bytes =
      fuzz::repeat_part(std::string_view(reinterpret_cast<const char*>(data + 6), size - 6), data + 1);
  const auto scan = [&](size_t chunk_bytes, unsigned threads, bool exact) {
    ScanOptions o;
    o.format = InputFormat::from_spec(std::string(preset));
    o.chunk_bytes = chunk_bytes;
    o.threads = threads;
    o.exact_text_only = exact;
    fuzz::turn_on_consumers(o, false);
    Scanner scanner(o);
    auto src = open_memory(bytes, "fuzz.log");
    InputSummary s = scanner.scan(*src, "fuzz.log");
    FUZZ_CHECK(s.counts.balanced());
    return fuzz::whole_report(std::move(s), o);
  };
  const size_t chunk = size_t{4096} << (data[5] % 9);  // 4 KiB to 1 MiB
  FUZZ_CHECK(scan(chunk, 2, false) == scan(bytes.size() + 1, 1, true));
  return 0;
}
