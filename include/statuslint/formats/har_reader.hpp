// HAR (HTTP Archive 1.2) input: one record per entry of log.entries.
//
// A HAR is one JSON document, often hundreds of megabytes from long browser sessions. It is
// held in memory once (with simdjson's padding) and walked with the On-Demand API: no DOM
// copy, so peak memory is close to the file size plus simdjson's structural index. Entries
// become records with response headers, status text, redirect URL, timings and page; status 0
// (a request the browser blocked or that failed) is "no response", with the browser's error.
// An entry that lacks a required field is malformed and the rest still count; a document
// that is not valid JSON stops the input with the byte offset and how far it got. Entries
// go to a RecordSink: the reader knows HAR, not what is done with records.
#pragma once

#include <string>
#include <string_view>

#include "statuslint/record/record_sink.hpp"

namespace statuslint {

// Reads `document` (the whole HAR; `capacity` >= size + 64 readable bytes, as simdjson needs)
// and pushes each entry of log.entries into `sink`: a record, or a malformed entry (one that
// lacks request.method, request.url or a numeric response.status). Returns "" when the
// document was read to its end, else why it stopped, naming `name`: not valid JSON or not a
// HAR (with the byte offset and how many entries were read), or truncated (a document cut
// off mid-write: its complete entries are read and the error says where it ends).
std::string read_har(std::string_view document, size_t capacity, std::string_view name, RecordSink& sink);

}  // namespace statuslint
