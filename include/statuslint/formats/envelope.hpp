// Envelopes: what a runtime, a collector or a shipper wraps around each line a server wrote,
// detected per input together with the format and stripped before the format applies. The
// envelope's own time and source (stream, service, pod, host) are kept on the record.
//
//   docker      Docker's json-file driver: {"log":"<line>\n","stream":"stdout","time":"<RFC 3339>"}
//   cri         Kubernetes CRI (containerd, CRI-O): <RFC3339Nano> stdout F <line>
//   compose     docker compose: "<service>  | <line>"
//   kubectl     kubectl logs --prefix: "[pod/<name>/<container>] <line>"
//   syslog      RFC 3164, as rsyslog writes files and nginx's access_log syslog: and HAProxy
//               send: "[<PRI>]Mmm dd hh:mm:ss host tag[pid]: <line>"
//   syslog5424  RFC 5424: "<PRI>1 <RFC 3339> host app procid msgid [SD or -] <line>"
//   json        a JSON object whose string field holds the line: Fluent Bit and Fluentd ("log",
//               "message"), journald -o json ("MESSAGE"), GELF ("short_message"), Logstash and
//               Elasticsearch documents ("message", "_source.message"), Vector, Loki ("line")
//   ansi        terminal colours around a line (morgan's dev format, coloured compose output)
//   logplex     Heroku's drain framing: RFC 6587 octet-counted frames, several on one line
//   time        an ISO 8601 time stamp and a tag before the line: `heroku logs`
//               ("<time> app[web.1]: <line>"), Fluentd's out_file ("<time>\t<tag>\t<json>")
//
// Envelopes nest (syslog around docker around nginx): an Envelope is a chain of layers,
// outermost first. Opening a line allocates nothing on the common path: most layers give
// views into the line; docker, json and ansi write the line's text into a per-layer scratch
// buffer reused from line to line.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/record/record.hpp"

namespace statuslint {

enum class EnvelopeKind : std::uint8_t {
  None,
  Docker,
  Cri,
  Compose,
  Kubectl,
  Syslog,
  Syslog5424,
  Json,
  Ansi,
  Logplex,
  Time,
};

// Where a JSON wrapper keeps the line and what it says about it (dotted key paths).
struct JsonWrapper {
  std::vector<std::string> line;    // the string field holding the line ("log", "_source.message"), the first present
  std::string time;                 // its time, when it has one
  TimeSyntax time_syntax = TimeSyntax::None;
  std::vector<std::string> source;  // fields naming where the line came from, joined with '/'
};

struct OpenedLine {
  std::string_view inner;  // the server's own line, without its trailing newline
  std::string_view time;   // the envelope's time stamp, when it has one
  TimeSyntax time_syntax = TimeSyntax::None;  // RFC 3164's "Nov 21 10:00:00" has no year: None
  std::string_view source;                    // stream, service, pod/container, host
  bool partial = false;  // CRI "P": the runtime split a long line; this is not its end
};

// Storage a reader keeps from line to line for opening lines: one buffer per layer that
// rewrites the text (docker's unescaping, a JSON wrapper's, ANSI stripping), each followed by
// 64 bytes of padding for a JSON parser, and one for a source built of several fields.
struct EnvelopeScratch {
  static constexpr size_t kMaxLayers = 4;
  std::array<std::string, kMaxLayers> layer;
  std::string source;
};

class Envelope {
 public:
  Envelope() = default;
  explicit Envelope(EnvelopeKind kind) { if (kind != EnvelopeKind::None) layers_.push_back({kind, nullptr}); }
  explicit Envelope(std::shared_ptr<const JsonWrapper> wrapper) {
    wrappers_.push_back(wrapper);
    layers_.push_back({EnvelopeKind::Json, std::move(wrapper)});
  }

  bool none() const noexcept { return layers_.empty(); }
  // The outermost layer's kind (None when there is none).
  EnvelopeKind kind() const noexcept { return layers_.empty() ? EnvelopeKind::None : layers_.front().kind; }
  bool has(EnvelopeKind kind) const noexcept;
  // "docker", "syslog/docker", "json(log)": the layers, outermost first.
  std::string name() const;
  // A single envelope by name: "docker", "cri", "compose", "kubectl", "syslog", "syslog5424",
  // "ansi", "logplex", "time" or "none".
  static bool from_name(std::string_view name, Envelope& out);
  // `outer` around `inner`: the layers of both, outer first.
  static Envelope nested(const Envelope& outer, const Envelope& inner);
  std::span<const std::shared_ptr<const JsonWrapper>> wrappers() const noexcept;

  // Calls f(frame) for each line the envelope's framing holds in one physical line: the line
  // itself, except under logplex, whose drain lines hold several octet-counted frames. Returns
  // false, with no call, for a line that is not in this framing.
  template <typename F>
  bool for_each_frame(std::string_view line, F&& f) const {
    if (kind() != EnvelopeKind::Logplex) {
      f(line);
      return true;
    }
    std::string_view rest = line;
    std::string_view frame;
    if (!next_frame(rest, frame)) return false;
    do {
      f(frame);
    } while (next_frame(rest, frame));
    return rest.empty();
  }

  // Opens one line (or frame, under logplex) through every layer. Returns false when the
  // line is not in this envelope. Views stay valid until the next call with `scratch`.
  bool open(std::string_view line, EnvelopeScratch& scratch, OpenedLine& out) const;

 private:
  struct Layer {
    EnvelopeKind kind;
    std::shared_ptr<const JsonWrapper> json;  // for Json
  };
  static bool next_frame(std::string_view& rest, std::string_view& frame) noexcept;
  std::vector<Layer> layers_;
  std::vector<std::shared_ptr<const JsonWrapper>> wrappers_;  // the Json layers' configs, for callers
};

// The envelope most of `lines` are in (at least half, as for formats), with the envelopes
// nested in it, or none. `inner` gets the opened lines' text, one per line, for detecting the
// format inside. JSON wrappers are not tried here (a JSON object may be an access record
// itself): detect_json_wrapper, after JSON-lines detection found no status.
Envelope detect_envelope(std::span<const std::string_view> lines, std::string& inner);

// The string field of JSON `lines` that holds access lines, when `accept(inner)` says the
// opened lines are (a detection inside): the known line fields first (log, message, MESSAGE,
// msg, short_message, full_message, line, _source.message, event.original), then any other
// string field, with the metadata fields found beside it as the source. Null when none is.
template <typename Accept>
std::shared_ptr<const JsonWrapper> detect_json_wrapper(std::span<const std::string_view> lines, Accept&& accept);
std::vector<std::shared_ptr<JsonWrapper>> json_wrapper_candidates(std::span<const std::string_view> lines);
// The wrapped lines `wrapper` opens in `lines`, one per line (for detection inside).
std::string open_json_wrapped(const JsonWrapper& wrapper, std::span<const std::string_view> lines, size_t& opened);

template <typename Accept>
std::shared_ptr<const JsonWrapper> detect_json_wrapper(std::span<const std::string_view> lines, Accept&& accept) {
  for (auto& candidate : json_wrapper_candidates(lines)) {
    size_t opened = 0;
    const std::string inner = open_json_wrapped(*candidate, lines, opened);
    if (opened > 0 && 2 * opened >= lines.size() && accept(inner)) return candidate;
  }
  return nullptr;
}

}  // namespace statuslint
