// Fuzzes the decompressors' framing (gzip members, zstd frames, plain) and the chunk reader
// over them: the first byte picks the chunk size; decoding ends in data or an error, and every
// line of what was decoded is accounted for, with every consumer of the records on.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size == 0) return 0;
  ScanOptions o;
  o.format.text = LogFormat::preset("combined");
  o.chunk_bytes = 1 + data[0] * 3;
  o.max_line_bytes = 2048;
  fuzz::turn_on_consumers(o, (data[0] & 1) != 0);
  Scanner scanner(o);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto src = open_memory(bytes, "fuzz.gz");
  const InputSummary s = scanner.scan(*src, "fuzz.gz");
  FUZZ_CHECK(s.counts.balanced());
  return 0;
}
