#include "statuslint/formats/format_detection.hpp"

#include "statuslint/formats/envelope.hpp"
#include "statuslint/formats/plausibility.hpp"
#include "statuslint/formats/status_field.hpp"

#include <simdjson.h>

#include <algorithm>
#include <span>
#include <vector>

namespace statuslint {
namespace {

std::vector<std::string_view> sample_lines(std::string_view text, size_t max_lines) {
  std::vector<std::string_view> lines;
  while (!text.empty() && lines.size() < max_lines) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    lines.push_back(line);
  }
  return lines;
}

bool is_w3c_directive(std::string_view line) {
  for (std::string_view d : {"#Software:", "#Version:", "#Fields:", "#Date:", "#Remark:", "#Start-Date:"}) {
    if (line.starts_with(d)) return true;
  }
  return false;
}

// Top-level keys of a one-line JSON object, or nothing if the line is not one.
struct JsonShape {
  bool object = false;
  bool downstream_status = false, caddy = false, status = false;
  bool response_code = false, edge_status = false, http_request = false;
  std::string_view category;  // Azure diagnostics: "ApplicationGatewayAccessLog", "FrontDoorAccessLog"
};

JsonShape json_shape(std::string_view line) {
  JsonShape shape;
  simdjson::padded_string padded(line);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  simdjson::ondemand::object object;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS || doc.get_object().get(object) != simdjson::SUCCESS) {
    return shape;
  }
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return {};
    simdjson::ondemand::value value;
    if (field.value().get(value) != simdjson::SUCCESS) return {};
    simdjson::ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) return {};
    shape.downstream_status = shape.downstream_status || key == "DownstreamStatus";
    shape.caddy = shape.caddy || key == "resp_headers" || key == "logger" ||
                  (key == "request" && type == simdjson::ondemand::json_type::object);
    shape.status = shape.status || key == "status";
    shape.response_code = shape.response_code || key == "response_code";
    shape.edge_status = shape.edge_status || key == "EdgeResponseStatus";
    shape.http_request = shape.http_request || (key == "httpRequest" && type == simdjson::ondemand::json_type::object);
    if (key == "category" && type == simdjson::ondemand::json_type::string) {
      std::string_view category;
      if (value.get_string().get(category) == simdjson::SUCCESS) {
        shape.category = category == "ApplicationGatewayAccessLog" ? "ApplicationGatewayAccessLog"
                         : category == "FrontDoorAccessLog"        ? "FrontDoorAccessLog"
                                                                   : "";
      }
    }
  }
  shape.object = true;
  return shape;
}

FormatDetection detect_json(std::span<const std::string_view> lines,
                            std::span<const JsonLineFormat::Mapping> overrides) {
  FormatDetection result;
  result.sampled = lines.size();
  const auto use = [&](std::string_view preset, size_t fitted, const std::string& why) {
    result.format.json = JsonLineFormat::preset(preset);
    if (!overrides.empty()) result.format.json = JsonLineFormat::with_overrides(*result.format.json, overrides);
    result.fitted = fitted;
    result.explanation = std::string(preset) + " (" + why + ", " + std::to_string(fitted) + " of " +
                         std::to_string(lines.size()) + " sample lines)";
  };
  // Every sample line votes: a server's own events (start-up, TLS, debug) often come first
  // and carry no status, so the first line alone says little.
  // A first line that is not a whole object starts a pretty-printed document.
  const bool document = !json_shape(lines.front()).object;
  size_t objects = 0, traefik = 0, caddy = 0, status = 0, envoy = 0, cloudflare = 0, gcp = 0, appgw = 0,
         frontdoor = 0;
  for (std::string_view line : lines) {
    if (document) break;
    const JsonShape shape = json_shape(line);
    if (!shape.object) continue;
    ++objects;
    if (shape.downstream_status) ++traefik;
    if (shape.status && shape.caddy) ++caddy;
    if (shape.status) ++status;
    if (shape.response_code) ++envoy;
    if (shape.edge_status) ++cloudflare;
    if (shape.http_request) ++gcp;
    if (shape.category == "ApplicationGatewayAccessLog") ++appgw;
    if (shape.category == "FrontDoorAccessLog") ++frontdoor;
  }
  if (objects == 0) {
    // Not one object per line: a pretty-printed document. A HAR is told by its first bytes
    // (starts_like_har) before lines are read, so this one is not.
    result.explanation = "the input starts like JSON but its lines are not JSON objects, nor a HAR";
    return result;
  }
  if (traefik > 0) {
    use("traefik-json", traefik, "JSON lines with DownstreamStatus");
  } else if (cloudflare > 0) {
    use("cloudflare", cloudflare, "JSON lines with EdgeResponseStatus");
  } else if (gcp > 0) {
    use("gcp-lb", gcp, "LogEntry JSON with an httpRequest object");
  } else if (appgw > 0) {
    use("azure-appgw", appgw, "Azure diagnostics, ApplicationGatewayAccessLog");
  } else if (frontdoor > 0) {
    use("azure-frontdoor", frontdoor, "Azure diagnostics, FrontDoorAccessLog");
  } else if (envoy > 0) {
    use("envoy-json", envoy, "JSON lines with response_code");
  } else if (caddy > 0) {
    use("caddy", caddy, "JSON lines with Caddy's request object");
  } else if (status > 0) {
    use("nginx-json", status, "JSON lines with a status key");
  } else if (!overrides.empty()) {
    result.format.json = JsonLineFormat::from_mappings("json", overrides);
    result.fitted = objects;
    result.explanation = "json (JSON lines, fields from --json-field)";
  } else {
    result.explanation = "JSON lines without a known status key; give --json-field status=PATH";
  }
  return result;
}

