#include "statuslint/formats/layout_inference.hpp"

#include "formats/simdjson_linked.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "statuslint/formats/logfmt_format.hpp"
#include "statuslint/formats/plausibility.hpp"
#include "statuslint/record/timestamp.hpp"

namespace statuslint {
namespace {

// --- what a value looks like -------------------------------------------------------------

// A key as compared with the names below: lower case, without separators ("status_code",
// "statusCode" and "status-code" are one name).
std::string normalized(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '_' || c == '-' || c == '.' || c == ' ' || c == '@') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string_view last_segment(std::string_view path) {
  const size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

int status_of(std::string_view text) {
  if (text.size() != 3) return -1;
  int n = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

enum class TimeKind : std::uint8_t { None, Iso, Clf, EpochSeconds, EpochMillis, EpochMicros };

TimeKind time_kind(std::string_view text) {
  if (parse_iso8601_time(text)) return TimeKind::Iso;
  if (parse_clf_time(text)) return TimeKind::Clf;
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  if (whole.empty() || whole.find_first_not_of("0123456789") != std::string_view::npos) return TimeKind::None;
  if (dot != std::string_view::npos && text.substr(dot + 1).find_first_not_of("0123456789") != std::string_view::npos) {
    return TimeKind::None;
  }
  // Epoch times of this century: 10 digits of seconds, 13 of milliseconds, 16 of microseconds.
  if (whole.size() == 10) return TimeKind::EpochSeconds;
  if (whole.size() == 13 && dot == std::string_view::npos) return TimeKind::EpochMillis;
  if (whole.size() == 16 && dot == std::string_view::npos) return TimeKind::EpochMicros;
  return TimeKind::None;
}

// What the values of one key (or column) looked like across the sample.
struct Stats {
  size_t present = 0;
  size_t status = 0;       // three digits 100..599
  size_t method = 0;       // an HTTP method token
  size_t target = 0;       // a request target: "/..." or an absolute URL
  size_t address = 0;      // an IP address, or a list of them
  size_t host = 0;         // a host name
  size_t integer = 0;      // digits (or "-")
  size_t number = 0;       // a number, fractions allowed
  size_t protocol = 0;     // HTTP/1.1
  size_t duration = 0;     // a number with its unit ("12ms")
  size_t request = 0;      // "GET /path HTTP/1.1"
  std::array<size_t, 6> time{};  // by TimeKind

  void see(std::string_view v) {
    ++present;
    if (v.empty() || v == "-") {
      ++integer;  // a placeholder fits any column that may be empty
      return;
    }
    const int s = status_of(v);
    if (valid_status(s)) ++status;
    if (looks_like_method(v)) ++method;
    if (v.front() == '/' || v.starts_with("http://") || v.starts_with("https://")) ++target;
    const std::string_view first = v.substr(0, v.find(','));
    if (looks_like_address(first)) ++address;
    if (looks_like_host_name(v)) ++host;
    if (looks_like_number(v, true)) ++integer;
    if (looks_like_number(v, false)) ++number;
    if (v.starts_with("HTTP/")) ++protocol;
    DurationUnit unit = DurationUnit::None;
    if (const std::string_view n = strip_duration_unit(v, DurationUnit::None, unit);
        unit != DurationUnit::None && looks_like_number(n, false)) {
      ++duration;
    }
    const size_t sp = v.find(' ');
    if (sp != std::string_view::npos && looks_like_method(v.substr(0, sp)) && sp + 1 < v.size() &&
        (v[sp + 1] == '/' || v[sp + 1] == '*' || v.substr(sp + 1).starts_with("http"))) {
      ++request;
    }
    ++time[static_cast<size_t>(time_kind(v))];
  }
  // Most of the values seen (placeholders included) are of a kind.
  static bool most(size_t n, size_t of) { return of > 0 && 2 * n > of; }
  bool mostly(size_t n) const { return most(n, present); }
  TimeKind time_syntax() const {
    for (size_t k = 1; k < time.size(); ++k) {
      if (mostly(time[k])) return static_cast<TimeKind>(k);
    }
    return TimeKind::None;
  }
};

// --- field maps: JSON lines and key=value ------------------------------------------------

// The names each target goes by, best first; a key matches by its whole path or its last
// segment, normalized. Status comes first and decides whether a map is found at all.
struct TargetNames {
  std::string_view target;
  std::array<std::string_view, 16> names;
};
constexpr std::array<TargetNames, 10> kNames = {{
    {"status",
     {"status", "statuscode", "httpstatus", "httpstatuscode", "responsestatus", "responsecode", "scstatus",
      "httpresponsestatuscode", "resstatuscode", "responsestatuscode", "downstreamstatus", "edgeresponsestatus",
      "statusint", "code", "httpcode", "returncode"}},
    {"method",
     {"method", "requestmethod", "httpmethod", "httprequestmethod", "reqmethod", "csmethod", "verb", "requestverb"}},
    {"path",
     {"path", "uri", "requesturi", "url", "requestpath", "urlpath", "urloriginal", "requesturl", "requrl", "csuristem",
      "resource", "httprequesturi", "target", "urlfull"}},
    {"client",
     {"remoteaddr", "clientip", "client", "ip", "remoteip", "clientaddress", "sourceip", "cip", "clienthost",
      "remoteaddress", "requestip", "sourceaddress", "clientaddr", "peer", "xforwardedfor", "fwd"}},
    {"user_agent",
     {"useragent", "httpuseragent", "ua", "useragentoriginal", "agent", "csuseragent", "requestuseragent",
      "clientrequestuseragent"}},
    {"referrer", {"referer", "referrer", "httpreferer", "httprequestreferrer", "csreferer", "requestreferer"}},
    {"host", {"host", "vhost", "requesthost", "httphost", "authority", "servername", "urldomain", "hostheader"}},
    {"protocol", {"protocol", "proto", "serverprotocol", "httpversion", "requestprotocol", "version"}},
    {"bytes",
     {"bytes", "bodybytessent", "bytessent", "size", "responsesize", "sentbytes", "responsebytes", "scbytes",
      "httpresponsebodybytes", "contentlength", "ressize", "downstreamcontentsize", "bytesout", "length"}},
    {"time",
     {"time", "timestamp", "ts", "datetime", "date", "starttime", "startutc", "timelocal", "timeiso8601",
      "requesttime", "eventtime", "startedat", "logtime", "t"}},
}};

// Durations: the unit comes from the name ("duration_ms") or the value ("12ms"); a bare
// "duration" of unknown unit is left out.
struct DurationName {
  std::string_view name;
  DurationUnit unit;  // None: only with a unit in the value
};
constexpr std::array<DurationName, 22> kDurationNames = {{
    {"eventduration", DurationUnit::Nanoseconds},  {"latenciesrequest", DurationUnit::Milliseconds},
    {"durationms", DurationUnit::Milliseconds},   {"responsetimems", DurationUnit::Milliseconds},
    {"requesttimems", DurationUnit::Milliseconds}, {"latencyms", DurationUnit::Milliseconds},
    {"elapsedms", DurationUnit::Milliseconds},    {"timetakenms", DurationUnit::Milliseconds},
    {"tookms", DurationUnit::Milliseconds},       {"durationus", DurationUnit::Microseconds},
    {"durationns", DurationUnit::Nanoseconds},    {"requesttimeus", DurationUnit::Microseconds},
    {"durations", DurationUnit::Seconds},         {"requesttimes", DurationUnit::Seconds},
    {"responsetime", DurationUnit::None},         {"duration", DurationUnit::None},
    {"latency", DurationUnit::None},              {"elapsed", DurationUnit::None},
    {"took", DurationUnit::None},                 {"service", DurationUnit::None},
    {"timetaken", DurationUnit::None},            {"requestduration", DurationUnit::None},
}};

// Status names from this index on ("code", "httpcode", "returncode", "statusint") say little by
// themselves: such a key is taken only with a method or a path beside it.
constexpr size_t kWeakStatusNames = 13;

// How well `key` is named for a target: 0 best, names.size() for no match.
size_t name_rank(std::string_view key, const TargetNames& t) {
  const std::string whole = normalized(key), last = normalized(last_segment(key));
  for (size_t i = 0; i < t.names.size() && !t.names[i].empty(); ++i) {
    if (whole == t.names[i]) return i;
  }
  for (size_t i = 0; i < t.names.size() && !t.names[i].empty(); ++i) {
    if (last == t.names[i]) return i + t.names.size();  // a nested key named so: after every whole path
  }
  return 2 * t.names.size();
}

// Whether `stats` fit what `target` holds.
bool values_fit(std::string_view target, const Stats& s) {
  if (target == "status") return s.mostly(s.status);
  if (target == "method") return s.mostly(s.method);
  if (target == "path") return s.mostly(s.target);
  if (target == "client") return s.mostly(s.address);
  if (target == "host") return s.mostly(s.host + s.address);
  if (target == "protocol") return s.mostly(s.protocol);
  if (target == "bytes") return s.mostly(s.integer);
  if (target == "time") return s.time_syntax() != TimeKind::None;
  if (target == "user_agent" || target == "referrer") return s.present > 0;
  return false;
}

std::string_view time_target(TimeKind kind) {
  switch (kind) {
    case TimeKind::Clf:
      return "time_clf";
    case TimeKind::EpochSeconds:
      return "time_epoch";
    case TimeKind::EpochMillis:
      return "time_epoch_ms";
    case TimeKind::EpochMicros:
      return "time_epoch_us";
    case TimeKind::Iso:
    case TimeKind::None:
      break;
  }
  return "time";
}

// The field map from what each key's values looked like over `lines` (objects: lines that
// had any key at all).
FieldMapInference infer_fields(const std::map<std::string, Stats>& keys, size_t objects) {
  FieldMapInference out;
  std::vector<std::string> used;
  const auto choose = [&](const TargetNames& t) -> std::optional<std::string> {
    std::optional<std::string> best;
    size_t best_rank = 2 * t.names.size();
    for (const auto& [key, stats] : keys) {
      if (std::find(used.begin(), used.end(), key) != used.end()) continue;
      const size_t rank = name_rank(key, t);
      if (rank >= best_rank || !values_fit(t.target, stats)) continue;
      // A key most lines lack says little, but a status key need not be in every line (a
      // server's start-up events are objects too).
      if (2 * stats.present < objects && t.target != "status") continue;
      best = key;
      best_rank = rank;
    }
    return best;
  };
  const auto add = [&](std::string target, const std::string& key) {
    out.mappings.push_back({std::move(target), key});
    used.push_back(key);
    out.why += (out.why.empty() ? "" : ", ") + out.mappings.back().target + "=" + key;
  };
  const std::optional<std::string> status = choose(kNames[0]);
  if (!status || 2 * keys.at(*status).present < objects / 2 + 1) return {};
  add("status", *status);
  bool request = false;
  for (size_t i = 1; i < kNames.size(); ++i) {
    const std::optional<std::string> key = choose(kNames[i]);
    if (!key) continue;
    const std::string_view target = kNames[i].target;
    request = request || target == "method" || target == "path";
    add(std::string(target == "time" ? time_target(keys.at(*key).time_syntax()) : target), *key);
  }
  // A key named only "code" (or the like) holds an HTTP status only beside a request: an
  // application's own codes are 100..599 too.
  if (name_rank(*status, kNames[0]) % kNames[0].names.size() >= kWeakStatusNames && !request) return {};
  // The duration: the first named one whose values are numbers with a unit in their name or
  // in the values themselves.
  for (const DurationName& d : kDurationNames) {
    for (const auto& [key, stats] : keys) {
      if ((normalized(key) != d.name && normalized(last_segment(key)) != d.name) ||
          std::find(used.begin(), used.end(), key) != used.end()) {
        continue;
      }
      if (stats.mostly(stats.duration)) {
        add("request_time", key);  // the unit written in each value wins (strip_duration_unit)
      } else if (d.unit != DurationUnit::None && stats.mostly(stats.number)) {
        add(d.unit == DurationUnit::Milliseconds   ? "request_time_ms"
            : d.unit == DurationUnit::Microseconds ? "request_time_us"
            : d.unit == DurationUnit::Nanoseconds  ? "request_time_ns"
                                                   : "request_time",
            key);
      } else {
        continue;
      }
      return out;
    }
  }
  return out;
}

using namespace simdjson;

void flatten(dom::element e, std::string& path, std::map<std::string, Stats>& keys, int depth) {
  dom::object object;
  if (depth > 4 || e.get_object().get(object) != SUCCESS) return;
  for (auto [key, value] : object) {
    const size_t before = path.size();
    if (!path.empty()) path += '.';
    path += key;
    switch (value.type()) {
      case dom::element_type::OBJECT:
        flatten(value, path, keys, depth + 1);
        break;
      case dom::element_type::STRING:
        keys[path].see(std::string_view(value));
        break;
      case dom::element_type::INT64:
      case dom::element_type::UINT64:
      case dom::element_type::DOUBLE:
        keys[path].see(minify(value));
        break;
      case dom::element_type::NULL_VALUE:
        keys[path].see("-");
        break;
      case dom::element_type::ARRAY: {
        dom::array array = value;
        for (dom::element first : array) {
          if (first.is_string()) keys[path].see(std::string_view(first));
          break;
        }
        break;
      }
      case dom::element_type::BOOL:
        break;
    }
    path.resize(before);
  }
}

}  // namespace

FieldMapInference infer_json_fields(std::span<const std::string_view> lines) {
  std::map<std::string, Stats> keys;
  dom::parser parser;
  size_t objects = 0;
  for (std::string_view line : lines) {
    dom::element doc;
    if (parser.parse(line.data(), line.size()).get(doc) != SUCCESS || !doc.is_object()) continue;
    ++objects;
    std::string path;
    flatten(doc, path, keys, 0);
  }
  FieldMapInference out = infer_fields(keys, objects);
  if (!out.mappings.empty()) out.why = "inferred: " + out.why;
  return out;
}

FieldMapInference infer_logfmt_fields(std::span<const std::string_view> lines) {
  std::map<std::string, Stats> keys;
  size_t with_pairs = 0;
  for (std::string_view line : lines) {
    std::vector<std::string_view> seen;
    const size_t pairs = LogfmtFormat::for_each_pair(line, [&](std::string_view key, std::string_view value) {
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) return;  // a repeated key: its first value
      seen.push_back(key);
      keys[std::string(key)].see(value);
    });
    // A line of a word or two with an '=' in them is prose, not key=value.
    if (pairs >= 3) ++with_pairs;
  }
  if (2 * with_pairs < lines.size()) return {};
  FieldMapInference out = infer_fields(keys, with_pairs);
  if (!out.mappings.empty()) out.why = "inferred: " + out.why;
  return out;
}

namespace {

// --- text layouts ------------------------------------------------------------------------

// A line cut into columns: quoted ("..."), bracketed ([...]) or bare (up to a space), with
// what stands between them.
struct Column {
  std::string_view value;  // without its quotes or brackets
  char open = 0;           // '"', '[' or 0
  std::string_view before;  // the separator before it (spaces, tabs), the first column's ""
};

std::vector<Column> columns_of(std::string_view line) {
  std::vector<Column> out;
  size_t i = 0;
  while (i < line.size()) {
    const size_t sep = i;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    Column c;
    c.before = line.substr(sep, i - sep);
    if (line[i] == '"') {
      const size_t start = ++i;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\') ++i;
        ++i;
      }
      if (i >= line.size()) return {};  // an open quote: not a line to learn from
      c.value = line.substr(start, i - start);
      c.open = '"';
      ++i;
    } else if (line[i] == '[') {
      const size_t close = line.find(']', i);
      if (close == std::string_view::npos) return {};
      c.value = line.substr(i + 1, close - i - 1);
      c.open = '[';
      i = close + 1;
    } else {
      const size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      c.value = line.substr(start, i - start);
    }
    out.push_back(c);
  }
  return out;
}

std::string wrapped(const Column& c, std::string_view var) {
  std::string out(c.before);
  if (c.open == '"') return out + "\"" + std::string(var) + "\"";
  if (c.open == '[') return out + "[" + std::string(var) + "]";
  return out + std::string(var);
}

}  // namespace

TextInference infer_text_layout(std::span<const std::string_view> lines) {
  // The lines of the commonest column count (a server's own messages have others).
  std::map<size_t, size_t> counts;
  std::vector<std::vector<Column>> split;
  for (std::string_view line : lines) {
    split.push_back(columns_of(line));
    if (split.back().size() >= 3) ++counts[split.back().size()];
  }
  if (counts.empty()) return {};
  const auto modal = std::max_element(counts.begin(), counts.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
  const size_t width = modal->first;
  if (2 * modal->second < lines.size()) return {};
  std::vector<const std::vector<Column>*> rows;
  for (const auto& cols : split) {
    if (cols.size() == width) rows.push_back(&cols);
  }
  // Each column's values, and whether its shape (quoting, separator) is the same on every row.
  std::vector<Stats> stats(width);
  for (size_t k = 0; k < width; ++k) {
    for (const auto* row : rows) {
      const Column& c = (*row)[k];
      if (c.open != (*rows.front())[k].open || c.before != (*rows.front())[k].before) return {};
      stats[k].see(c.value);
    }
  }
  const auto every = [&](size_t n) { return n * 10 >= rows.size() * 9; };  // nine in ten rows
  // Anchors: a request line (quoted, or method and target in two columns), then the status:
  // a three-digit column, the first after the request.
  size_t request = width, method = width;
  for (size_t k = 0; k < width; ++k) {
    if (request == width && every(stats[k].request)) request = k;
    if (method == width && k + 1 < width && every(stats[k].method) && every(stats[k + 1].target)) method = k;
  }
  std::vector<size_t> statuses;
  for (size_t k = 0; k < width; ++k) {
    if (every(stats[k].status) && k != request) statuses.push_back(k);
  }
  if (statuses.empty()) return {};
  const size_t anchor = request != width ? request : method;
  size_t status = width;
  if (anchor != width) {
    for (const size_t k : statuses) {
      if (k > anchor) {
        status = k;
        break;
      }
    }
  } else if (statuses.size() == 1) {
    status = statuses.front();
  }
  if (status == width) {
    return {"", statuses.size() > 1 ? "several columns look like statuses and no request line tells which" : ""};
  }
  // The rest where it is unambiguous: the time, the first address as the client, the bytes
  // right after the status, and the two quoted fields after them as referrer and agent.
  std::vector<std::string> var(width);
  for (size_t k = 0; k < width; ++k) var[k] = "$column_" + std::to_string(k + 1);
  var[status] = "$status";
  if (request != width) var[request] = "$request";
  if (request == width && method != width) {
    var[method] = "$request_method";
    var[method + 1] = "$request_uri";
    if (method + 2 < width && every(stats[method + 2].protocol)) var[method + 2] = "$server_protocol";
  }
  bool have_time = false, have_client = false;
  for (size_t k = 0; k < width; ++k) {
    if (!var[k].starts_with("$column_")) continue;
    const TimeKind t = stats[k].time_syntax();
    if (!have_time && t != TimeKind::None && every(stats[k].time[static_cast<size_t>(t)] + 0) &&
        (t == TimeKind::Clf || t == TimeKind::Iso || t == TimeKind::EpochSeconds)) {
      var[k] = t == TimeKind::Clf ? "$time_local" : t == TimeKind::Iso ? "$time_iso8601" : "$msec";
      have_time = true;
    } else if (!have_client && k < status && every(stats[k].address)) {
      var[k] = "$remote_addr";
      have_client = true;
    }
  }
  if (status + 1 < width && var[status + 1].starts_with("$column_") && every(stats[status + 1].integer)) {
    var[status + 1] = "$body_bytes_sent";
    const size_t r = status + 2, a = status + 3;
    const auto& first = *rows.front();
    if (a < width && first[r].open == '"' && first[a].open == '"' && var[r].starts_with("$column_") &&
        var[a].starts_with("$column_")) {
      var[r] = "$http_referer";
      var[a] = "$http_user_agent";
    }
  }
  TextInference out;
  for (size_t k = 0; k < width; ++k) out.format += wrapped((*rows.front())[k], var[k]);
  out.why = "inferred from " + std::to_string(rows.size()) + " lines of " + std::to_string(width) + " columns";
  return out;
}

}  // namespace statuslint
