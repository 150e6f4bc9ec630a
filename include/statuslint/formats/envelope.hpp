// Envelopes: what a container runtime wraps around each line a server wrote, detected per
// input together with the format and stripped before the format applies. The envelope's own
// time and source (stream, service, pod) are kept on the record.
//
//   docker   Docker's json-file driver: {"log":"<line>\n","stream":"stdout","time":"<RFC 3339>"}
//   cri      Kubernetes CRI (containerd, CRI-O): <RFC3339Nano> stdout F <line>
//   compose  docker compose: "<service>  | <line>"
//   kubectl  kubectl logs --prefix: "[pod/<name>/<container>] <line>"
//   syslog   RFC 3164, as rsyslog writes files and nginx's access_log syslog: and HAProxy
//            send: "[<PRI>]Mmm dd hh:mm:ss host tag[pid]: <line>"
//   syslog5424  RFC 5424: "<PRI>1 <RFC 3339> host app procid msgid [SD or -] <line>"
//
// Opening a line allocates nothing on the common path: CRI, compose and kubectl lines are
// views into the line; a docker line's text is unescaped into a per-reader scratch buffer.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace statuslint {

enum class EnvelopeKind : std::uint8_t { None, Docker, Cri, Compose, Kubectl, Syslog, Syslog5424 };

struct OpenedLine {
  std::string_view inner;        // the server's own line, without its trailing newline
  std::string_view time;         // the envelope's time stamp, when it has one
  bool time_is_rfc3339 = false;  // RFC 3164's "Nov 21 10:00:00" has no year or zone
  std::string_view source;       // stream, service or pod/container
  bool partial = false;          // CRI "P": the runtime split a long line; this is not its end
};

class Envelope {
 public:
  Envelope() = default;
  explicit Envelope(EnvelopeKind kind) noexcept : kind_(kind) {}

  EnvelopeKind kind() const noexcept { return kind_; }
  bool none() const noexcept { return kind_ == EnvelopeKind::None; }
  std::string_view name() const noexcept;
  // "docker", "cri", "compose", "kubectl" or "none"; nothing else.
  static bool from_name(std::string_view name, Envelope& out) noexcept;

  // Opens one line. `scratch` is storage reused from line to line (the inner text of a docker
  // line lives there, followed by 64 bytes of padding for a JSON parser). Returns false when
  // the line is not in this envelope. Views stay valid until the next call with `scratch`.
  bool open(std::string_view line, std::string& scratch, OpenedLine& out) const;

 private:
  EnvelopeKind kind_ = EnvelopeKind::None;
};

// The envelope most of `lines` are in (at least half, as for formats), or none. `inner` gets
// the opened lines' text, one per line, for detecting the format inside.
Envelope detect_envelope(std::span<const std::string_view> lines, std::string& inner);

}  // namespace statuslint
