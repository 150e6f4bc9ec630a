// A record: one request/response as a reader found it.
//
// Readers fill records with views into their own buffers (no copies, no allocation); a record
// is valid only until the reader moves on. Fields a source does not have stay empty, and
// numeric fields that are absent are -1. Every stage after the reader (classification,
// rules, summaries) sees only records, whatever the input format was.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>


namespace statuslint {

struct StatusInfo;  // registry/status_registry.hpp

// How `Record::time` is written, so it can be parsed lazily when a report needs it.
enum class TimeSyntax : std::uint8_t {
  None,
  Clf,           // 10/Oct/2000:13:55:36 -0700 (Apache %t without brackets, nginx $time_local)
  Iso8601,       // 2018-07-02T22:23:00.186641Z or with an offset
  EpochSeconds,  // 1700000000.123 (nginx $msec)
  W3c,           // date and time in separate fields, UTC (`Record::date` holds the date)
  Custom,        // an Apache %{...}t format: kept, not parsed
  Asctime,       // Tue Nov  3 09:14:07 2026 (C's ctime; uWSGI): no zone, read as UTC
  EpochMillis,   // 1700000000123 (Kong's started_at)
  EpochMicros,   // 1700000000123456 (journald's __REALTIME_TIMESTAMP)
};

// Unit of `Record::request_time` as the log wrote it.
enum class DurationUnit : std::uint8_t { None, Seconds, Milliseconds, Microseconds, Nanoseconds };

// A response header as the source wrote it. Names compare case-insensitively; a name may
// repeat (Set-Cookie), and every occurrence is kept.
struct Header {
  std::string_view name;
  std::string_view value;
};

// HAR's timings of one exchange, as written (milliseconds; -1 or absent: does not apply), in
// kHarPhases order: where the time of a browser's request went.
inline constexpr std::array<std::string_view, 7> kHarPhases = {"blocked", "dns",  "connect", "ssl",
                                                               "send",    "wait", "receive"};
struct HarTimings {
  std::array<std::string_view, kHarPhases.size()> phase;
};

struct Record {
  // Status as written, its number (-1 unless exactly three digits) and its registry entry.
  // Readers write status_text; formats/status_field.hpp classifies it through the registry.
  std::string_view status_text;
  int status = -1;
  const StatusInfo* status_info = nullptr;

  std::string_view request;  // the whole request line, when the source has one
  // Lazy fields: the request line's parts and the byte count. A text reader may leave them
  // as written (set_request_line_lazily, set_bytes_lazily) for the first consumer that
  // needs them to split with resolve(): most records are counted by their status alone,
  // and splitting every line costs a fifth of a plain scan. Consumers that read these
  // members call resolve() first; they are mutable because resolving only spells out what
  // the record already holds.
  mutable std::string_view method;
  mutable std::string_view path;      // the request target: path, and query if the source writes them together
  std::string_view query;             // when the source writes the query separately
  mutable std::string_view protocol;  // "HTTP/1.1"; empty for HTTP/0.9 request lines

  std::string_view time;
  std::string_view date;  // W3C only
  TimeSyntax time_syntax = TimeSyntax::None;

  std::string_view client;
  std::string_view client_port;    // where a source writes the client's port with it ("203.0.113.7:5123")
  std::string_view forwarded_for;  // X-Forwarded-For as written: "a, b, c" (the first is the client)
  std::string_view user;
  std::string_view host;
  std::string_view port;
  std::string_view referrer;
  std::string_view user_agent;

  // What the upstream (the backend behind a proxy or load balancer) answered, as written:
  // ingress-nginx's $upstream_status, a Classic ELB's backend_status_code, Cloudflare's
  // OriginResponseStatus. Kept as text: it may list several ("502, 200").
  std::string_view upstream_status;

  mutable std::int64_t bytes = -1;
  std::string_view request_time;
  DurationUnit request_time_unit = DurationUnit::None;
  // The upstream's share (nginx $upstream_response_time, ALB target_processing_time, HAProxy
  // Tr), and a load balancer's own time before and after it, in seconds (ALB, Classic ELB):
  // without a request_time, the three add up to it (record/duration.hpp).
  std::string_view upstream_time;
  DurationUnit upstream_time_unit = DurationUnit::None;
  std::string_view request_phase_time, response_phase_time;
  const HarTimings* har_timings = nullptr;  // HAR: the entry's timings object, when it has one

  // Response headers, when the source has them (HAR, Caddy's resp_headers). `has_headers`
  // tells "no headers known" apart from "known to have none", so that header rules are
  // reported as not evaluated rather than passed on plain access logs.
  std::span<const Header> headers;
  bool has_headers = false;
  // The request as the source knows it (HAR): its headers (`has_request_headers` tells "none
  // known" from "none sent"), its version as written for the request, its body size (-1
  // unknown). Rules on them are not evaluated where the source lacks them.
  std::span<const Header> request_headers;
  bool has_request_headers = false;
  std::string_view request_protocol;
  std::int64_t request_bytes = -1;

