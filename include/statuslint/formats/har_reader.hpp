// HAR (HTTP Archive 1.2) input: one record per entry of log.entries.
//
// A HAR is one JSON document, often hundreds of megabytes from long browser sessions. It is
// never held whole: HarEntrySplitter finds each entry's extent in the byte stream, and each
// entry is parsed on its own with simdjson On-Demand (no DOM), so memory is bounded by the
// largest entry, and entries can be parsed on several threads. Entries become records with
// response headers, status text, redirect URL, timings and page; status 0 (a request the
// browser blocked or that failed) is "no response", with the browser's error. An entry that
// lacks a required field is malformed and the rest still count; an entry that is not valid
// JSON stops the input with the byte offset and how far it got; a document cut off keeps
// its complete entries. Entries go to a RecordSink: the reader knows HAR, not what is done
// with records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "statuslint/formats/har_entry_splitter.hpp"
#include "statuslint/record/record_sink.hpp"

namespace statuslint {

// Readable bytes simdjson needs after an entry's last byte.
inline constexpr size_t kHarEntryPadding = 64;

// Who wrote the HAR (log.creator.name), for the quirks of each producer's exports.
enum class HarProducer : std::uint8_t {
  Other,
  Chromium,  // "WebInspector": Chrome, Edge, Opera DevTools
  Firefox,   // "Firefox"
};
// The producer named in the document's head (HarEntrySplitter::head()).
HarProducer har_producer(std::string_view head) noexcept;

// Where an entry is: its index in log.entries, the line it starts on, its byte offset; and
// who wrote it.
struct HarEntryPlace {
  std::uint64_t index = 0;
  std::uint64_t line = 1;
  std::uint64_t offset = 0;
  HarProducer producer = HarProducer::Other;
};

// Parses one entry (its object as HarEntrySplitter found it, with `capacity` >= size +
// kHarEntryPadding readable bytes) and pushes it into `sink`: a record, or a malformed entry
// (one that lacks request.method, request.url or a numeric response.status). False, with
// `error` ("entry N: why at byte B"), when the entry is not a valid JSON object.
bool read_har_entry(std::string_view json, size_t capacity, const HarEntryPlace& place, RecordSink& sink,
                    std::string& error);

// An entry HarEntrySplitter reported oversized (not held): a malformed entry with its size.
void oversized_har_entry(const HarEntryPlace& place, std::uint64_t size, RecordSink& sink);

// Why a HAR input stopped short, naming `name`, from how the splitter saw it end; "" when it
// is complete: not a JSON object, no log.entries, or truncated (a document cut off
// mid-write: its complete entries were read and the error says where it ends).
std::string har_end_error(HarEntrySplitter::End end, const HarEntrySplitter& split, std::string_view name);

// Reads a whole HAR held in memory (tests, fuzzers): the entries into `sink`, on this thread.
// Returns "" or why the input stopped short (har_end_error, or an entry that is not valid
// JSON, with how many entries were read before it).
std::string read_har(std::string_view document, std::string_view name, RecordSink& sink);

}  // namespace statuslint
