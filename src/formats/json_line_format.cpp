#include "statuslint/formats/json_line_format.hpp"

#include "formats/simdjson_linked.hpp"

#include <algorithm>
#include <array>

#include "statuslint/formats/status_field.hpp"
#include "statuslint/text.hpp"

namespace statuslint {

// One level of the key tree: the keys to look at in an object, each a target or a subtree.
struct JsonLineFormat::Node {
  struct Entry {
    std::string key;
    JsonTarget target;
    std::unique_ptr<Node> child;
  };
  std::vector<Entry> entries;

  // The entry for a key as written in the document (`raw` points just after its opening
  // quote), compared in place: no unescaping, no scan for the closing quote first. A key
  // written with escapes matches nothing: log writers do not escape their own keys. Reading
  // stops at the first differing byte, and map keys hold no quote, so it never runs past the
  // key's closing quote.
  const Entry* find(const char* raw) const noexcept {
    for (const Entry& e : entries) {
      const std::string& k = e.key;
      if (raw[0] != k[0]) continue;
      size_t i = 1;
      while (i < k.size() && raw[i] == k[i]) ++i;
      if (i == k.size() && raw[i] == '"') return &e;
    }
    return nullptr;
  }
};

namespace {

using namespace simdjson;

struct TargetName {
  std::string_view name;
  JsonTarget target;
};

constexpr std::array<TargetName, 29> kTargets = {{
    {"status", {LogField::Status}},
    {"upstream_status", {LogField::UpstreamStatus}},
    {"request_protocol", {LogField::RequestProtocol}},
    {"request_bytes", {LogField::RequestBytes}},
    {"request", {LogField::Request}},
    {"method", {LogField::Method}},
    {"path", {LogField::Path}},
    {"query", {LogField::Query}},
    {"protocol", {LogField::Protocol}},
    {"host", {LogField::Host}},
    {"port", {LogField::Port}},
    {"client", {LogField::Client}},
    {"user", {LogField::User}},
    {"time", {LogField::Time, TimeSyntax::Iso8601}},
    {"time_clf", {LogField::Time, TimeSyntax::Clf}},
    {"time_epoch", {LogField::Time, TimeSyntax::EpochSeconds}},
    {"time_epoch_ms", {LogField::Time, TimeSyntax::EpochMillis}},
    {"time_epoch_us", {LogField::Time, TimeSyntax::EpochMicros}},
    {"forwarded_for", {LogField::ForwardedFor}},
    {"user_agent", {LogField::UserAgent}},
    {"referrer", {LogField::Referrer}},
    {"bytes", {LogField::Bytes}},
    {"request_time", {LogField::RequestTime, TimeSyntax::None, DurationUnit::Seconds}},
    {"request_time_ms", {LogField::RequestTime, TimeSyntax::None, DurationUnit::Milliseconds}},
    {"request_time_us", {LogField::RequestTime, TimeSyntax::None, DurationUnit::Microseconds}},
    {"request_time_ns", {LogField::RequestTime, TimeSyntax::None, DurationUnit::Nanoseconds}},
    {"headers", {LogField::Ignore, TimeSyntax::None, DurationUnit::None, true}},
    {"request_headers", {LogField::Ignore, TimeSyntax::None, DurationUnit::None, false, true}},
    {"status_reason", {LogField::Ignore}},  // accepted for symmetry with HAR; not used yet
}};

struct PresetDef {
  JsonLineFormat::PresetInfo info;
  std::initializer_list<std::pair<const char*, const char*>> fields;
  bool zero_is_no_response = false;  // Envoy: response_code 0 when no response was sent
};

const std::array<PresetDef, 8>& preset_defs() {
  static const std::array<PresetDef, 8> defs = {{
      {{"nginx-json", "nginx log_format ... escape=json with nginx variable names as keys", "nginx.jsonl"},
       {{"status", "status"},
        {"request", "request"},
        {"method", "request_method"},
        {"path", "request_uri"},
        {"protocol", "server_protocol"},
        {"host", "host"},
        {"client", "remote_addr"},
        {"user", "remote_user"},
        {"time_clf", "time_local"},
        {"time", "time_iso8601"},
        {"user_agent", "http_user_agent"},
        {"referrer", "http_referer"},
        {"bytes", "body_bytes_sent"},
        {"request_time", "request_time"}}},
      {{"caddy", "Caddy http.log.access (nested request object, resp_headers)", "caddy.jsonl"},
       {{"status", "status"},
        {"method", "request.method"},
        {"path", "request.uri"},
        {"protocol", "request.proto"},
        {"host", "request.host"},
        {"client", "request.client_ip"},
        {"request_headers", "request.headers"},  // User-Agent and Referer are read from them
        {"time_epoch", "ts"},
        {"bytes", "size"},
        {"request_time", "duration"},
        {"headers", "resp_headers"}}},
      {{"traefik-json", "Traefik JSON access log (DownstreamStatus, Duration in ns)", "traefik.jsonl"},
       {{"status", "DownstreamStatus"},
        {"method", "RequestMethod"},
        {"path", "RequestPath"},
        {"protocol", "RequestProtocol"},
        {"host", "RequestHost"},
        {"client", "ClientHost"},
        {"user", "ClientUsername"},
        {"time", "StartUTC"},
        {"user_agent", "request_User-Agent"},
        {"referrer", "request_Referer"},
        {"bytes", "DownstreamContentSize"},
        {"request_time_ns", "Duration"}}},
      // Envoy's JSON access log as Istio and Envoy Gateway configure it (both key sets).
      {{"envoy-json", "Envoy / Istio / Envoy Gateway JSON access log (response_code)", "envoy.jsonl"},
       {{"status", "response_code"},
        {"method", "method"},
        {"path", "path"},
        {"path", "x-envoy-origin-path"},
        {"protocol", "protocol"},
        {"host", "authority"},
        {"host", ":authority"},
        {"client", "downstream_remote_address"},
        {"user_agent", "user_agent"},
        {"user_agent", "user-agent"},
        {"time", "start_time"},
        {"bytes", "bytes_sent"},
        {"request_time_ms", "duration"}},
       true},
      {{"cloudflare", "Cloudflare Logpush http_requests (EdgeResponseStatus; OriginResponseStatus kept)", "cloudflare.jsonl"},
       {{"status", "EdgeResponseStatus"},
        {"upstream_status", "OriginResponseStatus"},
        {"method", "ClientRequestMethod"},
        {"path", "ClientRequestURI"},
        {"protocol", "ClientRequestProtocol"},
        {"host", "ClientRequestHost"},
        {"client", "ClientIP"},
        {"user_agent", "ClientRequestUserAgent"},
        {"referrer", "ClientRequestReferer"},
        {"time", "EdgeStartTimestamp"},
        {"bytes", "EdgeResponseBytes"}}},
      {{"gcp-lb", "Google Cloud HTTP(S) Load Balancer, LogEntry JSON (httpRequest.status)", "gcp-lb.jsonl"},
       {{"status", "httpRequest.status"},
        {"method", "httpRequest.requestMethod"},
        {"path", "httpRequest.requestUrl"},
        {"protocol", "httpRequest.protocol"},
        {"client", "httpRequest.remoteIp"},
        {"user_agent", "httpRequest.userAgent"},
        {"referrer", "httpRequest.referer"},
        {"bytes", "httpRequest.responseSize"},
        {"time", "timestamp"}}},
      {{"azure-appgw", "Azure Application Gateway access log (properties.httpStatus)", "azure-appgw.jsonl"},
       {{"status", "properties.httpStatus"},
        {"method", "properties.httpMethod"},
        {"path", "properties.requestUri"},
        {"query", "properties.requestQuery"},
        {"protocol", "properties.httpVersion"},
        {"host", "properties.host"},
        {"client", "properties.clientIP"},
        {"user_agent", "properties.userAgent"},
        {"bytes", "properties.sentBytes"},
        {"request_time", "properties.timeTaken"},
        {"time", "time"}}},
      {{"azure-frontdoor", "Azure Front Door access log (properties.httpStatusCode)", "azure-frontdoor.jsonl"},
       {{"status", "properties.httpStatusCode"},
        {"method", "properties.httpMethod"},
        {"path", "properties.requestUri"},
        {"protocol", "properties.httpVersion"},
        {"host", "properties.hostName"},
        {"client", "properties.clientIp"},
        {"user_agent", "properties.userAgent"},
        {"referrer", "properties.referer"},
        {"bytes", "properties.responseBytes"},
        {"request_time", "properties.timeTaken"},
        {"time", "time"}}},
  }};
  return defs;
}

const std::array<JsonLineFormat::PresetInfo, 8>& preset_infos() {
  static const std::array<JsonLineFormat::PresetInfo, 8> infos = [] {
    std::array<JsonLineFormat::PresetInfo, 8> out{};
    for (size_t i = 0; i < out.size(); ++i) out[i] = preset_defs()[i].info;
    return out;
  }();
  return infos;
}

const TargetName* find_target(std::string_view name) {
  for (const TargetName& t : kTargets) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string_view trim_token(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The text of a scalar: strings unescaped, numbers as written. Arrays give their first
// element. Returns false for null, booleans, objects and empty arrays.
bool scalar_text(ondemand::value value, std::string_view& out) {
  ondemand::json_type type;
  if (value.type().get(type) != SUCCESS) return false;
  switch (type) {
    case ondemand::json_type::string:
      return value.get_string().get(out) == SUCCESS;
    case ondemand::json_type::number:
      out = trim_token(value.raw_json_token());
      return true;
    case ondemand::json_type::array: {
      ondemand::array array;
      if (value.get_array().get(array) != SUCCESS) return false;
      for (auto element : array) {
        ondemand::value first;
        if (element.get(first) != SUCCESS) return false;
        return scalar_text(first, out);
      }
      return false;
    }
    default:
      return false;
  }
}

// Response headers: {"Name": "value"} or {"Name": ["v1", "v2"]}.
bool read_headers(ondemand::value value, std::vector<Header>& headers) {
  ondemand::object object;
  if (value.get_object().get(object) != SUCCESS) return false;
  for (auto field : object) {
    std::string_view name;
    ondemand::value v;
    if (field.unescaped_key().get(name) != SUCCESS || field.value().get(v) != SUCCESS) return false;
    ondemand::json_type type;
    if (v.type().get(type) != SUCCESS) return false;
    if (type == ondemand::json_type::array) {
      ondemand::array array;
      if (v.get_array().get(array) != SUCCESS) return false;
      for (auto element : array) {
        std::string_view text;
        if (element.get_string().get(text) == SUCCESS) headers.push_back({name, text});
      }
    } else {
      std::string_view text;
      if (scalar_text(v, text)) headers.push_back({name, text});
    }
  }
  return true;
}

// Where the request's headers sit in the one header vector a line fills (response headers are
// the rest): each kind is one JSON object, read in one go.
struct RequestHeaderRange {
  size_t begin = 0, end = 0;
};

bool walk(ondemand::object object, const JsonLineFormat::Node& node, Record& r, std::vector<Header>& headers,
          bool& saw_status, RequestHeaderRange& request_range) {
  for (auto field : object) {
    ondemand::raw_json_string raw;
    if (field.key().get(raw) != SUCCESS) return false;
    const JsonLineFormat::Node::Entry* e = node.find(raw.raw());
    if (e == nullptr) continue;
    ondemand::value value;
    if (field.value().get(value) != SUCCESS) return false;
    if (e->child != nullptr) {
      ondemand::object sub;
      if (value.get_object().get(sub) == SUCCESS && !walk(sub, *e->child, r, headers, saw_status, request_range)) {
        return false;
      }
      continue;
    }
    if (e->target.headers) {
      r.has_headers = true;
      if (!read_headers(value, headers)) return false;
      continue;
    }
    if (e->target.request_headers) {
      r.has_request_headers = true;
      request_range.begin = headers.size();
      if (!read_headers(value, headers)) return false;
      request_range.end = headers.size();
      continue;
    }
    std::string_view text;
    if (scalar_text(value, text)) {
      assign_field(r, e->target.field, text, set_status, e->target.time_syntax, e->target.unit);
      saw_status = saw_status || e->target.field == LogField::Status;
    }
  }
  return true;
}

// A padded copy of `line` with every byte that is not valid UTF-8 replaced by '?'. The copy
// lives in a per-thread buffer reused from line to line, valid until the next call.
padded_string_view sanitized_copy(std::string_view line) {
  thread_local std::string scratch;
  scratch.assign(line);
  for (size_t i = 0; i < scratch.size();) {
    const size_t n = utf8_sequence_length(std::string_view(scratch).substr(i));
    if (n == 0) {
      scratch[i++] = '?';
    } else {
      i += n;
    }
  }
  const size_t size = scratch.size();
  scratch.append(kJsonPadding, ' ');
  return padded_string_view(scratch.data(), size, scratch.size());
}

// Each thread keeps its parser, so that its buffers are allocated once, not per line.
ondemand::parser& thread_parser() {
  thread_local ondemand::parser parser;
  return parser;
}

}  // namespace

std::span<const JsonLineFormat::PresetInfo> JsonLineFormat::presets() noexcept { return preset_infos(); }

std::shared_ptr<const JsonLineFormat> JsonLineFormat::preset(std::string_view name) {
  for (const PresetDef& def : preset_defs()) {
    if (def.info.name != name) continue;
    std::vector<Mapping> mappings;
    for (const auto& [target, path] : def.fields) mappings.push_back({target, path});
    auto fmt = std::const_pointer_cast<JsonLineFormat>(from_mappings(std::string(def.info.name), mappings));
    fmt->zero_is_no_response_ = def.zero_is_no_response;
    fmt->preset_ = true;
    return fmt;
  }
  return nullptr;
}

const JsonTarget* JsonLineFormat::target(std::string_view name) noexcept {
  const TargetName* t = find_target(name);
  return t != nullptr ? &t->target : nullptr;
}

LogField JsonLineFormat::target_field(std::string_view target) noexcept {
  const TargetName* t = find_target(target);
  return t != nullptr ? t->target.field : LogField::Ignore;
}

std::string JsonLineFormat::target_names() {
  std::string names;
  for (const TargetName& t : kTargets) names += (names.empty() ? "" : ", ") + std::string(t.name);
  return names;
}

JsonLineFormat::Mapping JsonLineFormat::parse_mapping(std::string_view text) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    throw FormatError("--json-field expects FIELD=PATH (e.g. status=resp.code), not '" + std::string(text) + "'", 0);
  }
  // Checked here, not only when a map is built: a map built for a detected input must not
  // fail in the middle of a scan.
  const std::string_view target = text.substr(0, eq);
  if (find_target(target) == nullptr) {
    throw FormatError(
        "unknown JSON field target '" + std::string(target) + "' (expected one of: " + target_names() + ")", 0);
  }
  return {std::string(target), std::string(text.substr(eq + 1))};
}

std::shared_ptr<const JsonLineFormat> JsonLineFormat::from_mappings(std::string name,
                                                                    std::span<const Mapping> mappings) {
  auto root = std::make_shared<Node>();
  bool has_status = false;
  // A dotted path names nested keys ("http.response.status_code") or, as ECS loggers also
  // write them, one key with dots in it: both are looked for.
  std::vector<Mapping> expanded;
  for (const Mapping& m : mappings) {
    expanded.push_back(m);
    if (m.path.find('.') != std::string::npos) expanded.push_back({m.target, "\x01" + m.path});
  }
  for (const Mapping& m : expanded) {
    const TargetName* target = find_target(m.target);
    if (target == nullptr) {
      throw FormatError("unknown JSON field target '" + m.target + "' (expected one of: " + target_names() + ")", 0);
    }
    has_status = has_status || target->target.field == LogField::Status;
    Node* node = root.get();
    std::string_view path = m.path;
    if (path.starts_with('\x01')) {  // the literal key
      path.remove_prefix(1);
      auto it = std::find_if(node->entries.begin(), node->entries.end(), [&](const Node::Entry& e) { return e.key == path; });
      if (it == node->entries.end()) {
        node->entries.push_back({std::string(path), target->target, nullptr});
      } else {
        it->target = target->target;
      }
      continue;
    }
    for (;;) {
      const size_t dot = path.find('.');
      const std::string_view key = path.substr(0, dot);
      if (key.empty()) throw FormatError("empty key in JSON path '" + m.path + "'", 0);
      auto it =
          std::find_if(node->entries.begin(), node->entries.end(), [&](const Node::Entry& e) { return e.key == key; });
      if (dot == std::string_view::npos) {
        if (it == node->entries.end()) {
          node->entries.push_back({std::string(key), target->target, nullptr});
        } else {
          it->target = target->target;  // a later mapping for the same path wins
          it->child.reset();
        }
        break;
      }
      if (it == node->entries.end()) {
        node->entries.push_back({std::string(key), {}, std::make_unique<Node>()});
        it = node->entries.end() - 1;
      } else if (it->child == nullptr) {
        it->child = std::make_unique<Node>();
      }
      node = it->child.get();
      path = path.substr(dot + 1);
    }
  }
  if (!has_status) throw FormatError("the JSON field map has no status (add --json-field status=PATH)", 0);
  auto fmt = std::shared_ptr<JsonLineFormat>(new JsonLineFormat());
  fmt->name_ = std::move(name);
  fmt->mappings_.assign(mappings.begin(), mappings.end());
  fmt->root_ = std::move(root);
  return fmt;
}

std::shared_ptr<const JsonLineFormat> JsonLineFormat::with_overrides(const JsonLineFormat& base,
                                                                     std::span<const Mapping> overrides) {
  std::vector<Mapping> mappings;
  for (const Mapping& m : base.mappings_) {
    const bool replaced =
        std::any_of(overrides.begin(), overrides.end(), [&](const Mapping& o) { return o.target == m.target; });
    if (!replaced) mappings.push_back(m);
  }
  mappings.insert(mappings.end(), overrides.begin(), overrides.end());
  auto fmt = std::const_pointer_cast<JsonLineFormat>(from_mappings(base.name_, mappings));
  fmt->zero_is_no_response_ = base.zero_is_no_response_;
  return fmt;
}

JsonLineFormat::Parsed JsonLineFormat::parse(std::string_view line, Record& r, std::vector<Header>& headers,
                                             std::string_view& reason, std::uint32_t& column) const {
  // Keys come and go from line to line: each line starts from an empty record, so a field
  // this line lacks can never show an earlier line's value (or a view into a buffer that
  // simdjson has since reused).
  headers.clear();
  r = Record{};
  column = 0;
  size_t start = 0;
  while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
  if (start == line.size() || line[start] != '{') {
    reason = "not a JSON object (a JSON-lines log has one object per line)";
    column = static_cast<std::uint32_t>(start);
    return Parsed::Malformed;
  }
  // On-Demand reads only as far as it needs; text after the object would go unnoticed.
  size_t last = line.size();
  while (last > start && (line[last - 1] == ' ' || line[last - 1] == '\t')) --last;
  if (line[last - 1] != '}') {
    reason = "the line does not end with the object's closing brace";
    column = static_cast<std::uint32_t>(last - 1);
    return Parsed::Malformed;
  }
  ondemand::parser& parser = thread_parser();
  ondemand::document doc;
  // The line sits inside a chunk buffer with kJsonPadding readable bytes after it.
  padded_string_view json(line.data(), line.size(), line.size() + kJsonPadding);
  auto err = parser.iterate(json).get(doc);
  if (err == UTF8_ERROR) {
    // nginx's escape=json passes bytes >= 0x80 through as they are. Parse a copy with each
    // invalid byte replaced by '?', so that the record still counts.
    json = sanitized_copy(line);
    err = parser.iterate(json).get(doc);
  }
  if (err != SUCCESS) {
    reason = error_message(err);
    return Parsed::Malformed;
  }
  ondemand::object object;
  if (auto object_err = doc.get_object().get(object); object_err != SUCCESS) {
    reason = error_message(object_err);
    return Parsed::Malformed;
  }
  bool saw_status = false;
  RequestHeaderRange request_range;
  if (!walk(object, *root_, r, headers, saw_status, request_range)) {
    reason = "malformed JSON inside the object";
    const char* at = nullptr;
    // The parsed bytes are the line or its sanitized copy, which has the same offsets.
    const char* parsed = json.data();
    if (doc.current_location().get(at) == SUCCESS && at >= parsed && at <= parsed + line.size()) {
      column = static_cast<std::uint32_t>(at - parsed);
    }
    return Parsed::Malformed;
  }
  if (!saw_status) {
    reason = "a JSON object without the status field: not an access record";
    return Parsed::Other;
  }
  const std::span<const Header> all(headers);
  r.request_headers = all.subspan(request_range.begin, request_range.end - request_range.begin);
  // Response headers are the rest: before the request's or after them.
  r.headers = request_range.begin > 0 ? all.first(request_range.begin) : all.subspan(request_range.end);
  if (r.has_request_headers) {
    // Caddy logs the request's headers whole: the user agent and referrer come from them.
    if (const Header* h = r.user_agent.empty() ? r.find_request_header("User-Agent") : nullptr) r.user_agent = h->value;
    if (const Header* h = r.referrer.empty() ? r.find_request_header("Referer") : nullptr) r.referrer = h->value;
  }
  r.resolve();  // JSON is slow to read anyway: hand out whole records
  if (zero_is_no_response_) r.no_response = r.status_text == "0" || r.status_text == "-";
  return Parsed::Record;
}

}  // namespace statuslint
