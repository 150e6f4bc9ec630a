#include "statuslint/formats/envelope.hpp"

#include "formats/simdjson_linked.hpp"

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
  out.time_syntax = TimeSyntax::Iso8601;
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
        out.time_syntax = TimeSyntax::Iso8601;
      }
    } else if (!key.unsafe_is_equal("attrs")) {
      // Docker writes these keys only: a record with others (Fluent Bit's kubernetes object)
      // is a shipper's, read as a JSON wrapper that keeps its metadata.
      return false;
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
    out.time_syntax = TimeSyntax::Iso8601;
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
  out.time_syntax = parts[0] != "-" ? TimeSyntax::Iso8601 : TimeSyntax::None;
  out.source = parts[1];
  out.inner = s;
  return true;
}

// Terminal colours: CSI sequences ("\x1b[32m") and two-byte escapes dropped.
bool open_ansi(std::string_view line, std::string& scratch, OpenedLine& out) {
  if (line.find('\x1b') == std::string_view::npos) {
    out.inner = line;
    return true;
  }
  scratch.clear();
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '\x1b') {
      scratch += line[i];
      continue;
    }
    if (i + 1 < line.size() && line[i + 1] == '[') {
      size_t j = i + 2;
      while (j < line.size() && static_cast<unsigned char>(line[j]) >= 0x20 && static_cast<unsigned char>(line[j]) < 0x40) {
        ++j;
      }
      i = j < line.size() ? j : line.size();  // the final byte (@ to ~) ends the sequence
    } else {
      ++i;
    }
  }
  const size_t n = scratch.size();
  scratch.append(kPadding, ' ');
  out.inner = std::string_view(scratch.data(), n);
  return true;
}

// "2026-11-21T10:00:00.123+00:00 heroku[router]: at=info ..." (heroku logs),
// "2026-11-21T10:00:00+09:00\tapp.access\t{...}" (Fluentd's out_file): an ISO 8601 time, a
// space or tab, and a tag ending in ':' or a tab; or the time alone before the line.
bool open_time(std::string_view line, OpenedLine& out) {
  if (line.size() < 21 || line[4] != '-' || line[7] != '-' || (line[10] != 'T' && line[10] != ' ') || line[13] != ':') {
    return false;
  }
  size_t t = 19;
  while (t < line.size() && line[t] != ' ' && line[t] != '\t') ++t;
  if (t >= line.size()) return false;
  out.time = line.substr(0, t);
  out.time_syntax = TimeSyntax::Iso8601;
  std::string_view rest = line.substr(t + 1);
  const size_t tab = rest.find('\t');
  const size_t colon = rest.find(": ");
  const size_t space = rest.find(' ');
  if (tab != std::string_view::npos && (space == std::string_view::npos || tab < space)) {
    out.source = rest.substr(0, tab);
    rest = rest.substr(tab + 1);
  } else if (colon != std::string_view::npos && colon < space + 1 && colon > 0) {
    out.source = rest.substr(0, colon);
    rest = rest.substr(colon + 2);
  }
  out.inner = rest;
  return !rest.empty();
}

