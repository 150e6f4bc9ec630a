#include "statuslint/formats/envelope.hpp"

#include <simdjson.h>

#include <array>
#include <cctype>

namespace statuslint {
namespace {

using namespace simdjson;

constexpr size_t kPadding = 64;  // what simdjson may read past a line parsed in place

// An RFC 3339 time stamp at the start of `s` ("2026-11-21T10:00:00.123456789Z"): digits and
// separators up to the first space. Loose on purpose: the envelope's time is kept, not trusted.
size_t rfc3339_length(std::string_view s) noexcept {
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':') return 0;
  const size_t sp = s.find(' ');
  return sp == std::string_view::npos ? 0 : sp;
}

bool open_cri(std::string_view line, OpenedLine& out) {
  const size_t t = rfc3339_length(line);
  if (t == 0) return false;
  std::string_view rest = line.substr(t + 1);
  const size_t sp = rest.find(' ');
  if (sp == std::string_view::npos) return false;
  const std::string_view stream = rest.substr(0, sp);
  if (stream != "stdout" && stream != "stderr") return false;
  rest = rest.substr(sp + 1);
  if (rest.size() < 2 || (rest[0] != 'F' && rest[0] != 'P') || rest[1] != ' ') return false;
  out.time = line.substr(0, t);
  out.time_is_rfc3339 = true;
  out.source = stream;
  out.partial = rest[0] == 'P';
  out.inner = rest.substr(2);
  return true;
}

// "web-1  | text": a service name (letters, digits, - _ .), spaces, then "| ".
bool open_compose(std::string_view line, OpenedLine& out) {
  size_t i = 0;
  while (i < line.size() &&
         (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '-' || line[i] == '_' || line[i] == '.')) {
    ++i;
  }
  if (i == 0) return false;
  size_t j = i;
  while (j < line.size() && line[j] == ' ') ++j;
  if (j == i || j >= line.size() || line[j] != '|') return false;
  out.source = line.substr(0, i);
  out.inner = line.substr(j + 1);
  if (!out.inner.empty() && out.inner.front() == ' ') out.inner.remove_prefix(1);
  return true;
}

// "[pod/web-7d9f/nginx] text".
bool open_kubectl(std::string_view line, OpenedLine& out) {
  if (!line.starts_with("[pod/")) return false;
  const size_t close = line.find("] ");
  if (close == std::string_view::npos) return false;
  out.source = line.substr(1, close - 1);
  out.inner = line.substr(close + 2);
  return true;
}

bool open_docker(std::string_view line, std::string& scratch, OpenedLine& out) {
  if (line.empty() || line.front() != '{') return false;
  thread_local ondemand::parser parser;  // its own parser: the inner JSON line uses another
  // The line sits in a buffer with padding after it (chunks keep kChunkPadding).
  ondemand::document doc;
  if (parser.iterate(padded_string_view(line.data(), line.size(), line.size() + kPadding)).get(doc) != SUCCESS) {
    return false;
  }
  ondemand::object object;
  if (doc.get_object().get(object) != SUCCESS) return false;
  bool have_log = false;
  for (auto field : object) {
    ondemand::raw_json_string key;
    if (field.key().get(key) != SUCCESS) return false;
    std::string_view value;
    if (key.unsafe_is_equal("log")) {
      if (field.value().get_string().get(value) != SUCCESS) return false;
      scratch.assign(value);
      have_log = true;
    } else if (key.unsafe_is_equal("stream")) {
      if (field.value().get_string().get(value) == SUCCESS) out.source = value;
    } else if (key.unsafe_is_equal("time")) {
      if (field.value().get_string().get(value) == SUCCESS) {
        out.time = value;
        out.time_is_rfc3339 = true;
      }
    }
  }
  if (!have_log) return false;
  size_t n = scratch.size();
  while (n > 0 && (scratch[n - 1] == '\n' || scratch[n - 1] == '\r')) --n;
  scratch.resize(n);
  scratch.append(kPadding, ' ');
  out.inner = std::string_view(scratch.data(), n);
  return true;
}

// "<134>" at the start of a syslog line; the priority is not kept.
std::string_view skip_priority(std::string_view s) noexcept {
  if (s.size() < 3 || s[0] != '<') return s;
  size_t i = 1;
  while (i < s.size() && i < 5 && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i > 1 && i < s.size() && s[i] == '>' ? s.substr(i + 1) : s;
}

// "host tag[pid]: message", after the time stamp of a syslog or journal line.
bool open_host_and_tag(std::string_view rest, OpenedLine& out) {
  const size_t host_end = rest.find(' ');
  if (host_end == std::string_view::npos || host_end == 0) return false;
  const size_t colon = rest.find(": ", host_end + 1);
  if (colon == std::string_view::npos) return false;
  const std::string_view tag = rest.substr(host_end + 1, colon - host_end - 1);
  if (tag.empty() || tag.find(' ') != std::string_view::npos) return false;
  out.source = rest.substr(0, colon);  // "host tag[pid]"
  out.inner = rest.substr(colon + 2);
  return true;
}

// RFC 3164: "Nov 21 10:00:00 host tag[pid]: message" ("Nov  1" pads the day), which is also
// journalctl's default (short) output; journalctl -o short-iso writes an ISO 8601 time.
bool open_syslog(std::string_view line, OpenedLine& out) {
  const std::string_view s = skip_priority(line);
  if (const size_t t = rfc3339_length(s); t > 0) {
    if (!open_host_and_tag(s.substr(t + 1), out)) return false;
    out.time = s.substr(0, t);
    out.time_is_rfc3339 = true;
    return true;
  }
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  if (s.size() < 16) return false;
  const size_t m = kMonths.find(s.substr(0, 3));
  if (m == std::string_view::npos || m % 3 != 0 || s[3] != ' ') return false;
  if (!(s[4] == ' ' || std::isdigit(static_cast<unsigned char>(s[4]))) ||
      !std::isdigit(static_cast<unsigned char>(s[5]))) {
    return false;
  }
  if (s[6] != ' ' || s[9] != ':' || s[12] != ':' || s[15] != ' ') return false;
  if (!open_host_and_tag(s.substr(16), out)) return false;
  out.time = s.substr(0, 15);
  return true;
}

// RFC 5424: "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG"; SD is "-" or [...] blocks.
bool open_syslog5424(std::string_view line, OpenedLine& out) {
  std::string_view s = skip_priority(line);
  if (s.size() == line.size() || !s.starts_with("1 ")) return false;
  s.remove_prefix(2);
  std::string_view parts[5];  // time, host, app, procid, msgid
  for (std::string_view& part : parts) {
    const size_t sp = s.find(' ');
    if (sp == std::string_view::npos || sp == 0) return false;
    part = s.substr(0, sp);
    s.remove_prefix(sp + 1);
  }
  if (s.starts_with("- ")) {
    s.remove_prefix(2);
  } else if (s.starts_with("[")) {
    // Structured data: bracketed elements whose values may hold escaped "]".
    size_t i = 0;
    while (i < s.size() && s[i] == '[') {
      bool quoted = false;
      for (++i; i < s.size(); ++i) {
        if (s[i] == '\\') {
          ++i;
        } else if (s[i] == '"') {
          quoted = !quoted;
        } else if (s[i] == ']' && !quoted) {
          ++i;
          break;
        }
      }
    }
    if (i >= s.size() || s[i] != ' ') return false;
    s.remove_prefix(i + 1);
  } else {
    return false;
  }
  out.time = parts[0];
  out.time_is_rfc3339 = parts[0] != "-";
  out.source = parts[1];
  out.inner = s;
  return true;
}

constexpr std::array<std::string_view, 7> kNames = {"none",    "docker", "cri",       "compose",
                                                    "kubectl", "syslog", "syslog5424"};

}  // namespace

std::string_view Envelope::name() const noexcept { return kNames[static_cast<size_t>(kind_)]; }

bool Envelope::from_name(std::string_view name, Envelope& out) noexcept {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) {
      out = Envelope(static_cast<EnvelopeKind>(i));
      return true;
    }
  }
  return false;
}

