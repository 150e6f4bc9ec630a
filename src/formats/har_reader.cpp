#include "statuslint/formats/har_reader.hpp"

#include "statuslint/formats/status_field.hpp"
#include "statuslint/text.hpp"

#include "formats/simdjson_linked.hpp"

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

// Browsers write the version as they like: "h2", "http/2.0", "HTTP/2", "h3", "http/1.1",
// "unknown", "". Read as the protocol names rules and reports use; unknown is empty.
std::string_view normalized_version(std::string_view v) noexcept {
  const auto is = [v](std::string_view name) { return iequals_ascii(v, name); };
  if (is("h2") || is("http/2") || is("http/2.0") || is("h2c")) return "HTTP/2";
  if (is("h3") || is("http/3") || is("http/3.0") || v.starts_with("h3-")) return "HTTP/3";
  if (is("http/1.1")) return "HTTP/1.1";
  if (is("http/1.0")) return "HTTP/1.0";
  if (is("unknown") || v.empty()) return {};
  return v;
}

struct EntryState {
  bool has_request = false, has_method = false, has_url = false, has_response = false, has_status = false;
  std::string_view url;
  std::string_view status_number;
};

error_code read_headers(ondemand::array headers, std::vector<Header>& out);

// Fills the record from request {method, url, httpVersion, headers, bodySize}. Unknown
// members are skipped.
error_code read_request(ondemand::object request, Record& r, EntryState& st, std::vector<Header>& headers) {
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
      r.request_protocol = normalized_version(string_or_empty(v));
      if (r.protocol.empty()) r.protocol = r.request_protocol;
    } else if (key.unsafe_is_equal("headers")) {
      ondemand::array array;
      if (v.get_array().get(array) == SUCCESS) {
        if (auto err = read_headers(array, headers)) return err;
        r.has_request_headers = true;
      }
    } else if (key.unsafe_is_equal("bodySize")) {
      if (v.get_int64().get(r.request_bytes) != SUCCESS) r.request_bytes = -1;
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
      const std::string_view version = normalized_version(string_or_empty(v));
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

// timings: each phase's number as written ("comment" and producers' own "_..." keys aside).
error_code read_timings(ondemand::object phases, HarTimings& out) {
  for (auto field : phases) {
    ondemand::raw_json_string key;
    if (auto err = field.key().get(key)) return err;
    ondemand::value v;
    if (auto err = field.value().get(v)) return err;
    for (size_t i = 0; i < kHarPhases.size(); ++i) {
      if (key.unsafe_is_equal(kHarPhases[i])) {
        out.phase[i] = number_text(v);
        break;
      }
    }
  }
  return SUCCESS;
}

// Producer quirks (README, "Producer quirks"). Each is keyed on what only the browser writes,
// so that a real server's response is never taken for one.
void apply_quirks(Record& r, HarProducer producer) {
  // Chromium makes up a 307 for an HSTS upgrade or an extension's redirect, with the status
  // text "Internal Redirect" and a Non-Authoritative-Reason header; a server's 307 has
  // neither.
  if (r.status == 307 &&
      (r.status_reason == "Internal Redirect" || r.find_header("Non-Authoritative-Reason") != nullptr)) {
    r.browser_generated = true;
  }
  // Firefox writes the cached body's size on a 304: the size of no body that was sent.
  if (producer == HarProducer::Firefox && r.status == 304 && r.bytes > 0) {
    r.bytes = -1;
    r.body_size_unreliable = true;
  }
}

std::string describe_missing(const EntryState& st) {
  if (!st.has_request) return "entry has no request object";
  if (!st.has_method) return "entry has no request.method";
  if (!st.has_url) return "entry has no request.url";
  if (!st.has_response) return "entry has no response object";
  return "entry has no numeric response.status";
}

}  // namespace