// A dotted key path as a JSON pointer: "_source.message" -> "/_source/message".
std::string pointer_of(std::string_view path) {
  std::string out = "/";
  for (const char c : path) {
    if (c == '.') {
      out += '/';
    } else if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// A field of `doc` by its dotted path. simdjson abandons a document whose JSON breaks while a
// lookup walks it (the iterator's parser is set to null: 3.0.1's json_iterator::abandon), and
// a further lookup on it would dereference that. So a lookup that fails otherwise than by an
// absent field or a wrong type marks the document broken, and no lookup is made on it after.
bool lookup(ondemand::document& doc, bool& broken, std::string_view path, ondemand::value& out) {
  if (broken) return false;
  const error_code err = doc.at_pointer(pointer_of(path)).get(out);
  if (err == SUCCESS) return true;
  if (err != NO_SUCH_FIELD && err != INCORRECT_TYPE) broken = true;
  return false;
}

// The text of a JSON value: a string unescaped, a number as written; journald's array of byte
// values (a MESSAGE that is not UTF-8) as its bytes. Appends to `into`.
bool append_text(ondemand::value value, std::string& into) {
  ondemand::json_type type;
  if (value.type().get(type) != SUCCESS) return false;
  if (type == ondemand::json_type::string) {
    std::string_view text;
    if (value.get_string().get(text) != SUCCESS) return false;
    into += text;
    return true;
  }
  if (type == ondemand::json_type::number) {
    std::string_view raw = value.raw_json_token();
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) {
      raw.remove_suffix(1);
    }
    into += raw;
    return true;
  }
  if (type == ondemand::json_type::array) {
    ondemand::array array;
    if (value.get_array().get(array) != SUCCESS) return false;
    for (auto element : array) {
      std::uint64_t byte = 0;
      if (element.get_uint64().get(byte) != SUCCESS || byte > 255) return false;
      into += static_cast<char>(byte);
    }
    return true;
  }
  return false;
}

bool open_json(std::string_view line, const JsonWrapper& wrapper, std::string& scratch, std::string& source,
               OpenedLine& out) {
  if (line.empty() || line.front() != '{') return false;
  thread_local ondemand::parser parser;  // its own parser: the inner JSON line uses another
  ondemand::document doc;
  if (parser.iterate(padded_string_view(line.data(), line.size(), line.size() + kPadding)).get(doc) != SUCCESS) {
    return false;
  }
  // The line first, then its time and source after it in the same buffer, which is only
  // read once all are in (a later append may move it).
  scratch.clear();
  ondemand::value value;
  bool found = false, broken = false;
  for (const std::string& key : wrapper.line) {  // shippers name the field by their parser
    ondemand::json_type type;
    if (lookup(doc, broken, key, value) && value.type().get(type) == SUCCESS &&
        (type == ondemand::json_type::string || type == ondemand::json_type::array) && append_text(value, scratch)) {
      found = true;
      break;
    }
  }
  if (!found) return false;
  size_t n = scratch.size();
  while (n > 0 && (scratch[n - 1] == '\n' || scratch[n - 1] == '\r')) --n;
  scratch.resize(n);
  size_t time_at = 0, time_size = 0;
  if (!wrapper.time.empty() && lookup(doc, broken, wrapper.time, value)) {
    time_at = scratch.size();
    if (append_text(value, scratch)) time_size = scratch.size() - time_at;
  }
  source.clear();
  for (const std::string& key : wrapper.source) {
    if (!lookup(doc, broken, key, value)) continue;
    const size_t before = source.size();
    if (!source.empty()) source += '/';
    if (!append_text(value, source)) source.resize(before);
  }
  scratch.append(kPadding, ' ');
  out.inner = std::string_view(scratch.data(), n);
  if (time_size > 0) {
    out.time = std::string_view(scratch.data() + time_at, time_size);
    out.time_syntax = wrapper.time_syntax;
  }
  out.source = source;
  return true;
}

constexpr std::array<std::string_view, 11> kNames = {"none",  "docker", "cri",     "compose", "kubectl", "syslog",
                                                     "syslog5424", "json", "ansi", "logplex", "time"};

// One layer's opening of `line`.
bool open_layer(EnvelopeKind kind, const JsonWrapper* json, std::string_view line, std::string& scratch,
                std::string& source, OpenedLine& out) {
  switch (kind) {
    case EnvelopeKind::None:
    case EnvelopeKind::Logplex:  // framing only: a frame is an RFC 5424 line, opened by the next layer
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
    case EnvelopeKind::Json:
      return json != nullptr && open_json(line, *json, scratch, source, out);
    case EnvelopeKind::Ansi:
      return open_ansi(line, scratch, out);
    case EnvelopeKind::Time:
      return open_time(line, out);
  }
  return false;
}

}  // namespace

bool Envelope::has(EnvelopeKind kind) const noexcept {
  for (const Layer& l : layers_) {
    if (l.kind == kind) return true;
  }
  return false;
}

std::string Envelope::name() const {
  std::string out;
  for (const Layer& l : layers_) {
    if (!out.empty()) out += '/';
    out += kNames[static_cast<size_t>(l.kind)];
    if (l.json != nullptr) {
      out += '[';
      for (size_t i = 0; i < l.json->line.size(); ++i) out += (i > 0 ? "|" : "") + l.json->line[i];
      out += ']';
    }
  }
  return out.empty() ? "none" : out;
}

bool Envelope::from_name(std::string_view name, Envelope& out) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name && static_cast<EnvelopeKind>(i) != EnvelopeKind::Json) {
      out = Envelope(static_cast<EnvelopeKind>(i));
      return true;
    }
  }
  return false;
}

Envelope Envelope::nested(const Envelope& outer, const Envelope& inner) {
  Envelope out = outer;
  for (const Layer& l : inner.layers_) {
    if (out.layers_.size() < EnvelopeScratch::kMaxLayers) out.layers_.push_back(l);
  }
  out.wrappers_.clear();
  for (const Layer& l : out.layers_) {
    if (l.json != nullptr) out.wrappers_.push_back(l.json);
  }
  return out;
}

std::span<const std::shared_ptr<const JsonWrapper>> Envelope::wrappers() const noexcept { return wrappers_; }