bool Envelope::open(std::string_view line, std::string& scratch, OpenedLine& out) const {
  out = {};
  switch (kind_) {
    case EnvelopeKind::None:
      out.inner = line;
      return true;
    case EnvelopeKind::Docker:
      return open_docker(line, scratch, out);
    case EnvelopeKind::Cri:
      return open_cri(line, out);
    case EnvelopeKind::Compose:
      return open_compose(line, out);
    case EnvelopeKind::Kubectl:
      return open_kubectl(line, out);
    case EnvelopeKind::Syslog:
      return open_syslog(line, out);
    case EnvelopeKind::Syslog5424:
      return open_syslog5424(line, out);
  }
  return false;
}

Envelope detect_envelope(std::span<const std::string_view> lines, std::string& inner) {
  // Most specific first: a docker line is JSON, a CRI line starts with a time stamp, a
  // kubectl prefix with "[pod/"; compose's "name | " is the loosest.
  for (const EnvelopeKind kind : {EnvelopeKind::Docker, EnvelopeKind::Cri, EnvelopeKind::Syslog5424,
                                  EnvelopeKind::Syslog, EnvelopeKind::Kubectl, EnvelopeKind::Compose}) {
    const Envelope envelope(kind);
    std::string scratch, opened_text;
    size_t opened = 0;
    for (std::string_view line : lines) {
      // Detection works on copies: open_docker parses in place and needs padding.
      std::string padded(line);
      padded.append(kPadding, ' ');
      OpenedLine out;
      if (!envelope.open(std::string_view(padded.data(), line.size()), scratch, out)) continue;
      ++opened;
      opened_text.append(out.inner);
      opened_text += '\n';
    }
    if (opened > 0 && 2 * opened >= lines.size()) {
      inner = std::move(opened_text);
      return envelope;
    }
  }
  return Envelope();
}

}  // namespace statuslint