// Whether a candidate may be chosen: it reads at least half of the lines from the first one
// it fits on (a server's start-up messages may come first; then at least two lines), and a
// valid status on most of the lines it reads. A format that fits but reads no valid status has
// misread the layout: refused, never reported as records.
void judge(DetectionCandidate& c, size_t sampled) {
  const size_t considered = sampled - std::min(c.first_fit, sampled);
  if (c.fitted == 0) {
    c.why_not = "fits no line";
  } else if (2 * c.fitted < considered || (c.first_fit > 0 && c.fitted < 2)) {
    c.why_not = "fits " + std::to_string(c.fitted) + " of " + std::to_string(considered) + " lines";
  } else if (2 * c.valid_status <= c.fitted) {
    c.why_not = "reads a valid status on " + std::to_string(c.valid_status) + " of the " + std::to_string(c.fitted) +
                " lines it fits";
  } else if (c.points <= 0) {
    c.why_not = "reads fields that do not look like what they are (" + std::to_string(c.points) + " points)";
  } else {
    c.acceptable = true;
  }
}

// Acceptable candidates first, then by points; equal ones keep their order.
bool better(const DetectionCandidate& a, const DetectionCandidate& b) {
  if (a.acceptable != b.acceptable) return a.acceptable;
  return a.points > b.points;
}

// Why nothing was chosen: the best candidates with what they read.
std::string refusal(std::span<const DetectionCandidate> candidates, std::span<const std::string_view> lines) {
  std::string out = "no format reads the first " + std::to_string(lines.size()) + " lines convincingly";
  size_t named = 0;
  for (const DetectionCandidate& c : candidates) {
    if (c.fitted == 0 || named == 3) continue;
    out += named++ == 0 ? " (best: " : "; ";
    out += c.name + " " + c.why_not;
  }
  if (named > 0) out += ")";
  out += "; give --log-format (statuslint detect shows each candidate's fields)";
  return out;
}

// The fields a text format maps, once each: what its records are scored on.
std::vector<LogField> mapped_fields(const LogFormat& fmt) {
  std::vector<LogField> fields;
  for (const LogFormat::Step& step : fmt.steps()) {
    if (step.field != LogField::Ignore && std::find(fields.begin(), fields.end(), step.field) == fields.end()) {
      fields.push_back(step.field);
    }
  }
  return fields;
}

