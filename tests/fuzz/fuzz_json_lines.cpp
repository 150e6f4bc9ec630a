// Fuzzes the JSON-lines reader through the whole scanner (framing, chunks, threads): the first
// byte picks the preset and the chunk size; every line is accounted for.
#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "statuslint/scanner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size == 0) return 0;
  static const char* presets[] = {"nginx-json", "caddy", "traefik-json"};
  ScanOptions o;
  o.format = InputFormat::from_spec(presets[data[0] % 3]);
  o.chunk_bytes = 1 + (data[0] >> 2) * 7;
  o.max_line_bytes = 4096;
  Scanner scanner(o);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto src = open_memory(bytes, "fuzz.jsonl");
  const InputSummary s = scanner.scan(*src, "fuzz.jsonl");
  FUZZ_CHECK(s.counts.balanced());
  // Plain input: every line of the bytes is counted. (Input that starts with a gzip or zstd
  // magic number is decoded first, so its lines are those of the decoded text.)
  if (detect_compression(bytes.substr(0, 4)) == Compression::None) {
    FUZZ_CHECK(s.counts.lines == static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.end(), '\n')) +
                                     (!bytes.empty() && bytes.back() != '\n' ? 1 : 0));
  }
  return 0;
}
