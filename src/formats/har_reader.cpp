#include "statuslint/formats/har_reader.hpp"

#include "statuslint/formats/status_field.hpp"
#include "statuslint/input/chunk_reader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace statuslint {
namespace {

using namespace simdjson;

// Keys are compared as written (raw_json_string), without unescaping: HAR keys are plain
// ASCII, and unescaping every key of every entry took a tenth of the time.

std::string_view string_or_empty(ondemand::value v) {
  std::string_view s;
  if (v.get_string().get(s) != SUCCESS) return {};
  return s;
}

// A JSON number as written ("-1", "12.5"); empty if it is not a number.
std::string_view number_text(ondemand::value v) {
  ondemand::json_type type;
  if (v.type().get(type) != SUCCESS || type != ondemand::json_type::number) return {};
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) {
    raw.remove_suffix(1);
  }
  return raw;
}

struct EntryState {
  bool has_request = false, has_method = false, has_url = false, has_response = false, has_status = false;
  std::string_view url;
  std::string_view status_number;
};

// Fills the record from request {method, url, httpVersion}. Unknown members are skipped.
error_code read_request(ondemand::object request, Record& r, EntryState& st) {
  for (auto field : request) {
    ondemand::raw_json_string key;
    if (auto err = field.key().get(key)) return err;
    ondemand::value v;
    if (auto err = field.value().get(v)) return err;
    if (key.unsafe_is_equal("method")) {
      r.method = string_or_empty(v);
      st.has_method = true;
    } else if (key.unsafe_is_equal("url")) {
      st.url = r.path = string_or_empty(v);
      st.has_url = true;
    } else if (key.unsafe_is_equal("httpVersion")) {
      if (r.protocol.empty()) r.protocol = string_or_empty(v);
    }
  }
  return SUCCESS;
}

error_code read_headers(ondemand::array headers, std::vector<Header>& out) {
  for (auto element : headers) {
    ondemand::object header;
    if (auto err = element.get_object().get(header)) return err;
    Header h;
    for (auto field : header) {
      ondemand::raw_json_string key;
      if (auto err = field.key().get(key)) return err;
      ondemand::value v;
      if (auto err = field.value().get(v)) return err;
      if (key.unsafe_is_equal("name"))
        h.name = string_or_empty(v);
      else if (key.unsafe_is_equal("value"))
        h.value = string_or_empty(v);
    }
    out.push_back(h);
  }
  return SUCCESS;
}

error_code read_response(ondemand::object response, Record& r, EntryState& st, std::vector<Header>& headers) {
  std::int64_t body_size = -1, content_size = -1;
  for (auto field : response) {
    ondemand::raw_json_string key;
    if (auto err = field.key().get(key)) return err;
    ondemand::value v;
    if (auto err = field.value().get(v)) return err;
    if (key.unsafe_is_equal("status")) {
      st.status_number = number_text(v);
      st.has_status = !st.status_number.empty();
    } else if (key.unsafe_is_equal("statusText")) {
      r.status_reason = string_or_empty(v);
      r.has_status_reason = true;
    } else if (key.unsafe_is_equal("httpVersion")) {
      // The response's version is the one the status line came with.
      const std::string_view version = string_or_empty(v);
      if (!version.empty()) r.protocol = version;
    } else if (key.unsafe_is_equal("headers")) {
      ondemand::array array;
      if (v.get_array().get(array) == SUCCESS) {
        if (auto err = read_headers(array, headers)) return err;
        r.has_headers = true;
      }
    } else if (key.unsafe_is_equal("redirectURL")) {
      r.redirect_url = string_or_empty(v);
    } else if (key.unsafe_is_equal("bodySize")) {
      if (v.get_int64().get(body_size) != SUCCESS) body_size = -1;
    } else if (key.unsafe_is_equal("content")) {
      ondemand::object content;
      if (v.get_object().get(content) == SUCCESS) {
        for (auto c : content) {
          ondemand::raw_json_string ckey;
          if (auto err = c.key().get(ckey)) return err;
          if (ckey.unsafe_is_equal("size")) {
            ondemand::value cv;
            if (auto err = c.value().get(cv)) return err;
            if (cv.get_int64().get(content_size) != SUCCESS) content_size = -1;
          }
        }
      }
    } else if (key.unsafe_is_equal("_error")) {
      r.error = string_or_empty(v);
    }
  }
  // bodySize is what went over the wire; -1 (unknown) falls back to the decoded size.
  r.bytes = body_size >= 0 ? body_size : (content_size >= 0 ? content_size : -1);
  return SUCCESS;
}

std::string describe_missing(const EntryState& st) {
  if (!st.has_request) return "entry has no request object";
  if (!st.has_method) return "entry has no request.method";
  if (!st.has_url) return "entry has no request.url";
  if (!st.has_response) return "entry has no response object";
  return "entry has no numeric response.status";
}

// For a document that ends early (a HAR cut off mid-write or mid-download): the offset just
// after the last entry object that closed, where "]}}" would end log.entries, log and the
// document. Entries sit at depth 4 (root, log, entries, entry). npos when none closed.
size_t last_complete_entry_end(std::string_view doc) {
  size_t depth = 0, cut = std::string_view::npos;
  bool in_string = false;
  for (size_t i = 0; i < doc.size(); ++i) {
    const char c = doc[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
      if (c == '}' && depth == 3) cut = i + 1;
    }
  }
  return cut;
}

// How far a pass over the entries got, and why it stopped.
struct EntriesRead {
  error_code code = SUCCESS;
  std::string error;  // "" when the document was read to its end
  std::uint64_t entries = 0;
};

