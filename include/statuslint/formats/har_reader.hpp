// HAR (HTTP Archive 1.2) input: one record per entry of log.entries.
//
// A HAR is one JSON document, often hundreds of megabytes from long browser sessions. It is
// held in memory once (with simdjson's padding) and walked with the On-Demand API: no DOM
// copy, so peak memory is close to the file size plus simdjson's structural index. Entries
// become records with response headers, status text, redirect URL, timings and page; status 0
// (a request the browser blocked or that failed) is "no response", with the browser's error.
// An entry that lacks a required field is malformed and the rest still count; a document
// that is not valid JSON stops the input with the byte offset and how far it got.
#pragma once

#include <string>
#include <string_view>

#include "statuslint/collect/record_collector.hpp"
#include "statuslint/collect/summary.hpp"

namespace statuslint {

// Reads `document` (the whole HAR; `capacity` >= size + 64 readable bytes, as simdjson needs)
// into `summary`: counts, malformed entries and no-response examples (up to
// collect.max_examples each). Sets summary.error when the document is not valid HAR. `lines`
// counts entries.
// Records go through a collector built from `collect` (rules, filters, trends), filling
// summary.counts, summary.findings and summary.trends.
void read_har(std::string_view document, size_t capacity, InputSummary& summary, const CollectOptions& collect);

}  // namespace statuslint