// A text format against the sample: how many lines it reads, whole or with appended fields,
// and how plausible what it reads is (plausibility.hpp).
DetectionCandidate score_text(const LogFormat& fmt, std::span<const std::string_view> lines) {
  DetectionCandidate c;
  c.name = fmt.name();
  const std::vector<LogField> fields = mapped_fields(fmt);
  c.first_fit = lines.size();
  ParseError err;
  for (size_t i = 0; i < lines.size(); ++i) {
    Record r;
    const LogFormat::Fit fit = fmt.parse(lines[i], r, err);
    if (fit == LogFormat::Fit::Malformed) continue;
    if (c.first_fit == lines.size()) c.first_fit = i;
    ++c.fitted;
    const RecordScore score = score_record(r, fields);
    c.valid_status += score.status_valid ? 1 : 0;
    // A line cut short counts as read but earns nothing for its fit: a format that reads
    // every line of another layout "truncated" (a quoted field it expects never closes) must
    // not tie with one that reads them whole.
    c.points += (fit == LogFormat::Fit::Whole ? 4 : fit == LogFormat::Fit::ExtraFields ? 2 : 0) + score.points;
  }
  judge(c, lines.size());
  return c;
}

// The text presets against the sample: the most plausible acceptable one (ties go to the
// earlier preset, the more specific), or a refusal that names the best candidates.
FormatDetection detect_text(std::span<const std::string_view> lines) {
  FormatDetection result;
  result.sampled = lines.size();
  std::vector<std::pair<DetectionCandidate, std::shared_ptr<const LogFormat>>> tried;
  for (const LogFormat::PresetInfo& preset : LogFormat::presets()) {
    if (preset.name == "w3c" || !preset.detected_as.empty()) continue;
    auto fmt = LogFormat::preset(preset.name);
    tried.emplace_back(score_text(*fmt, lines), fmt);
  }
  std::stable_sort(tried.begin(), tried.end(), [](const auto& a, const auto& b) { return better(a.first, b.first); });
  for (const auto& [candidate, fmt] : tried) result.candidates.push_back(candidate);
  if (tried.empty() || !tried.front().first.acceptable) {
    result.explanation = refusal(result.candidates, lines);
    return result;
  }
  result.format.text = tried.front().second;
  result.format.siblings = LogFormat::siblings(result.format.text->name());
  result.fitted = tried.front().first.fitted;
  result.explanation = result.format.name() + " (" + std::to_string(result.fitted) + " of " +
                       std::to_string(result.sampled) + " sample lines)";
  return result;
}

}  // namespace

namespace {

std::string_view fit_name(LogFormat::Fit fit) {
  switch (fit) {
    case LogFormat::Fit::Whole:
      return "whole";
    case LogFormat::Fit::ExtraFields:
      return "with appended fields";
    case LogFormat::Fit::Truncated:
      return "truncated";
    case LogFormat::Fit::Malformed:
      break;
  }
  return "malformed";
}

Plausible status_verdict(std::string_view value, bool dash_or_zero_is_no_response) {
  Record r;
  set_status(r, value);
  if (value.empty() || value == "-") return dash_or_zero_is_no_response ? Plausible::Yes : Plausible::Absent;
  return valid_status(r.status) || (dash_or_zero_is_no_response && r.status == 0) ? Plausible::Yes : Plausible::No;
}

void label_text(const LogFormat& fmt, std::string_view line, LabelledLine& out) {
  std::vector<std::string_view> values;
  const LogFormat::Fit fit = fmt.split(line, values);
  Record r;
  ParseError err;
  fmt.parse(line, r, err);
  out.fit = fit == LogFormat::Fit::Malformed ? "does not fit: " + fmt.describe(err) : std::string(fit_name(fit));
  for (size_t i = 0; i < fmt.steps().size(); ++i) {
    const LogFormat::Step& step = fmt.steps()[i];
    LabelledField f;
    f.name = step.directive;
    f.field = step.field == LogField::Ignore ? "" : std::string(field_label(step.field));
    f.value = values[i];
    f.verdict = step.field == LogField::Status ? status_verdict(values[i], r.no_response)
                                               : check_field(step.field, values[i], r);
    out.fields.push_back(std::move(f));
  }
}

void label_json(const JsonLineFormat& fmt, std::string_view line, LabelledLine& out) {
  std::string padded(line);
  padded.append(kJsonPadding, ' ');
  Record r;
  std::vector<Header> headers;
  std::string_view reason;
  std::uint32_t column = 0;
  const auto parsed = fmt.parse(std::string_view(padded.data(), line.size()), r, headers, reason, column);
  if (parsed != JsonLineFormat::Parsed::Record) {
    out.fit = std::string(parsed == JsonLineFormat::Parsed::Other ? "other: " : "does not fit: ") + std::string(reason);
    return;
  }
  out.fit = "record";
  for (const JsonLineFormat::Mapping& m : fmt.mappings()) {
    const LogField field = JsonLineFormat::target_field(m.target);
    const std::string bytes = field == LogField::Bytes && r.bytes >= 0 ? std::to_string(r.bytes) : std::string();
    const std::string_view value = field == LogField::Bytes ? std::string_view(bytes) : record_value(field, r);
    if (value.empty() && field != LogField::Status) continue;
    LabelledField f;
    f.name = m.path;
    f.field = std::string(field_label(field));
    f.value = value;
    f.verdict = field == LogField::Status ? status_verdict(value, r.no_response) : check_field(field, value, r);
    out.fields.push_back(std::move(f));
  }
}

}  // namespace

