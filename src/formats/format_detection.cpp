#include "statuslint/formats/format_detection.hpp"

#include "statuslint/formats/envelope.hpp"
#include "statuslint/formats/layout_inference.hpp"
#include "statuslint/formats/plausibility.hpp"
#include "statuslint/formats/status_field.hpp"

#include "formats/simdjson_linked.hpp"

#include <algorithm>
#include <optional>
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

void judge(DetectionCandidate& c, size_t sampled);
std::string refusal(std::span<const DetectionCandidate> candidates, std::span<const std::string_view> lines);

// The presets whose keys the sample's objects carry, most specific first: what each is told
// by (a key only it writes), then the plain "status" key last.
struct JsonPresetMatch {
  std::string_view name;
  std::string_view why;  // what told it: "JSON lines with response_code"
};
std::vector<JsonPresetMatch> json_presets_for(std::span<const std::string_view> lines, size_t& objects) {
  size_t traefik = 0, caddy = 0, status = 0, envoy = 0, cloudflare = 0, gcp = 0, appgw = 0, frontdoor = 0;
  objects = 0;
  for (std::string_view line : lines) {
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
  std::vector<JsonPresetMatch> out;
  const std::pair<size_t, JsonPresetMatch> told[] = {
      {traefik, {"traefik-json", "JSON lines with DownstreamStatus"}},
      {cloudflare, {"cloudflare", "JSON lines with EdgeResponseStatus"}},
      {gcp, {"gcp-lb", "LogEntry JSON with an httpRequest object"}},
      {appgw, {"azure-appgw", "Azure diagnostics, ApplicationGatewayAccessLog"}},
      {frontdoor, {"azure-frontdoor", "Azure diagnostics, FrontDoorAccessLog"}},
      {envoy, {"envoy-json", "JSON lines with response_code"}},
      {caddy, {"caddy", "JSON lines with Caddy's request object"}},
      {status, {"nginx-json", "JSON lines with a status key"}}};
  for (const auto& [n, match] : told) {
    if (n > 0) out.push_back(match);
  }
  return out;
}

// A JSON-lines map against the sample: the lines it reads as records, with a valid status, and
// the plausibility of what it read.
DetectionCandidate score_json(const JsonLineFormat& fmt, std::span<const std::string_view> lines) {
  DetectionCandidate c;
  c.name = fmt.name();
  c.first_fit = lines.size();
  std::vector<LogField> fields;
  for (const JsonLineFormat::Mapping& m : fmt.mappings()) {
    const LogField f = JsonLineFormat::target_field(m.target);
    if (f != LogField::Ignore && std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
  }
  std::vector<Header> headers;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string padded(lines[i]);
    padded.append(kJsonPadding, ' ');
    Record r;
    std::string_view reason;
    std::uint32_t column = 0;
    if (fmt.parse(std::string_view(padded.data(), lines[i].size()), r, headers, reason, column) !=
        JsonLineFormat::Parsed::Record) {
      continue;
    }
    if (c.first_fit == lines.size()) c.first_fit = i;
    ++c.fitted;
    const RecordScore score = score_record(r, fields);
    c.valid_status += score.status_valid ? 1 : 0;
    c.points += 4 + score.points;
  }
  // Lines without the status key are events of another kind (other), not misfits: only the
  // records are judged, wherever they start.
  const size_t first = c.first_fit;
  c.first_fit = 0;
  judge(c, std::max(c.fitted, size_t{1}));
  c.first_fit = first;
  return c;
}

FormatDetection detect_json(std::span<const std::string_view> lines,
                            std::span<const JsonLineFormat::Mapping> overrides) {
  FormatDetection result;
  result.sampled = lines.size();
  // A first line that is not a whole object starts a pretty-printed document.
  if (!json_shape(lines.front()).object) {
    result.explanation = "the input starts like JSON but its lines are not JSON objects, nor a HAR";
    return result;
  }
  size_t objects = 0;
  std::vector<std::shared_ptr<const JsonLineFormat>> tried;
  std::vector<std::string> whys;  // what told each tried map, for the explanation
  for (const JsonPresetMatch& match : json_presets_for(lines, objects)) {
    auto fmt = JsonLineFormat::preset(match.name);
    tried.push_back(overrides.empty() ? fmt : JsonLineFormat::with_overrides(*fmt, overrides));
    whys.emplace_back(match.why);
  }
  if (!overrides.empty()) {
    try {
      tried.push_back(JsonLineFormat::from_mappings("json", overrides));
      whys.emplace_back("JSON lines, fields from --json-field");
    } catch (const FormatError&) {
      // overrides without a status: they adjust presets only
    }
  }
  // No preset reads it: the keys tell (layout_inference).
  const FieldMapInference inferred = infer_json_fields(lines);
  if (!inferred.mappings.empty()) {
    std::vector<JsonLineFormat::Mapping> mappings = inferred.mappings;
    mappings.insert(mappings.end(), overrides.begin(), overrides.end());
    tried.push_back(JsonLineFormat::from_mappings("json", mappings));
    whys.emplace_back(inferred.why);
  }
  // The most plausible acceptable map: a preset that shares only its status key with the
  // sample (nginx-json's "status" in an app's own access log) reads less than the inferred map.
  // Ties go to the earlier (presets before the inferred map).
  size_t chosen = tried.size();
  for (size_t k = 0; k < tried.size(); ++k) {
    DetectionCandidate c = score_json(*tried[k], lines);
    const bool is_inferred = k + 1 == tried.size() && !inferred.mappings.empty();
    if (is_inferred) c.name = "json (" + inferred.why + ")";
    // A preset keeps its place unless the inferred map reads clearly more (a third more points).
    const bool beats = chosen == tried.size() || (is_inferred ? 3 * c.points > 4 * result.candidates[chosen].points
                                                              : c.points > result.candidates[chosen].points);
    if (c.acceptable && beats) chosen = k;
    result.candidates.push_back(std::move(c));
  }
  if (chosen == tried.size()) {
    result.explanation = tried.empty() ? "JSON lines without a status key (none named so holds 100..599); give "
                                         "--json-field status=PATH"
                                       : refusal(result.candidates, lines) + ", or --json-field status=PATH";
    return result;
  }
  std::rotate(result.candidates.begin(), result.candidates.begin() + static_cast<std::ptrdiff_t>(chosen),
              result.candidates.begin() + static_cast<std::ptrdiff_t>(chosen) + 1);
  result.format.json = tried[chosen];
  result.fitted = result.candidates.front().fitted;
  result.explanation = tried[chosen]->name() + " (" + whys[chosen] + ", " + std::to_string(result.fitted) + " of " +
                       std::to_string(lines.size()) + " sample lines)";
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

// What a candidate must beat to be chosen: the points of the best acceptable candidate
// scored so far, which wins ties when it comes earlier in the presets' order.
struct Leader {
  long points = 0;
  bool wins_ties = false;
};

// A text format against the sample: how many lines it reads, whole or with appended fields,
// and how plausible what it reads is (plausibility.hpp). With a `leader`, scoring stops as
// soon as the lines left cannot lift the candidate past it (`pruned`): such a candidate can
// never be chosen, and most presets show that on the first line they do not fit.
DetectionCandidate score_text(const LogFormat& fmt, std::span<const LogField> fields,
                              std::span<const std::string_view> lines, const Leader* leader = nullptr,
                              bool* pruned = nullptr) {
  DetectionCandidate c;
  c.name = fmt.name();
  const long line_bound = 4 + max_record_points(fields);
  c.first_fit = lines.size();
  ParseError err;
  for (size_t i = 0; i < lines.size(); ++i) {
    Record r;
    const LogFormat::Fit fit = fmt.parse(lines[i], r, err);
    if (fit != LogFormat::Fit::Malformed) {
      if (c.first_fit == lines.size()) c.first_fit = i;
      ++c.fitted;
      const RecordScore score = score_record(r, fields);
      c.valid_status += score.status_valid ? 1 : 0;
      // A line cut short counts as read but earns nothing for its fit: a format that reads
      // every line of another layout "truncated" (a quoted field it expects never closes) must
      // not tie with one that reads them whole.
      c.points += (fit == LogFormat::Fit::Whole ? 4 : fit == LogFormat::Fit::ExtraFields ? 2 : 0) + score.points;
    }
    if (leader != nullptr) {
      const long most = c.points + static_cast<long>(lines.size() - i - 1) * line_bound;
      if (most < leader->points || (most == leader->points && leader->wins_ties)) {
        *pruned = true;
        return c;
      }
    }
  }
  judge(c, lines.size());
  return c;
}

// A key=value map against the sample, as score_json for JSON lines.
DetectionCandidate score_logfmt(const LogfmtFormat& fmt, std::span<const std::string_view> lines) {
  DetectionCandidate c;
  c.name = fmt.name();
  c.first_fit = lines.size();
  std::vector<LogField> fields;
  for (const JsonLineFormat::Mapping& m : fmt.mappings()) {
    const LogField f = JsonLineFormat::target_field(m.target);
    if (f != LogField::Ignore && std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
  }
  std::string scratch;
  for (size_t i = 0; i < lines.size(); ++i) {
    Record r;
    std::string_view reason;
    if (fmt.parse(lines[i], r, scratch, reason) != LogfmtFormat::Parsed::Record) continue;
    if (c.first_fit == lines.size()) c.first_fit = i;
    ++c.fitted;
    const RecordScore score = score_record(r, fields);
    c.valid_status += score.status_valid ? 1 : 0;
    c.points += 4 + score.points;
  }
  judge(c, lines.size());
  return c;
}

// key=value lines: the presets and the map the keys suggest (layout_inference), the most
// plausible acceptable one.
FormatDetection detect_logfmt(std::span<const std::string_view> lines,
                              std::span<const JsonLineFormat::Mapping> overrides) {
  FormatDetection result;
  result.sampled = lines.size();
  std::vector<std::shared_ptr<const LogfmtFormat>> tried;
  for (const LogfmtFormat::PresetInfo& p : LogfmtFormat::presets()) {
    auto fmt = LogfmtFormat::preset(p.name);
    tried.push_back(overrides.empty() ? fmt : LogfmtFormat::with_overrides(*fmt, overrides));
  }
  const FieldMapInference inferred = infer_logfmt_fields(lines);
  if (!inferred.mappings.empty()) {
    std::vector<JsonLineFormat::Mapping> mappings = inferred.mappings;
    mappings.insert(mappings.end(), overrides.begin(), overrides.end());
    tried.push_back(LogfmtFormat::from_mappings("logfmt", mappings));
  }
  size_t chosen = tried.size();
  for (size_t k = 0; k < tried.size(); ++k) {
    DetectionCandidate c = score_logfmt(*tried[k], lines);
    if (k + 1 == tried.size() && !inferred.mappings.empty()) c.name = "logfmt (" + inferred.why + ")";
    if (c.acceptable && (chosen == tried.size() || c.points > result.candidates[chosen].points)) chosen = k;
    result.candidates.push_back(std::move(c));
  }
  if (chosen == tried.size()) return result;
  std::rotate(result.candidates.begin(), result.candidates.begin() + static_cast<std::ptrdiff_t>(chosen),
              result.candidates.begin() + static_cast<std::ptrdiff_t>(chosen) + 1);
  result.format.logfmt = tried[chosen];
  result.fitted = result.candidates.front().fitted;
  result.explanation = result.candidates.front().name + " (" + std::to_string(result.fitted) + " of " +
                       std::to_string(lines.size()) + " sample lines)";
  return result;
}

// A text layout inferred from the sample (layout_inference), scored and judged as a preset is.
FormatDetection detect_inferred_text(std::span<const std::string_view> lines) {
  FormatDetection result;
  result.sampled = lines.size();
  const TextInference inference = infer_text_layout(lines);
  if (inference.format.empty()) {
    if (!inference.why.empty()) result.explanation = "no layout inferred: " + inference.why;
    return result;
  }
  std::shared_ptr<const LogFormat> fmt;
  try {
    fmt = LogFormat::from_nginx(inference.format, "inferred");
  } catch (const FormatError& e) {
    result.explanation = "no layout inferred: " + std::string(e.what());
    return result;
  }
  DetectionCandidate c = score_text(*fmt, mapped_fields(*fmt), lines);
  c.name = "inferred (" + fmt->spec() + ")";
  const bool acceptable = c.acceptable;
  result.candidates.push_back(std::move(c));
  if (!acceptable) return result;
  result.format.text = fmt;
  result.fitted = result.candidates.front().fitted;
  result.explanation = "inferred, " + inference.why + " (" + std::to_string(result.fitted) + " of " +
                       std::to_string(lines.size()) + " sample lines)";
  return result;
}

// The text presets against the sample: the most plausible acceptable one (ties go to the
// earlier preset, the more specific), or a refusal that names the best candidates. A preset
// read as another (an alias, or a sibling such as S3's lines without a request) competes
// too, and when it wins the input is read as that other one, with its siblings: a file of
// S3 lifecycle records alone is an S3 log.
FormatDetection detect_text(std::span<const std::string_view> lines, DetectionHint* hint) {
  FormatDetection result;
  result.sampled = lines.size();
  // The presets with what they are scored on, once per process: this runs for every input.
  struct TextPreset {
    std::shared_ptr<const LogFormat> format;
    std::vector<LogField> fields;
  };
  static const std::vector<TextPreset> presets = [] {
    std::vector<TextPreset> out;
    for (const LogFormat::PresetInfo& preset : LogFormat::presets()) {
      if (preset.name == "w3c" || preset.name == "zeek") continue;
      auto fmt = LogFormat::preset(preset.name);
      out.push_back({fmt, mapped_fields(*fmt)});
    }
    return out;
  }();
  struct Tried {
    DetectionCandidate candidate;
    size_t index;  // in `presets`: ties go to the earlier
  };
  std::vector<Tried> tried;
  tried.reserve(presets.size());
  // With a hint, the preset that read the previous input is scored first, so that the others
  // can be dropped as soon as they cannot beat it; the choice is the same as scoring all.
  size_t first = presets.size();
  if (hint != nullptr) {
    for (size_t k = 0; k < presets.size(); ++k) {
      if (presets[k].format->name() == hint->text_preset) first = k;
    }
  }
  std::optional<size_t> leader;  // into `tried`
  const auto consider = [&](size_t k) {
    bool pruned = false;
    Leader bar;
    if (leader) bar = {tried[*leader].candidate.points, tried[*leader].index < k};
    DetectionCandidate c =
        score_text(*presets[k].format, presets[k].fields, lines, hint != nullptr && leader ? &bar : nullptr, &pruned);
    if (pruned) return;
    const bool leads = c.acceptable && (!leader || c.points > bar.points || (c.points == bar.points && !bar.wins_ties));
    tried.push_back({std::move(c), k});
    if (leads) leader = tried.size() - 1;
  };
  if (first < presets.size()) consider(first);
  for (size_t k = 0; k < presets.size(); ++k) {
    if (k != first) consider(k);
  }
  std::sort(tried.begin(), tried.end(), [](const Tried& a, const Tried& b) {
    if (better(a.candidate, b.candidate)) return true;
    if (better(b.candidate, a.candidate)) return false;
    return a.index < b.index;
  });
  if (hint != nullptr && !tried.empty() && tried.front().candidate.acceptable) {
    hint->text_preset = presets[tried.front().index].format->name();
  }
  for (const Tried& t : tried) result.candidates.push_back(t.candidate);
  if (tried.empty() || !tried.front().candidate.acceptable) {
    result.explanation = refusal(result.candidates, lines);
    return result;
  }
  result.format.text = presets[tried.front().index].format;
  for (const LogFormat::PresetInfo& preset : LogFormat::presets()) {
    if (preset.name == result.format.text->name() && !preset.detected_as.empty())
      result.format.text = LogFormat::preset(preset.detected_as);
  }
  result.format.siblings = LogFormat::siblings(result.format.text->name());
  result.fitted = tried.front().candidate.fitted;
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

void label_logfmt(const LogfmtFormat& fmt, std::string_view line, LabelledLine& out) {
  Record r;
  std::string scratch;
  std::string_view reason;
  const auto parsed = fmt.parse(line, r, scratch, reason);
  if (parsed != LogfmtFormat::Parsed::Record) {
    out.fit = std::string(parsed == LogfmtFormat::Parsed::Other ? "other: " : "does not fit: ") + std::string(reason);
    return;
  }
  out.fit = "record";
  for (const JsonLineFormat::Mapping& m : fmt.mappings()) {
    const LogField field = JsonLineFormat::target_field(m.target);
    const std::string bytes = field == LogField::Bytes && r.bytes >= 0 ? std::to_string(r.bytes) : std::string();
    const std::string_view value = field == LogField::Bytes ? std::string_view(bytes) : record_value(field, r);
    if (value.empty() && field != LogField::Status) continue;
    out.fields.push_back(
        {m.path, std::string(field_label(field)), std::string(value),
         field == LogField::Status ? status_verdict(value, r.no_response) : check_field(field, value, r)});
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
    if (!opened.time.empty())
      out.fields.push_back({"envelope time", "time", std::string(opened.time), Plausible::Absent});
    if (!opened.source.empty()) {
      out.fields.push_back({"envelope source", "source", std::string(opened.source), Plausible::Absent});
    }
  }
  LabelledLine read;
  const size_t first = inner.find_first_not_of(" \t");
  if (format.json != nullptr && (format.text == nullptr || (first != std::string_view::npos && inner[first] == '{'))) {
    label_json(*format.json, inner, read);
  } else if (format.logfmt != nullptr) {
    label_logfmt(*format.logfmt, inner, read);
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
  Envelope envelope = lines.empty() ? Envelope() : detect_envelope(lines, inner);
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
                                 std::span<const JsonLineFormat::Mapping> json_overrides, DetectionHint* hint);
}  // namespace

FormatDetection detect_format(std::string_view sample, size_t max_lines,
                              std::span<const JsonLineFormat::Mapping> json_overrides, DetectionHint* hint) {
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
  // Logs that announce their fields (W3C, Zeek) say what they are before anything else.
  if (lines.front().starts_with("#separator") || lines.front().starts_with("#fields\t")) {
    // Zeek: its header names the fields; the scanner reads #fields again in order.
    result.format.text = LogFormat::preset("zeek");
    for (std::string_view line : lines) {
      if (!line.starts_with("#fields\t")) continue;
      try {
        result.format.text = LogFormat::from_zeek_fields(line.substr(7));
      } catch (const FormatError&) {
        // a #fields list without status_code: the scanner reports that directive
      }
      break;
    }
    result.fitted = result.sampled;
    result.explanation = "zeek (starts with Zeek's #separator and #fields header)";
    return result;
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
  // An envelope first: the format is then detected inside it. When nothing reads what it
  // holds, the lines are tried as they are (a bare time stamp first is also how ELB lines
  // start); a refusal then says what was tried inside.
  std::string inner;
  FormatDetection enveloped;
  if (const Envelope envelope = detect_envelope(lines, inner); !envelope.none()) {
    FormatDetection within = detect_format(inner, max_lines, json_overrides, hint);
    within.sampled = result.sampled;
    within.explanation = envelope.name() + " envelope, " + within.explanation;
    if (!within.format.empty()) {
      within.format.envelope = Envelope::nested(envelope, within.format.envelope);
      return within;
    }
    if (envelope.kind() != EnvelopeKind::Time) enveloped = std::move(within);
  }
  FormatDetection plain = detect_unwrapped(lines, json_overrides, hint);
  if (plain.format.empty() && !enveloped.explanation.empty()) return enveloped;
  return plain;
}

namespace {

FormatDetection detect_unwrapped(std::span<const std::string_view> lines,
                                 std::span<const JsonLineFormat::Mapping> json_overrides, DetectionHint* hint) {
  FormatDetection result;
  result.sampled = lines.size();
  const size_t first = lines.front().find_first_not_of(" \t\xef\xbb\xbf");
  if (first != std::string_view::npos && lines.front()[first] == '{') {
    FormatDetection json = detect_json(lines, json_overrides);
    if (json.format.json == nullptr) {
      // No status in the objects: they may carry access lines in a string field (Fluent Bit,
      // journald, GELF, Logstash), whose format is then detected inside.
      FormatDetection within;
      const auto wrapper = detect_json_wrapper(lines, [&](const std::string& inner) {
        within = detect_format(inner, lines.size(), json_overrides, hint);
        return !within.format.empty() && !within.format.har;
      });
      if (wrapper == nullptr) return json;
      within.sampled = lines.size();
      within.format.envelope = Envelope::nested(Envelope(wrapper), within.format.envelope);
      within.explanation = within.format.envelope.name() + " envelope, " + within.explanation;
      return within;
    }
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
      const FormatDetection text = detect_format(text_lines, lines.size(), {}, hint);
      if (text.format.text != nullptr && text.format.envelope.none()) {
        json.format.text = text.format.text;
        json.fitted += text.fitted;
        json.explanation += "; text lines: " + text.explanation;
      }
    }
    return json;
  }
  FormatDetection text = detect_text(lines, hint);
  if (!text.format.empty()) return text;
  // No preset reads it: key=value lines, then a layout inferred from the lines themselves.
  FormatDetection pairs = detect_logfmt(lines, json_overrides);
  if (!pairs.format.empty()) return pairs;
  FormatDetection inferred = detect_inferred_text(lines);
  if (!inferred.format.empty()) return inferred;
  for (DetectionCandidate& c : pairs.candidates) text.candidates.push_back(std::move(c));
  for (DetectionCandidate& c : inferred.candidates) text.candidates.push_back(std::move(c));
  std::stable_sort(text.candidates.begin(), text.candidates.end(), better);
  text.explanation = refusal(text.candidates, lines);
  if (!inferred.explanation.empty()) text.explanation += "; " + inferred.explanation;
  return text;
}

}  // namespace

}  // namespace statuslint
