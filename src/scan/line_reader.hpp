// The line reader: one chunk of whole lines through the input's format (its envelope, the
// sibling formats a server mixes, the text format beside a JSON map, W3C and Zeek directives,
// CRI's split lines, logplex frames), each line pushed into a sink as a record, a malformed
// line, a blank line or another event. The fast text path (the structural index) and the exact
// one both live here. Readers persist from chunk to chunk on one thread, so that their caches
// and top-offender tables do; W3C and CRI inputs use one reader in input order.
#pragma once

#include <memory>
#include <string_view>

#include "statuslint/collect/record_collector.hpp"
#include "statuslint/formats/input_format.hpp"
#include "statuslint/input/chunk_reader.hpp"

namespace statuslint {

struct ChunkResult {
  Collected collected;  // line numbers (examples, findings) are local to the chunk
  Chunk chunk;          // handed back so its buffer can be reused
};

// Empty or only spaces and tabs.
inline bool is_blank(std::string_view line) noexcept {
  for (char c : line) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

class LineReader {
 public:
  LineReader(const InputFormat& format, const CollectOptions& collect, size_t max_line_bytes, bool exact_only);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads `chunk` into `out` (line numbers local to the chunk; merging shifts them).
  void process(const Chunk& chunk, ChunkResult& out);
  // Hands what its collectors kept over every chunk it read (top-offender tables) to the
  // input's states; once, at the input's end.
  void flush(CollectorStates& input);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statuslint
