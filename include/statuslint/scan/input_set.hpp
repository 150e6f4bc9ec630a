// Many inputs in one command (a night's rotated access.log.*.gz): up to `threads` of them are
// read, decompressed and parsed at once, on threads of their own and one shared pool of
// chunk workers, and their summaries are handed back strictly in input order, so the report
// (and every message about an input) is identical for every -j.
//
// Why whole inputs and not only chunks: a gzip stream decodes on one thread, so with inputs
// taken one after another, the decoding thread is the bound and the other cores wait on it.
// Memory stays bounded for all inputs together: each input's pipeline keeps its share of the
// 2 * threads chunks in flight (ScanOptions::concurrent_inputs), and at most 8 * threads
// finished summaries wait for the ones before them. At most `threads` files are open at once.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "statuslint/collect/summary.hpp"
#include "statuslint/input/input_source.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint {

class Progress;

struct InputSetOptions {
  std::optional<ByteRange> range;  // --byte-range: the same range of every input
  // Drawn by the calling thread for the earliest input not yet delivered; `display_name`
  // makes a path safe to show on a terminal.
  Progress* progress = nullptr;
  std::function<std::string(const std::string&)> display_name;
};

// Scans `paths` ("-" is standard input) with `options` (its `progress` and
// `concurrent_inputs` are set here) and calls `deliver` on the calling thread with each
// input's summary, in the order of `paths`. An exception thrown while scanning an input is
// rethrown here, in its turn.
void scan_inputs(const std::vector<std::string>& paths, ScanOptions options, const InputSetOptions& set,
                 const std::function<void(InputSummary&)>& deliver);

}  // namespace statuslint