LabelledLine label_line(const InputFormat& format, std::string_view line) {
  LabelledLine out;
  EnvelopeScratch scratch;
  std::string padded(line);
  padded.append(kJsonPadding, ' ');
  OpenedLine opened;
  std::string_view inner = line;
  if (!format.envelope.none()) {
    if (!format.envelope.open(std::string_view(padded.data(), line.size()), scratch, opened)) {
      out.fit = "not a line of the " + format.envelope.name() + " envelope";
      return out;
    }
    inner = opened.inner;
    if (!opened.time.empty()) out.fields.push_back({"envelope time", "time", std::string(opened.time), Plausible::Absent});
    if (!opened.source.empty()) {
      out.fields.push_back({"envelope source", "source", std::string(opened.source), Plausible::Absent});
    }
  }
  LabelledLine read;
  const size_t first = inner.find_first_not_of(" \t");
  if (format.json != nullptr && (format.text == nullptr || (first != std::string_view::npos && inner[first] == '{'))) {
    label_json(*format.json, inner, read);
  } else if (format.text != nullptr) {
    label_text(*format.text, inner, read);
  } else {
    read.fit = format.har ? "a HAR is one document, not lines" : "no format";
  }
  out.fit = std::move(read.fit);
  for (LabelledField& f : read.fields) out.fields.push_back(std::move(f));
  return out;
}

bool starts_like_har(std::string_view head) noexcept {
  size_t at = 0;
  const auto skip_space = [&] {
    while (at < head.size() && (head[at] == ' ' || head[at] == '\t' || head[at] == '\n' || head[at] == '\r')) ++at;
  };
  const auto take = [&](std::string_view token) {
    skip_space();
    if (head.substr(at, token.size()) != token) return false;
    at += token.size();
    return true;
  };
  return take("{") && take("\"log\"") && take(":") && take("{");
}

namespace {

// How many of `lines` the given format reads (a record, or for JSON lines any object).
size_t lines_read(const InputFormat& format, std::span<const std::string_view> lines) {
  size_t n = 0;
  ParseError err;
  for (std::string_view line : lines) {
    const size_t at = line.find_first_not_of(" \t");
    const bool json = at != std::string_view::npos && line[at] == '{';
    if (format.json != nullptr && json) {
      ++n;
    } else if (format.text != nullptr && !json) {
      Record r;
      if (format.text->w3c() ? !line.starts_with('#') && format.text->parse(line, r, err) != LogFormat::Fit::Malformed
                             : format.text->parse(line, r, err) != LogFormat::Fit::Malformed) {
        ++n;
      }
    }
  }
  return n;
}

}  // namespace