bool read_har_entry(std::string_view json, size_t capacity, const HarEntryPlace& place, RecordSink& sink,
                    std::string& error) {
  thread_local ondemand::parser parser;
  thread_local std::vector<Header> headers;
  thread_local std::vector<Header> request_headers;
  thread_local HarTimings timings;
  ondemand::document doc;
  bool iterating = false;
  const auto fail = [&](error_code err) {
    error = "entry " + std::to_string(place.index) + ": " + error_message(err);
    const char* at = nullptr;
    if (iterating && doc.current_location().get(at) == SUCCESS && at >= json.data() &&
        at <= json.data() + json.size()) {
      error += " at byte " + std::to_string(place.offset + static_cast<std::uint64_t>(at - json.data()));
    }
    return false;
  };
  if (auto err = parser.iterate(json.data(), json.size(), capacity).get(doc)) return fail(err);
  iterating = true;
  ondemand::object entry;
  if (auto err = doc.get_object().get(entry)) return fail(err);
  Record r;  // every entry starts from an empty record
  r.entry = static_cast<std::int64_t>(place.index);
  r.line = place.line;
  headers.clear();
  request_headers.clear();
  EntryState st;
  for (auto field : entry) {
    ondemand::raw_json_string key;
    if (auto err = field.key().get(key)) return fail(err);
    ondemand::value v;
    if (auto err = field.value().get(v)) return fail(err);
    error_code err = SUCCESS;
    if (key.unsafe_is_equal("request")) {
      ondemand::object request;
      if (v.get_object().get(request) == SUCCESS) {
        st.has_request = true;
        err = read_request(request, r, st, request_headers);
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
    } else if (key.unsafe_is_equal("timings")) {
      ondemand::object phases;
      if (v.get_object().get(phases) == SUCCESS) {
        timings = HarTimings();
        err = read_timings(phases, timings);
        r.har_timings = &timings;
      }
    } else if (key.unsafe_is_equal("_fromCache")) {
      // Chromium: "memory" or "disk"; the server was not asked.
      r.from_cache = !string_or_empty(v).empty();
    }
    if (err != SUCCESS) return fail(err);
  }
  if (!(st.has_method && st.has_url && st.has_status)) {
    sink.malformed(Location::entry(place.index), "har: " + describe_missing(st), st.url);
    return true;
  }
  set_status(r, st.status_number);
  r.headers = headers;
  r.request_headers = request_headers;
  r.no_response = st.status_number == "0";
  apply_quirks(r, place.producer);
  sink.record(r);
  return true;
}

HarProducer har_producer(std::string_view head) noexcept {
  // "creator": {"name": "Firefox", ...}: the first "name" after "creator".
  const size_t creator = head.find("\"creator\"");
  if (creator == std::string_view::npos) return HarProducer::Other;
  const size_t key = head.find("\"name\"", creator);
  if (key == std::string_view::npos) return HarProducer::Other;
  const size_t open = head.find('"', head.find(':', key + 6));
  const size_t close = open == std::string_view::npos ? open : head.find('"', open + 1);
  if (close == std::string_view::npos) return HarProducer::Other;
  const std::string_view name = head.substr(open + 1, close - open - 1);
  if (name == "WebInspector") return HarProducer::Chromium;
  if (name == "Firefox") return HarProducer::Firefox;
  return HarProducer::Other;
}

std::string har_end_error(HarEntrySplitter::End end, const HarEntrySplitter& split, std::string_view name) {
  const std::string n(name);
  switch (end) {
    case HarEntrySplitter::End::Complete:
      return {};
    case HarEntrySplitter::End::NotObject:
      return n + ": not a valid HAR: the document is not a JSON object (0 entries read before it)";
    case HarEntrySplitter::End::NoEntries:
      return n + ": not a valid HAR: no \"log.entries\" array (0 entries read before it)";
    case HarEntrySplitter::End::Truncated:
      return n + ": HAR is truncated: the document ends at byte " + std::to_string(split.bytes()) +
             (split.inside_entry() ? " inside entry " : " after entry ") + std::to_string(split.entries()) + "; the " +
             std::to_string(split.entries()) + " complete entries before it were read";
  }
  return {};
}

void oversized_har_entry(const HarEntryPlace& place, std::uint64_t size, RecordSink& sink) {
  sink.malformed(Location::entry(place.index),
                 "har: entry of " + std::to_string(size) + " bytes is longer than the limit (--max-line-bytes)", {});
}

std::string read_har(std::string_view document, std::string_view name, RecordSink& sink) {
  HarEntrySplitter split;
  std::string error;
  std::string padded;
  std::uint64_t read = 0;
  HarProducer producer = HarProducer::Other;
  split.feed(document, [&](const HarEntrySplitter::Entry& e) {
    if (!error.empty()) return;
    if (e.index == 0) producer = har_producer(split.head());  // the head is whole by the first entry
    const HarEntryPlace place{e.index, e.line, e.offset, producer};
    if (e.oversized) {
      oversized_har_entry(place, e.size, sink);
    } else {
      padded.assign(e.json);
      padded.append(kHarEntryPadding, ' ');
      if (!read_har_entry(std::string_view(padded.data(), e.json.size()), padded.size(), place, sink, error)) return;
    }
    ++read;
  });
  sink.read(read);
  if (error.empty()) error = split.error();
  if (!error.empty()) {
    return std::string(name) + ": not a valid HAR: " + error + " (" + std::to_string(read) + " entries read before it)";
  }
  return har_end_error(split.finish(), split, name);
}

}  // namespace statuslint