bool Envelope::next_frame(std::string_view& rest, std::string_view& frame) noexcept {
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\n' || rest.front() == '\r')) rest.remove_prefix(1);
  size_t i = 0, length = 0;
  while (i < rest.size() && i < 7 && rest[i] >= '0' && rest[i] <= '9') length = length * 10 + static_cast<size_t>(rest[i++] - '0');
  // A frame is a syslog message: "<PRI>1 ..." (a count followed by anything else is a number
  // in some other layout).
  if (i == 0 || i + 1 >= rest.size() || rest[i] != ' ' || rest[i + 1] != '<' || length == 0) return false;
  rest.remove_prefix(i + 1);
  // A count that includes the frame's newline (Logplex's own example) runs one past the line.
  frame = rest.substr(0, length);
  rest.remove_prefix(frame.size());
  while (!frame.empty() && (frame.back() == '\n' || frame.back() == '\r')) frame.remove_suffix(1);
  return !frame.empty();
}

bool Envelope::open(std::string_view line, EnvelopeScratch& scratch, OpenedLine& out) const {
  out = {};
  out.inner = line;
  for (size_t k = 0; k < layers_.size(); ++k) {
    const Layer& l = layers_[k];
    OpenedLine layer;
    if (!open_layer(l.kind, l.json.get(), out.inner, scratch.layer[k], scratch.source, layer)) return false;
    out.inner = layer.inner;
    // The innermost time (a container runtime's is finer than syslog's), the outermost source
    // (the host or pod says more than a stream).
    if (!layer.time.empty()) {
      out.time = layer.time;
      out.time_syntax = layer.time_syntax;
    }
    if (out.source.empty()) out.source = layer.source;
    out.partial = out.partial || layer.partial;
  }
  return true;
}

namespace {

// The one envelope most of `lines` open in, by itself.
Envelope detect_layer(std::span<const std::string_view> lines, std::string& inner) {
  // Most specific first: a docker line is JSON, a CRI line starts with a time stamp, a
  // kubectl prefix with "[pod/"; compose's "name | " and a bare time stamp are the loosest.
  for (const EnvelopeKind kind :
       {EnvelopeKind::Logplex, EnvelopeKind::Docker, EnvelopeKind::Cri, EnvelopeKind::Syslog5424, EnvelopeKind::Syslog,
        EnvelopeKind::Kubectl, EnvelopeKind::Ansi, EnvelopeKind::Compose, EnvelopeKind::Time}) {
    Envelope envelope(kind);
    EnvelopeScratch scratch;
    std::string opened_text;
    size_t opened = 0;
    for (std::string_view line : lines) {
      // Detection works on copies: open_docker parses in place and needs padding.
      std::string padded(line);
      padded.append(kPadding, ' ');
      const std::string_view view(padded.data(), line.size());
      // ANSI: only lines that hold an escape count for it.
      if (kind == EnvelopeKind::Ansi && line.find("\x1b[") == std::string_view::npos) continue;
      bool any = false;
      envelope.for_each_frame(view, [&](std::string_view frame) {
        OpenedLine out;
        if (!envelope.open(frame, scratch, out)) return;
        any = true;
        opened_text.append(out.inner);
        opened_text += '\n';
      });
      opened += any ? 1 : 0;
    }
    if (opened > 0 && 2 * opened >= lines.size()) {
      inner = std::move(opened_text);
      return envelope;
    }
  }
  return Envelope();
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return out;
}

}  // namespace

Envelope detect_envelope(std::span<const std::string_view> lines, std::string& inner) {
  Envelope envelope = detect_layer(lines, inner);
  // Envelopes nest: a syslog line may hold a docker line, a logplex frame an RFC 5424 one.
  for (size_t depth = 1; !envelope.none() && depth < EnvelopeScratch::kMaxLayers; ++depth) {
    std::string deeper;
    const std::string current = inner;
    const std::vector<std::string_view> opened = split_lines(current);
    const Envelope next = detect_layer(opened, deeper);
    if (next.none()) break;
    envelope = Envelope::nested(envelope, next);
    inner = std::move(deeper);
  }
  return envelope;
}

