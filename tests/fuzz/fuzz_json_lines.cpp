// Fuzzes the JSON-lines reader through the whole scanner (framing, chunks, threads) with every
// consumer on: the first byte picks the preset and the chunk size; every line is accounted
// for, and the whole report is the same for one thread and whole-input chunks as for two
// threads and small chunks.
#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "statuslint/input/chunk_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  if (size == 0) return 0;
  static const char* presets[] = {"nginx-json", "caddy", "traefik-json"};
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto scan = [&](size_t chunk_bytes, unsigned threads, bool tiny_budget) {
    ScanOptions o;
    o.format = InputFormat::from_spec(presets[data[0] % 3]);
    o.chunk_bytes = chunk_bytes;
    o.threads = threads;
    o.max_line_bytes = 4096;
    fuzz::turn_on_consumers(o, tiny_budget);
    Scanner scanner(o);
    auto src = open_memory(bytes, "fuzz.jsonl");
    InputSummary s = scanner.scan(*src, "fuzz.jsonl");
    FUZZ_CHECK(s.counts.balanced());
    return fuzz::whole_report(std::move(s), o);
  };
  const std::string small_chunks = scan(1 + (data[0] >> 2) * 7, 2, false);
  FUZZ_CHECK(small_chunks == scan(size + 1, 1, false));
  scan(1 + (data[0] >> 2) * 7, 1, true);

  ScanOptions o;
  o.format = InputFormat::from_spec(presets[data[0] % 3]);
  o.max_line_bytes = 4096;
  Scanner scanner(o);
  auto src = open_memory(bytes, "fuzz.jsonl");
  const InputSummary s = scanner.scan(*src, "fuzz.jsonl");
  // Plain input: every line of the bytes is counted. (Input that starts with a gzip or zstd
  // magic number is decoded first, so its lines are those of the decoded text; a byte order
  // mark at the start is no text, so a file holding only one has no line.)
  if (detect_compression(bytes.substr(0, 4)) == Compression::None) {
    const std::string_view text = bytes.starts_with(kUtf8Bom) ? bytes.substr(kUtf8Bom.size()) : bytes;
    FUZZ_CHECK(s.counts.lines == static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')) +
                                     (!text.empty() && text.back() != '\n' ? 1 : 0));
  }
  return 0;
}
