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

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "statuslint/formats/input_format.hpp"
#include "statuslint/input/input_source.hpp"
#include "statuslint/collect/summary.hpp"
#include "statuslint/collect/trends.hpp"

namespace statuslint {

class WorkerPool;
class Progress;
class ChunkReader;
struct Chunk;
struct CollectOptions;

struct ScanOptions {
  InputFormat format;                       // empty: detect per input from its first bytes
  std::vector<JsonLineFormat::Mapping> json_overrides;  // --json-field, for detected JSON lines
  unsigned threads = 1;                     // parsing threads; 1 parses on the calling thread
  size_t chunk_bytes = size_t{1} << 20;
  size_t max_line_bytes = size_t{16} << 20;  // longer lines are malformed and never buffered
  size_t max_examples = 5;                   // malformed lines (and findings per rule) kept per input
  std::shared_ptr<const RuleEngine> rules;    // null: no rules
  std::optional<std::int64_t> since, until;   // keep records in [since, until) (UTC seconds)
  bool trends = false;                        // collect counts per time bucket
  std::int64_t bucket_seconds = kMinute;      // granularity collected (reports may coarsen)
  size_t top_counters = 0;                    // > 0: top offenders, with this many counters per sketch
  bool top_keep_query = false;
  size_t top_memory = kDefaultTopMemory;      // exact top-offender tables, all together
  Progress* progress = nullptr;               // told how far the reading thread has got
};

class Scanner {
 public:
  explicit Scanner(ScanOptions options);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Scans one input already opened.
  InputSummary scan(ByteSource& source, const std::string& name);
  // Opens `path` ("-" for standard input) and scans it; an input that cannot be opened
  // gives a summary with `error` set and no lines.
  InputSummary scan_path(const std::string& path);

 private:
  void read_whole_har(ChunkReader& reader, std::deque<Chunk>& ahead, InputSummary& summary, std::uint64_t size_hint,
                      const CollectOptions& collect);

  ScanOptions options_;
  std::unique_ptr<WorkerPool> pool_;
};

}  // namespace statuslint