EntriesRead read_entries(std::string_view document, size_t capacity, std::string_view name, RecordSink& sink);

// Stage 1 rejects a document cut off mid-write (inside an object or array, or inside a
// string) before any entry can be read.
bool cut_short(error_code code) noexcept { return code == INCOMPLETE_ARRAY_OR_OBJECT || code == UNCLOSED_STRING; }

}  // namespace

std::string read_har(std::string_view document, size_t capacity, std::string_view name, RecordSink& sink) {
  // Fiddler writes its HAR exports with a UTF-8 byte order mark, which JSON does not allow.
  if (document.starts_with(kUtf8Bom)) {
    document.remove_prefix(kUtf8Bom.size());
    capacity -= kUtf8Bom.size();
  }
  const EntriesRead first = read_entries(document, capacity, name, sink);
  if (!cut_short(first.code) || first.entries > 0) return first.error;
  // Truncated: read the complete entries, and still report the input as cut short.
  const size_t cut = last_complete_entry_end(document);
  if (cut == std::string_view::npos) return first.error;
  std::string repaired(document.substr(0, cut));
  repaired += "]}}";
  const size_t size = repaired.size();
  repaired.resize(size + SIMDJSON_PADDING);
  const EntriesRead second = read_entries(std::string_view(repaired.data(), size), repaired.size(), name, sink);
  std::string error = std::string(name) + ": HAR is truncated: the document ends at byte " +
                      std::to_string(document.size()) + " inside entry " + std::to_string(second.entries) + "; the " +
                      std::to_string(second.entries) + " complete entries before it were read";
  if (!second.error.empty()) error += ", and then: " + second.error;
  return error;
}

namespace {

EntriesRead read_entries(std::string_view document, size_t capacity, std::string_view name, RecordSink& sink) {
  EntriesRead result;
  // However the pass ends, the sink learns how many entries it was given.
  struct TellSink {
    RecordSink& sink;
    const std::uint64_t& entries;
    ~TellSink() { sink.read(entries); }
  } tell{sink, result.entries};
  ondemand::parser parser;
  ondemand::document doc;
  bool iterating = false;  // a document whose iterate() failed has no location to ask for
  const auto fail = [&](error_code err, std::string_view what) {
    result.code = err;
    result.error = std::string(name) + ": not a valid HAR: " + std::string(what) + ": " + error_message(err);
    const char* at = nullptr;
    if (iterating && doc.current_location().get(at) == SUCCESS && at >= document.data() &&
        at <= document.data() + document.size()) {
      result.error += " at byte " + std::to_string(at - document.data());
    }
    result.error += " (" + std::to_string(result.entries) + " entries read before it)";
    return result;
  };
  if (auto err = parser.iterate(document.data(), document.size(), capacity).get(doc)) return fail(err, "cannot parse");
  iterating = true;
  ondemand::object root;
  if (auto err = doc.get_object().get(root)) return fail(err, "the document is not a JSON object");
  ondemand::object log;
  if (auto err = root.find_field_unordered("log").get_object().get(log)) return fail(err, "no \"log\" object");
  ondemand::array entries;
  if (auto err = log.find_field_unordered("entries").get_array().get(entries)) {
    return fail(err, "no \"log.entries\" array");
  }

  std::vector<Header> headers;
  std::int64_t index = -1;
  // The line each entry starts on, for locations in SARIF and annotations: newlines are
  // counted from one entry to the next, so the whole document is scanned once.
  std::uint64_t line = 1;
  const char* counted_to = document.data();
  for (auto element : entries) {
    ++index;
    const char* at = nullptr;
    if (element.current_location().get(at) == SUCCESS && at >= counted_to && at <= document.data() + document.size()) {
      line += static_cast<std::uint64_t>(std::count(counted_to, at, '\n'));
      counted_to = at;
    }
    ondemand::object entry;
    if (auto err = element.get_object().get(entry)) return fail(err, "entry " + std::to_string(index));
    Record r;  // every entry starts from an empty record
    r.entry = index;
    r.line = line;
    headers.clear();
    EntryState st;
    for (auto field : entry) {
      ondemand::raw_json_string key;
      if (auto err = field.key().get(key)) return fail(err, "entry " + std::to_string(index));
      ondemand::value v;
      if (auto err = field.value().get(v)) return fail(err, "entry " + std::to_string(index));
      error_code err = SUCCESS;
      if (key.unsafe_is_equal("request")) {
        ondemand::object request;
        if (v.get_object().get(request) == SUCCESS) {
          st.has_request = true;
          err = read_request(request, r, st);
        }
      } else if (key.unsafe_is_equal("response")) {
        ondemand::object response;
        if (v.get_object().get(response) == SUCCESS) {
          st.has_response = true;
          err = read_response(response, r, st, headers);
        }
      } else if (key.unsafe_is_equal("pageref")) {
        r.page = string_or_empty(v);
      } else if (key.unsafe_is_equal("startedDateTime")) {
        r.time = string_or_empty(v);
        r.time_syntax = TimeSyntax::Iso8601;
      } else if (key.unsafe_is_equal("time")) {
        r.request_time = number_text(v);
        r.request_time_unit = DurationUnit::Milliseconds;
      }
      if (err != SUCCESS) return fail(err, "entry " + std::to_string(index));
    }
    ++result.entries;
    if (!(st.has_method && st.has_url && st.has_status)) {
      sink.malformed(Location::entry(static_cast<std::uint64_t>(index)), "har: " + describe_missing(st), st.url);
      continue;
    }
    set_status(r, st.status_number);
    r.headers = headers;
    r.no_response = st.status_number == "0";
    sink.record(r);
  }
  return result;
}

}  // namespace
}  // namespace statuslint