  std::string_view status_reason;  // the status line's text (HAR statusText); empty on HTTP/2+
  bool has_status_reason = false;  // the source records status text at all

  // HAR: the entry's index in log.entries (0-based), its page, and for a request that got no
  // response (status 0), the browser's error text.
  std::int64_t entry = -1;
  std::string_view page;
  std::string_view redirect_url;
  bool no_response = false;
  std::string_view error;

  // Browser exports (HAR) hold entries no server sent, which are counted but meet no rule:
  // a response the browser made up (Chrome's "307 Internal Redirect" for an HSTS upgrade or an
  // extension), and a response served from the browser's cache (Chrome's _fromCache).
  bool browser_generated = false;
  bool from_cache = false;
  // The body size is the producer's, not the response's (Firefox writes the cached body's
  // size on 304 entries): `bytes` is -1 and rules on it are not evaluated.
  bool body_size_unreliable = false;

  // What an envelope says about the line: the stream, compose service or pod/container.
  std::string_view source;
  // The line ended inside a quoted field after the status: a record, but cut short.
  bool truncated = false;

  std::uint32_t input = 0;  // index of the input in the scan
  std::uint64_t line = 0;   // 1-based line number within the input (0 for HAR entries)

  // The first header called `name` (ASCII case-insensitive), or nullptr.
  const Header* find_header(std::string_view name) const noexcept;
  // The same among the request headers.
  const Header* find_request_header(std::string_view name) const noexcept;

  // Setters shared by every reader, so that all sources read fields the same way.
  // "GET /path HTTP/1.1" -> request, method, path, protocol. HTTP/0.9 lines ("GET /") have
  // no protocol; "-", "" and binary garbage (TLS handshakes sent to a plain port) keep what
  // fits. Every part is written, even when empty, because records are reused.
  void set_request_line(std::string_view text) noexcept;
  // The same, split on resolve().
  void set_request_line_lazily(std::string_view text) noexcept {
    request = text;
    request_pending_ = true;
  }
  // Bytes sent as written (parse_byte_count), parsed on resolve().
  void set_bytes_lazily(std::string_view text) noexcept {
    bytes_text_ = text;
    bytes_pending_ = true;
  }
  // Forgets what an earlier line left lazy (a reused record: its views may point into a
  // buffer since reused), before a reader writes the next line's fields.
  void drop_pending() noexcept { request_pending_ = bytes_pending_ = false; }
  // The request line is still as written (its parts are stale until resolved).
  bool request_pending() const noexcept { return request_pending_; }
  // The method alone (a rule's method list): the request line's first word, without splitting
  // the rest.
  void resolve_method() const noexcept {
    if (!request_pending_) return;
    method = request.empty() || request == "-" ? std::string_view() : request.substr(0, request.find(' '));
  }
  // The request line's parts alone, leaving the byte count as written (top offenders count
  // paths, not bytes).
  void resolve_request_line() const noexcept {
    if (request_pending_) split_request_line();
  }
  // The byte count alone (sizes are counted without the request line's parts).
  void resolve_bytes() const noexcept {
    if (bytes_pending_) resolve_bytes_pending();
  }
  // Splits what was left lazy. Cheap when nothing is pending.
  void resolve() const noexcept {
    if (request_pending_ || bytes_pending_) resolve_pending();
  }

 private:
  void resolve_pending() const noexcept;
  void resolve_bytes_pending() const noexcept;
  void split_request_line() const noexcept;
  std::string_view bytes_text_;
  mutable bool request_pending_ = false;
  mutable bool bytes_pending_ = false;
};

// The original client of a request: the first address of `forwarded_for` when the source
// wrote one ("2001:db8::1, 198.51.100.7"), else `client` as written ("-" and "unknown" are
// none). Inline: top offenders ask for every record, and most records have no forwarded_for.
std::string_view first_address(std::string_view list) noexcept;
inline std::string_view original_client(const Record& r) noexcept {
  if (r.forwarded_for.empty()) return r.client.size() == 1 && r.client[0] == '-' ? std::string_view() : r.client;
  return first_address(r.forwarded_for);
}

// A URI reference (a Location value) resolved against the URL of the request it answers
// (RFC 3986, Section 5.2, for the forms servers send: absolute, scheme-relative,
// absolute-path, query-only, empty, and relative to the current path; dot segments are not
// removed), without its fragment. A base without a scheme (an access log's path) leaves
// the reference as it is.
std::string resolve_reference(std::string_view reference, std::string_view base_url);

// Bytes sent: digits (up to 18), or "-" for none (0). Anything else (negative, overflowing,
// not a number) is unknown: -1.
std::int64_t parse_byte_count(std::string_view text) noexcept;

}  // namespace statuslint