Envelope detect_envelope(std::string_view sample, const InputFormat& given, size_t max_lines) {
  const auto lines = sample_lines(sample, max_lines);
  std::string inner;
  const Envelope envelope = lines.empty() ? Envelope() : detect_envelope(lines, inner);
  if (envelope.none() || given.empty()) return envelope;
  // The user's format decides: an envelope is taken when the format reads at least as many of
  // the lines inside it as of the lines as they are, and more for a bare time stamp (W3C lines
  // start with one).
  std::vector<std::string_view> opened;
  for (std::string_view rest = inner; !rest.empty();) {
    const size_t nl = rest.find('\n');
    opened.push_back(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  const size_t inside = lines_read(given, opened), outside = lines_read(given, lines);
  // Ties keep the envelope (CRI's split parts read alone in neither), but for the loosest.
  return inside > outside || (inside == outside && !envelope.has(EnvelopeKind::Time)) ? envelope : Envelope();
}

namespace {
FormatDetection detect_unwrapped(std::span<const std::string_view> lines,
                                 std::span<const JsonLineFormat::Mapping> json_overrides);
}  // namespace

FormatDetection detect_format(std::string_view sample, size_t max_lines,
                              std::span<const JsonLineFormat::Mapping> json_overrides) {
  FormatDetection result;
  if (starts_like_har(sample)) {
    result.format.har = true;
    result.fitted = 1;
    result.explanation = "har (a JSON document with a \"log\" object)";
    return result;
  }
  const auto lines = sample_lines(sample, max_lines);
  result.sampled = lines.size();
  if (lines.empty()) {
    result.explanation = "no lines to detect a format from";
    return result;
  }
  // An envelope first: the format is then detected inside it. When nothing reads what it
  // holds, the lines are tried as they are (a bare time stamp first is also how ELB lines
  // start); a refusal then says what was tried inside.
  std::string inner;
  FormatDetection enveloped;
  if (const Envelope envelope = detect_envelope(lines, inner); !envelope.none()) {
    FormatDetection within = detect_format(inner, max_lines, json_overrides);
    within.sampled = result.sampled;
    within.explanation = envelope.name() + " envelope, " + within.explanation;
    if (!within.format.empty()) {
      within.format.envelope = Envelope::nested(envelope, within.format.envelope);
      return within;
    }
    if (envelope.kind() != EnvelopeKind::Time) enveloped = std::move(within);
  }
  FormatDetection plain = detect_unwrapped(lines, json_overrides);
  if (plain.format.empty() && !enveloped.explanation.empty()) return enveloped;
  return plain;
}

namespace {

FormatDetection detect_unwrapped(std::span<const std::string_view> lines,
                                 std::span<const JsonLineFormat::Mapping> json_overrides) {
  FormatDetection result;
  result.sampled = lines.size();
  const size_t first = lines.front().find_first_not_of(" \t\xef\xbb\xbf");
  if (first != std::string_view::npos && lines.front()[first] == '{') {
    FormatDetection json = detect_json(lines, json_overrides);
    if (json.format.json == nullptr) return json;
    // One container stream may hold text access lines beside the JSON ones (Envoy can
    // write both): the text lines get a format of their own, detected from them alone.
    std::string text_lines;
    for (std::string_view line : lines) {
      const size_t at = line.find_first_not_of(" \t");
      if (at != std::string_view::npos && line[at] != '{') {
        text_lines.append(line);
        text_lines += '\n';
      }
    }
    if (!text_lines.empty()) {
      const FormatDetection text = detect_format(text_lines, lines.size());
      if (text.format.text != nullptr && text.format.envelope.none()) {
        json.format.text = text.format.text;
        json.fitted += text.fitted;
        json.explanation += "; text lines: " + text.explanation;
      }
    }
    return json;
  }
  if (is_w3c_directive(lines.front())) {
    // Tabs between the data's fields: a CDN's W3C log (CloudFront, Akamai); CloudFront's own
    // field list names it. The #Fields: line itself is read again by the scanner in order.
    bool tabs = false;
    std::string_view fields;
    for (std::string_view line : lines) {
      if (line.starts_with("#Fields:") && fields.empty()) fields = line.substr(8);
      if (!line.starts_with("#") && line.find('\t') != std::string_view::npos) tabs = true;
    }
    const bool cloudfront = fields.find("x-edge-location") != std::string_view::npos || (fields.empty() && tabs);
    const std::string name = cloudfront ? "cloudfront" : "w3c";
    result.format.text = LogFormat::preset(name);
    if (!fields.empty()) {
      try {
        result.format.text = LogFormat::from_w3c_fields(fields, name, tabs ? '\t' : ' ');
      } catch (const FormatError&) {
        // A #Fields list without a status: the scanner reports that directive as malformed
        // when it reaches it; detection keeps the preset's fields.
      }
    }
    result.fitted = result.sampled;
    result.explanation = name + " (starts with W3C '#' directives" + (tabs ? ", tab-separated)" : ")");
    return result;
  }
  return detect_text(lines);
}

}  // namespace

}  // namespace statuslint