std::vector<std::shared_ptr<JsonWrapper>> json_wrapper_candidates(std::span<const std::string_view> lines) {
  // The fields that hold lines, by the name each shipper gives them; then where they keep the
  // time and where the line came from.
  static constexpr std::array<std::string_view, 10> kLineKeys = {
      "log", "message", "MESSAGE", "msg", "short_message", "full_message", "line", "_source.message",
      "event.original", "log.original"};
  struct TimeKey {
    std::string_view key;
    TimeSyntax syntax;
  };
  static constexpr std::array<TimeKey, 7> kTimeKeys = {{{"time", TimeSyntax::Iso8601},
                                                        {"@timestamp", TimeSyntax::Iso8601},
                                                        {"timestamp", TimeSyntax::Iso8601},
                                                        {"_source.@timestamp", TimeSyntax::Iso8601},
                                                        {"__REALTIME_TIMESTAMP", TimeSyntax::EpochMicros},
                                                        {"date", TimeSyntax::EpochSeconds},
                                                        {"ts", TimeSyntax::EpochSeconds}}};
  static constexpr std::array<std::string_view, 14> kSourceKeys = {
      "kubernetes.namespace_name", "kubernetes.pod_name", "kubernetes.container_name", "_HOSTNAME",
      "SYSLOG_IDENTIFIER",         "host.name",           "host",                      "hostname",
      "labels.pod",                "labels.container",    "_source.host.name",         "_source.host",
      "stream",                    "_container_name"};
  std::vector<std::shared_ptr<JsonWrapper>> out;
  ondemand::parser parser;
  const auto present = [&](std::string_view key, bool want_string) {
    size_t n = 0;
    for (std::string_view line : lines) {
      std::string padded(line);
      padded.append(kPadding, ' ');
      ondemand::document doc;
      if (parser.iterate(padded_string_view(padded.data(), line.size(), padded.size())).get(doc) != SUCCESS) continue;
      ondemand::value v;
      if (doc.at_pointer(pointer_of(key)).get(v) != SUCCESS) continue;
      ondemand::json_type type;
      if (v.type().get(type) != SUCCESS) continue;
      if (!want_string || type == ondemand::json_type::string || type == ondemand::json_type::array) ++n;
    }
    return n;
  };
  // A time's syntax from what the first line holds there: digits only are epoch seconds, or
  // milliseconds (13 digits), or microseconds (16: journald); anything else ISO 8601.
  const auto syntax_of = [&](std::string_view key, TimeSyntax named) {
    for (std::string_view line : lines) {
      std::string padded(line);
      padded.append(kPadding, ' ');
      ondemand::document doc;
      ondemand::value v;
      std::string text;
      if (parser.iterate(padded_string_view(padded.data(), line.size(), padded.size())).get(doc) != SUCCESS ||
          doc.at_pointer(pointer_of(key)).get(v) != SUCCESS || !append_text(v, text)) {
        continue;
      }
      const size_t digits = text.find_first_not_of("0123456789");
      if (digits == 0) return TimeSyntax::Iso8601;
      const size_t whole = digits == std::string::npos ? text.size() : digits;
      if (digits != std::string::npos && text[digits] != '.') return named;
      return whole >= 16 ? TimeSyntax::EpochMicros : whole >= 13 ? TimeSyntax::EpochMillis : TimeSyntax::EpochSeconds;
    }
    return named;
  };
  // The known line fields the sample holds, together: one shipper may write "log" with one
  // parser and "message" with another. Then each alone, in case the union reads worse.
  std::vector<std::string> known;
  size_t with_known = 0;
  for (const std::string_view key : kLineKeys) {
    if (present(key, true) > 0) known.emplace_back(key);
  }
  for (std::string_view line : lines) {
    std::string padded(line);
    padded.append(kPadding, ' ');
    ondemand::document doc;
    if (parser.iterate(padded_string_view(padded.data(), line.size(), padded.size())).get(doc) != SUCCESS) continue;
    bool broken = false;
    for (const std::string& key : known) {
      ondemand::value v;
      if (lookup(doc, broken, key, v)) {
        ++with_known;
        break;
      }
    }
  }
  std::vector<std::vector<std::string>> line_keys;
  if (known.size() > 1 && 2 * with_known >= lines.size()) line_keys.push_back(known);
  for (const std::string& key : known) {
    if (2 * present(key, true) >= lines.size()) line_keys.push_back({key});
  }
  for (std::vector<std::string>& keys : line_keys) {
    auto wrapper = std::make_shared<JsonWrapper>();
    wrapper->line = std::move(keys);
    for (const TimeKey& t : kTimeKeys) {
      if (2 * present(t.key, false) >= lines.size()) {
        wrapper->time = t.key;
        wrapper->time_syntax = syntax_of(t.key, t.syntax);
        break;
      }
    }
    for (const std::string_view source : kSourceKeys) {
      // "host" is an object in ECS documents (host.name holds the name), a string in GELF.
      if (wrapper->source.size() < 3 && 2 * present(source, true) >= lines.size()) wrapper->source.emplace_back(source);
    }
    out.push_back(std::move(wrapper));
  }
  return out;
}

std::string open_json_wrapped(const JsonWrapper& wrapper, std::span<const std::string_view> lines, size_t& opened) {
  const Envelope envelope{std::make_shared<const JsonWrapper>(wrapper)};
  EnvelopeScratch scratch;
  std::string inner;
  opened = 0;
  for (std::string_view line : lines) {
    std::string padded(line);
    padded.append(kPadding, ' ');
    OpenedLine out;
    if (!envelope.open(std::string_view(padded.data(), line.size()), scratch, out)) continue;
    ++opened;
    inner.append(out.inner);
    inner += '\n';
  }
  return inner;
}

}  // namespace statuslint
