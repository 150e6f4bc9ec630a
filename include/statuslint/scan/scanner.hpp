// The scan pipeline: bytes -> chunks of whole lines -> records -> counts, per input, for text
// and JSON-lines logs; HAR documents are read whole (har_reader).
//
// The calling thread reads and decompresses; with more than one thread, chunks are parsed
// by a worker pool and their results merged back in input order, so counts, examples and
// line numbers are identical for every thread count and chunk size. Memory is bounded by
// (threads * 2 + 1) chunk buffers, whatever the input size. Bad input never throws out of
// scan(): every line is a record, a malformed line or a blank line, and read or decode
// errors end the input with InputSummary::error set.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "statuslint/collect/record_collector.hpp"
#include "statuslint/collect/summary.hpp"
#include "statuslint/collect/trends.hpp"
#include "statuslint/formats/format_detection.hpp"
#include "statuslint/formats/input_format.hpp"
#include "statuslint/input/input_source.hpp"

namespace statuslint {

class WorkerPool;
class Progress;
class ChunkReader;
struct Chunk;

struct ScanOptions {
  InputFormat format;                                   // empty: detect per input from its first bytes
  std::vector<JsonLineFormat::Mapping> json_overrides;  // --json-field, for detected JSON lines
  unsigned threads = 1;                                 // parsing threads; 1 parses on the calling thread
  size_t chunk_bytes = size_t{1} << 20;
  size_t max_line_bytes = size_t{16} << 20;  // longer lines are malformed and never buffered
  std::shared_ptr<const RuleEngine> rules;   // null: no rules
  // What happens to records: examples, --since/--until, trends, top offenders. Its rule
  // fields are set per input from `rules` and the format.
  CollectOptions collect;
  Progress* progress = nullptr;  // told how far the reading thread has got
  // Text lines are parsed the exact way only, never through the structural index: the
  // reference that the differential tests hold the fast path to.
  bool exact_text_only = false;
  // Inputs scanned at once on the same pool (scan/input_set): each one's pipeline keeps its
  // share of the 2 * threads chunks in flight, so memory stays bounded for all of them.
  unsigned concurrent_inputs = 1;
};

class Scanner {
 public:
  explicit Scanner(ScanOptions options);
  // Parses on `pool` (shared with other scanners running other inputs at once) instead of a
  // pool of its own; null parses on the calling thread only.
  Scanner(ScanOptions options, std::shared_ptr<WorkerPool> pool);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Scans one input already opened.
  InputSummary scan(ByteSource& source, const std::string& name);
  // Opens `path` ("-" for standard input) and scans it; an input that cannot be opened
  // gives a summary with `error` set and no lines.
  InputSummary scan_path(const std::string& path);
  // Scans the lines of `path` that begin in `range` (see open_input_range), as one part of a
  // scan of the whole file: the format is detected from the file's first bytes and line
  // numbers are the file's, so the partial summaries of any cut merge to one scan.
  InputSummary scan_range(const std::string& path, ByteRange range);
  // Reads `path`'s detection window and reports what detection (or the given format) makes
  // of it, keeping up to `max_lines` of the lines it read.
  InputDetection detect_path(const std::string& path, size_t max_lines);
  // Where the reading thread stores how many bytes of the input file it has consumed, for a
  // progress line drawn by another thread (with ScanOptions::progress, it is also told).
  void report_read_to(std::atomic<std::uint64_t>* offset) noexcept { read_offset_ = offset; }

 private:
  void note_read(const ByteSource& source) const;
  size_t in_flight_share() const noexcept;  // chunks this input may have in flight
  // A HAR: one document, read whole (memory-mapped when it is a plain file).
  void scan_har(ByteSource& source, ChunkReader& reader, std::deque<Chunk>& ahead, const CollectOptions& collect,
                InputSummary& summary) const;
  // Line formats: chunks parsed on the pool, merged back in input order.
  void scan_lines(ByteSource& source, ChunkReader& reader, std::deque<Chunk>& ahead, const InputFormat& format,
                  const CollectOptions& collect, InputSummary& summary);

  ScanOptions options_;
  std::uint64_t line_base_ = 0;  // lines of the file before the input being scanned (scan_range)
  std::shared_ptr<WorkerPool> pool_;
  std::atomic<std::uint64_t>* read_offset_ = nullptr;
  DetectionHint detection_hint_;  // the last input's preset, tried first on the next
};

}  // namespace statuslint
