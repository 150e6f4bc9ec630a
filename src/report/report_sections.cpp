#include "report_sections.hpp"
#include "text_table.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "partial_dom.hpp"
#include "statuslint/record/timestamp.hpp"
#include "statuslint/report/escaping.hpp"

namespace statuslint {

using namespace statuslint::partial;
using simdjson::dom::element;
using simdjson::dom::object;
namespace dom = simdjson::dom;

size_t PartialRules::index(const std::string& id) const {
  if (into.rules != nullptr) {
    const auto& rules = into.rules->rules();
    for (size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].id == id) return i;
    }
  }
  throw PartialError("rule '" + id + "' is not loaded: merge with the rules the scans used (--rules, --config)");
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

// Active rules that fired, most severe first, then by id.
std::vector<size_t> fired_rules(const ScanSummary& s) {
  std::vector<size_t> order;
  if (s.rules == nullptr) return order;
  const auto& rules = s.rules->rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    if (s.rules->active(i) && s.finding_count(i) > 0) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (rules[a].severity != rules[b].severity) return rules[a].severity > rules[b].severity;
    return rules[a].id < rules[b].id;
  });
  return order;
}

namespace {

// One status row of a summary: a number, or one of the two kinds of non-numeric status.
struct StatusRow {
  const StatusInfo* info;
  std::uint64_t count;
};

std::vector<StatusRow> status_rows(const Counts& c) {
  std::vector<StatusRow> rows;
  for (int code = 0; code < kStatusTableSize; ++code) {
    if (const std::uint64_t n = c.by_code[static_cast<size_t>(code)])
      rows.push_back({&StatusRegistry::lookup(code), n});
  }
  if (c.missing_status > 0) rows.push_back({&StatusRegistry::missing_status(), c.missing_status});
  if (c.non_numeric_status > 0) rows.push_back({&StatusRegistry::non_numeric_status(), c.non_numeric_status});
  return rows;
}

std::string code_text(const StatusInfo& info) {
  if (info.code < 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", info.code);
  return buf;
}

std::string_view row_name(const StatusInfo& info) {
  if (!info.known()) return info.kind == StatusKind::Unassigned ? "(unassigned)" : "(not a status)";
  return info.name;
}

std::string location(const InputSummary& in, const FindingExample& e) {
  std::string where = in.name;
  where += e.entry >= 0 ? " entry " : ":";
  where += e.entry >= 0 ? std::to_string(e.entry) : std::to_string(e.line);
  return where;
}

std::string_view colour_of(Severity s) {
  switch (s) {
    case Severity::Error:
      return "\x1b[1;31m";
    case Severity::Warning:
      return "\x1b[33m";
    case Severity::Info:
      return "\x1b[36m";
  }
  return "";
}

// --- inputs: one row per input; in JSON, totals and each input with its examples -----------

void write_counts(JsonWriter& w, const Counts& c) {
  w.member("lines", c.lines).member("records", c.records).member("malformed", c.malformed).member("blank", c.blank);
  w.member("other", c.other).member("truncated", c.truncated).member("no_response", c.no_response);
  w.member("filtered", c.filtered);
  w.member("browser_generated", c.browser_generated).member("from_cache", c.from_cache);
  w.member("body_size_unreliable", c.body_size_unreliable);
}

void write_line_examples(JsonWriter& w, std::string_view key, const std::vector<MalformedExample>& examples) {
  w.key(key).begin_array();
  for (const MalformedExample& e : examples) {
    w.begin_object().member(e.at.noun(), e.at.index).member("reason", e.reason).member("text", e.text).end_object();
  }
  w.end_array();
}

std::vector<MalformedExample> read_line_examples(object o, const char* key, const InputSummary& in) {
  std::vector<MalformedExample> out;
  element list;
  if (o[key].get(list)) return out;  // partials written before `other` existed
  for (element x : arr(list, key)) {
    object m = obj(x, "an example");
    // HAR examples name an entry; partials written before locations had types wrote "line"
    // for both, so a HAR input's "line" is an entry.
    element entry;
    const Location at = !m["entry"].get(entry) ? Location::entry(u64(entry, "entry"))
                        : in.format == "har"   ? Location::entry(u64(field(m, "line"), "line"))
                                               : Location::line(u64(field(m, "line"), "line"));
    out.push_back({at, str(field(m, "reason"), "reason"), str(field(m, "text"), "text")});
  }
  return out;
}

void write_no_response_examples(JsonWriter& w, const InputSummary& in) {
  w.key("no_response_examples").begin_array();
  for (const NoResponseExample& e : in.no_response_examples) {
    w.begin_object().member(e.at.noun(), e.at.index).member("method", e.method).member("url", e.url);
    w.member("error", e.error).end_object();
  }
  w.end_array();
}

void inputs_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  const Counts& t = s.total;
  out += "Inputs\n";
  const bool filtered = t.filtered > 0;
  const bool other = t.other > 0;
  const bool truncated = t.truncated > 0;
  Table inputs({false, false, true, true, true, true, true, true, true});
  inputs.row({"INPUT", "FORMAT", "LINES", "RECORDS", "MALFORMED", "BLANK", other ? "OTHER" : "",
              truncated ? "TRUNCATED" : "", filtered ? "FILTERED" : ""});
  for (const InputSummary& in : s.inputs) {
    const Counts& c = in.counts;
    std::string format = in.format.empty() ? "-" : in.format;
    if (in.compression != Compression::None) {
      format += '+';
      format += to_string(in.compression);
    }
    inputs.row({terminal_safe(in.name), format, std::to_string(c.lines), std::to_string(c.records),
                std::to_string(c.malformed), std::to_string(c.blank), other ? std::to_string(c.other) : "",
                truncated ? std::to_string(c.truncated) : "", filtered ? std::to_string(c.filtered) : ""});
  }
  if (s.inputs.size() > 1) {
    inputs.row({"total", "", std::to_string(t.lines), std::to_string(t.records), std::to_string(t.malformed),
                std::to_string(t.blank), other ? std::to_string(t.other) : "",
                truncated ? std::to_string(t.truncated) : "", filtered ? std::to_string(t.filtered) : ""});
  }
  inputs.write(out);
  for (const InputSummary& in : s.inputs) {
    if (in.lines_by_format.empty()) continue;
    out += "  ";
    append_terminal_safe(out, in.name);
    out += " mixes formats:";
    for (const auto& [name, lines] : in.lines_by_format) {
      out += ' ';
      out += name;
      out += ' ';
      out += std::to_string(lines);
    }
    out += '\n';
  }
}

void write_lines_by_format(JsonWriter& w, const InputSummary& in) {
  w.key("lines_by_format").begin_object();
  for (const auto& [name, lines] : in.lines_by_format) w.member(name, lines);
  w.end_object();
}

void write_warnings(JsonWriter& w, const InputSummary& in) {
  w.key("warnings").begin_array();
  for (const std::string& warning : in.warnings) w.value(warning);
  w.end_array();
}

void inputs_json(JsonWriter& w, const ScanSummary& s) {
  w.key("totals").begin_object();
  write_counts(w, s.total);
  // The sum of the response sizes that are known, when sizes were collected (--sizes).
  if (const Latency& latency = s.states.get<LatencyCollector>(); latency.sizes_collected) {
    w.member("bytes", latency.overall().size.sum());
  }
  w.end_object();
  w.key("inputs").begin_array();
  for (const InputSummary& in : s.inputs) {
    w.begin_object();
    w.member("name", in.name);
    w.key("format");
    if (in.format.empty()) {
      w.null();
    } else {
      w.value(in.format);
    }
    w.member("format_source", in.format_note());
    w.member("compression", to_string(in.compression));
    write_counts(w, in.counts);
    w.key("classes").begin_object();
    const auto in_classes = in.counts.by_class();
    for (const StatusClass cls : kReportedClasses) w.member(to_string(cls), in_classes[static_cast<size_t>(cls)]);
    w.member("no_response", in.counts.no_response);
    w.end_object();
    w.key("error");
    if (in.error.empty()) {
      w.null();
    } else {
      w.value(in.error);
    }
    write_warnings(w, in);
    write_line_examples(w, "malformed_examples", in.examples);
    write_line_examples(w, "other_examples", in.other_examples);
    write_line_examples(w, "truncated_examples", in.truncated_examples);
    write_no_response_examples(w, in);
    write_lines_by_format(w, in);
    w.end_object();
  }
  w.end_array();
}

void inputs_write_partial(JsonWriter& w, const InputSummary& in, const ScanSummary&) {
  w.member("name", in.name).member("format", in.format).member("format_source", in.format_note());
  w.member("compression", to_string(in.compression)).member("error", in.error);
  write_warnings(w, in);
  const Counts& c = in.counts;
  w.key("counts").begin_object();
  write_counts(w, c);
  w.member("missing_status", c.missing_status).member("non_numeric_status", c.non_numeric_status);
  w.key("by_code").begin_array();
  c.by_code.for_each([&w](int code, std::uint64_t n) { w.begin_array().value(code).value(n).end_array(); });
  w.end_array().end_object();
  write_line_examples(w, "malformed_examples", in.examples);
  write_line_examples(w, "other_examples", in.other_examples);
  write_line_examples(w, "truncated_examples", in.truncated_examples);
  write_no_response_examples(w, in);
  write_lines_by_format(w, in);
  if (in.shard) {
    w.key("shard").begin_object();
    w.member("start", in.shard->start).member("end", in.shard->end);
    w.member("max_examples", static_cast<std::uint64_t>(in.shard->max_examples));
    w.end_object();
  }
}

void inputs_read_partial(object o, InputSummary& in, const PartialRules&) {
  if (element shard; !o["shard"].get(shard)) {
    object s = obj(shard, "shard");
    in.shard = InputSummary::Shard{u64(field(s, "start"), "shard start"), u64(field(s, "end"), "shard end"),
                                   static_cast<size_t>(u64(field(s, "max_examples"), "shard max_examples"))};
  }
  in.name = str(field(o, "name"), "name");
  in.format = str(field(o, "format"), "format");
  const std::string source = str(field(o, "format_source"), "format_source");
  if (source == "given") {
    in.format_source = FormatSource::Given;
  } else if (source.starts_with("detected: ")) {
    in.format_source = FormatSource::Detected;
    in.format_reason = source.substr(10);
  }
  const std::string compression = str(field(o, "compression"), "compression");
  in.compression = compression == "gzip"   ? Compression::Gzip
                   : compression == "zstd" ? Compression::Zstd
                                           : Compression::None;
  in.error = str(field(o, "error"), "error");
  if (element warnings; !o["warnings"].get(warnings)) {
    for (element w : arr(warnings, "warnings")) in.warnings.push_back(str(w, "a warning"));
  }
  object c = obj(field(o, "counts"), "counts");
  in.counts.lines = u64(field(c, "lines"), "lines");
  in.counts.records = u64(field(c, "records"), "records");
  in.counts.malformed = u64(field(c, "malformed"), "malformed");
  in.counts.blank = u64(field(c, "blank"), "blank");
  in.counts.no_response = u64(field(c, "no_response"), "no_response");
  in.counts.filtered = u64(field(c, "filtered"), "filtered");
  if (element other; !c["other"].get(other)) in.counts.other = u64(other, "other");
  if (element truncated; !c["truncated"].get(truncated)) in.counts.truncated = u64(truncated, "truncated");
  const auto optional_count = [&c](const char* key, std::uint64_t& into) {
    if (element e; !c[key].get(e)) into = u64(e, key);
  };
  optional_count("browser_generated", in.counts.browser_generated);
  optional_count("from_cache", in.counts.from_cache);
  optional_count("body_size_unreliable", in.counts.body_size_unreliable);
  in.counts.missing_status = u64(field(c, "missing_status"), "missing_status");
  in.counts.non_numeric_status = u64(field(c, "non_numeric_status"), "non_numeric_status");
  for (element pair : arr(field(c, "by_code"), "by_code")) {
    dom::array p = arr(pair, "a code count");
    const std::int64_t code = i64(p.at(0).value(), "code");
    if (p.size() != 2 || code < 0 || code >= kStatusTableSize) throw PartialError("bad status count");
    in.counts.by_code.set(static_cast<size_t>(code), u64(p.at(1).value(), "count"));
  }
  if (!in.counts.balanced()) throw PartialError("the counts of " + in.name + " do not add up");
  if (o["malformed_examples"].error()) throw PartialError("missing \"malformed_examples\"");
  in.examples = read_line_examples(o, "malformed_examples", in);
  in.other_examples = read_line_examples(o, "other_examples", in);
  in.truncated_examples = read_line_examples(o, "truncated_examples", in);
  if (element by_format; !o["lines_by_format"].get(by_format)) {
    for (auto [name, lines] : obj(by_format, "lines_by_format")) {
      in.lines_by_format.emplace_back(std::string(name), u64(lines, "lines"));
    }
  }
  for (element x : arr(field(o, "no_response_examples"), "no_response_examples")) {
    object m = obj(x, "an example");
    element line;
    const Location at =
        !m["line"].get(line) ? Location::line(u64(line, "line")) : Location::entry(u64(field(m, "entry"), "entry"));
    in.no_response_examples.push_back(
        {at, str(field(m, "method"), "method"), str(field(m, "url"), "url"), str(field(m, "error"), "error")});
  }
}

// --- status classes, kinds and codes (derived from the counts) -------------------------------

void classes_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  const Counts& t = s.total;
  out += "\nStatus classes (share of records)\n";
  Table classes({false, true, true});
  const auto by_class = t.by_class();
  for (const StatusClass cls : kReportedClasses) {
    const auto k = static_cast<size_t>(cls);
    classes.row({std::string(to_string(cls)), std::to_string(by_class[k]), percent(by_class[k], t.records)});
  }
  if (t.no_response > 0) classes.row({"no response", std::to_string(t.no_response), percent(t.no_response, t.records)});
  classes.write(out);
}

void classes_json(JsonWriter& w, const ScanSummary& s) {
  w.key("classes").begin_object();
  const auto by_class = s.total.by_class();
  for (const StatusClass cls : kReportedClasses) w.member(to_string(cls), by_class[static_cast<size_t>(cls)]);
  w.member("no_response", s.total.no_response);
  w.end_object();
}

void kinds_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  out += "\nStatus kinds\n";
  Table kinds({false, true, true});
  const auto by_kind = s.total.by_kind();
  for (size_t k = 0; k < kStatusKindCount; ++k) {
    kinds.row({std::string(to_string(static_cast<StatusKind>(k))), std::to_string(by_kind[k]),
               percent(by_kind[k], s.total.records)});
  }
  kinds.write(out);
}

void kinds_json(JsonWriter& w, const ScanSummary& s) {
  w.key("kinds").begin_object();
  const auto by_kind = s.total.by_kind();
  for (size_t k = 0; k < kStatusKindCount; ++k) w.member(to_string(static_cast<StatusKind>(k)), by_kind[k]);
  w.member("no_response", s.total.no_response);
  w.end_object();
}

void codes_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  const auto rows = status_rows(s.total);
  if (rows.empty()) return;
  out += "\nStatus codes\n";
  Table codes({false, false, true, true, false});
  codes.row({"CODE", "NAME", "COUNT", "SHARE", "KIND"});
  for (const StatusRow& r : rows) {
    codes.row({code_text(*r.info), terminal_safe(row_name(*r.info)), std::to_string(r.count),
               percent(r.count, s.total.records), std::string(to_string(r.info->kind))});
  }
  codes.write(out);
}

void codes_json(JsonWriter& w, const ScanSummary& s) {
  w.key("statuses").begin_array();
  for (const StatusRow& r : status_rows(s.total)) {
    w.begin_object();
    w.key("code");
    if (r.info->code >= 0) {
      w.value(r.info->code);
    } else {
      w.null();
    }
    w.member("name", row_name(*r.info));
    w.member("class", to_string(r.info->status_class()));
    w.member("kind", to_string(r.info->kind));
    w.member("origin", r.info->origin);
    w.member("count", r.count);
    w.end_object();
  }
  w.end_array();
}

// --- findings per rule, with their examples ----------------------------------------------

void findings_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  if (s.rules == nullptr) return;
  const auto& rules = s.rules->rules();
  const auto order = fired_rules(s);
  out += "\nFindings";
  if (order.empty()) {
    out += ": none (";
    out += std::to_string(s.rules->active_count());
    out += " rules)\n";
  } else {
    out += " (rule, records, first examples)\n";
    for (size_t i : order) {
      out += "  ";
      if (style.colour) out += colour_of(rules[i].severity);
      out += to_string(rules[i].severity);
      if (style.colour) out += "\x1b[0m";
      out.append(9 - to_string(rules[i].severity).size(), ' ');
      append_terminal_safe(out, rules[i].id);
      out += "  ";
      out += std::to_string(s.finding_count(i));
      out += "  ";
      append_terminal_safe(out, rules[i].summary);
      out += '\n';
      for (const FindingExample& e : s.finding_examples(i)) {
        out += "    ";
        append_terminal_safe(out, location(s.inputs[e.input], e));
        out += "  ";
        out += shorten_middle(terminal_safe(e.message), style.max_width);
        out += '\n';
      }
    }
  }
}

void findings_json(JsonWriter& w, const ScanSummary& s) {
  w.key("findings").begin_array();
  for (size_t i : fired_rules(s)) {
    const Rule& rule = s.rules->rules()[i];
    w.begin_object();
    w.member("rule", rule.id).member("severity", to_string(rule.severity)).member("summary", rule.summary);
    w.member("reference", rule.reference).member("count", s.finding_count(i));
    w.key("examples").begin_array();
    for (const FindingExample& e : s.finding_examples(i)) {
      w.begin_object().member("input", s.inputs[e.input].name);
      if (e.entry >= 0) {
        w.member("entry", e.entry);
      } else {
        w.member("line", e.line);
      }
      // "target" is the request target (Record::path); the key predates the rename.
      w.member("method", e.method).member("target", e.path).member("status", e.status);
      w.member("message", e.message).end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

void findings_write_partial(JsonWriter& w, const ScanSummary& s) {
  w.key("findings").begin_array();
  for (size_t i = 0; i < s.findings.size(); ++i) {
    const RuleTally& t = s.findings[i];
    if (t.count == 0 && t.not_evaluated == 0 && t.examples.empty()) continue;
    w.begin_object().member("rule", s.rules->rules()[i].id).member("count", t.count);
    w.member("not_evaluated", t.not_evaluated);
    w.key("examples").begin_array();
    for (const FindingExample& e : t.examples) {
      w.begin_object().member("input", static_cast<std::uint64_t>(e.input)).member("line", e.line);
      w.member("entry", e.entry).member("method", e.method);
      w.member("target", e.path).member("status", e.status).member("message", e.message).end_object();
    }
    w.end_array().end_object();
  }
  w.end_array();
}

void findings_read_partial(object top, ScanSummary& into, std::uint32_t first_input, const PartialRules& rules) {
  RuleTallies read(rules.count());
  const std::uint64_t inputs = into.inputs.size() - first_input;
  for (element x : arr(field(top, "findings"), "findings")) {
    object f = obj(x, "a finding");
    RuleTally& t = read[rules.index(str(field(f, "rule"), "rule"))];
    t.count += u64(field(f, "count"), "count");
    t.not_evaluated += u64(field(f, "not_evaluated"), "not_evaluated");
    for (element ex : arr(field(f, "examples"), "examples")) {
      object m = obj(ex, "an example");
      const std::uint64_t input = u64(field(m, "input"), "input");
      if (input >= inputs)
        throw PartialError("a finding example names input " + std::to_string(input) + " of " + std::to_string(inputs));
      t.examples.push_back({u64(field(m, "line"), "line"), i64(field(m, "entry"), "entry"),
                            static_cast<std::uint32_t>(first_input + input), str(field(m, "method"), "method"),
                            str(field(m, "target"), "target"), str(field(m, "status"), "status"),
                            str(field(m, "message"), "message")});
    }
  }
  if (into.findings.size() < read.size()) into.findings.resize(read.size());
  for (size_t i = 0; i < read.size(); ++i) {
    into.findings[i].count += read[i].count;
    into.findings[i].not_evaluated += read[i].not_evaluated;
    for (FindingExample& e : read[i].examples) {
      if (into.findings[i].examples.size() >= kMaxExamplesPerRule) break;
      into.findings[i].examples.push_back(std::move(e));
    }
  }
}

// --- rules that could not run (derived from the findings tallies) -------------------------

}  // namespace

std::vector<NotEvaluatedGroup> not_evaluated_groups(const ScanSummary& s) {
  std::vector<NotEvaluatedGroup> groups;
  if (s.rules == nullptr) return groups;
  const auto& rules = s.rules->rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!s.rules->active(i) || s.not_evaluated_count(i) == 0) continue;
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const NotEvaluatedGroup& x) { return x.needs == rules[i].needs; });
    if (g == groups.end()) g = groups.insert(groups.end(), NotEvaluatedGroup{rules[i].needs, {}, {}});
    g->rules.push_back(i);
  }
  for (NotEvaluatedGroup& g : groups) {
    std::vector<std::string_view> families;
    for (size_t i : g.rules) {
      const std::string_view id = rules[i].id;
      const std::string_view family = id.substr(0, id.find('/'));
      if (std::find(families.begin(), families.end(), family) == families.end()) families.push_back(family);
    }
    std::sort(families.begin(), families.end());
    for (std::string_view f : families) {
      if (!g.families.empty()) g.families += ", ";
      g.families += f;
    }
  }
  // The reason that holds most rules first: it is the one that says what the input is.
  std::stable_sort(groups.begin(), groups.end(), [](const NotEvaluatedGroup& a, const NotEvaluatedGroup& b) {
    return a.rules.size() > b.rules.size();
  });
  return groups;
}

namespace {

void not_evaluated_list_text(std::string& out, const ScanSummary& s) {
  const auto groups = not_evaluated_groups(s);
  if (groups.empty()) return;
  out += "\nNot evaluated (the input lacks what these rules need)\n";
  for (const NotEvaluatedGroup& g : groups) {
    out += "  ";
    out += not_evaluated_reason(g.needs);
    out += '\n';
    for (size_t i : g.rules) {
      out += "    ";
      append_terminal_safe(out, s.rules->rules()[i].id);
      out += "  ";
      out += std::to_string(s.not_evaluated_count(i));
      out += s.not_evaluated_count(i) == 1 ? " record\n" : " records\n";
    }
  }
}

void not_evaluated_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  if (style.verbose) {
    not_evaluated_list_text(out, s);
    return;
  }
  // One line per reason: the full list (43 rules on the samples, nearly all "no response
  // headers") buried what needed action. --verbose and `rules --not-evaluated` list them.
  const auto groups = not_evaluated_groups(s);
  if (groups.empty()) return;
  size_t rules = 0;
  for (const NotEvaluatedGroup& g : groups) rules += g.rules.size();
  out += "\nNot evaluated: ";
  out += std::to_string(rules);
  out += rules == 1 ? " rule" : " rules";
  out += " (--verbose lists them)\n";
  for (const NotEvaluatedGroup& g : groups) {
    out += "  ";
    out += std::to_string(g.rules.size());
    out += g.rules.size() == 1 ? " rule  (" : " rules (";
    append_terminal_safe(out, g.families);
    out += "): ";
    out += not_evaluated_reason(g.needs);
    out += '\n';
  }
}

void not_evaluated_json(JsonWriter& w, const ScanSummary& s) {
  w.key("not_evaluated").begin_array();
  if (s.rules != nullptr) {
    for (size_t i = 0; i < s.rules->rules().size(); ++i) {
      const std::uint64_t n = s.not_evaluated_count(i);
      if (!s.rules->active(i) || n == 0) continue;
      const Rule& rule = s.rules->rules()[i];
      w.begin_object().member("rule", rule.id).member("reason", not_evaluated_reason(rule.needs));
      w.member("records", n).end_object();
    }
  }
  w.end_array();
}

// --- budgets (evaluated after the scan or the merge) ----------------------------------------

void budgets_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  if (s.budgets.empty()) return;
  out += "\nBudgets\n";
  for (const BudgetResult& b : s.budgets) {
    out += "  ";
    if (style.colour && b.breached) out += "\x1b[1;31m";
    out += b.breached ? "EXCEEDED" : "ok      ";
    if (style.colour && b.breached) out += "\x1b[0m";
    out += "  ";
    out += "--";
    out += budget_option(b.budget.kind);
    out += ' ';
    append_terminal_safe(out, b.description);
    out += '\n';
  }
}

void budgets_json(JsonWriter& w, const ScanSummary& s) {
  w.key("budgets").begin_array();
  for (const BudgetResult& b : s.budgets) {
    w.begin_object();
    w.member("kind", budget_kind_name(b.budget.kind));
    w.member("selector", b.budget.selector).member("limit", b.budget.limit).member("measured", b.measured);
    if (b.budget.kind == Budget::Kind::MaxLatency) {
      w.member("quantile", b.budget.quantile).member("unit", "us").member("inconclusive", b.inconclusive);
    }
    w.member("breached", b.breached).member("description", b.description);
    w.end_object();
  }
  w.end_array();
}

// --- examples and errors per input (in JSON, part of each input) ----------------------------

// "input:line: reason" (or "input entry N: reason") and the line's text, per example.
void line_examples_text(std::string& out, const ScanSummary& s, const TextStyle& style, std::string_view title,
                        std::vector<MalformedExample> InputSummary::*examples) {
  out += title;
  for (const InputSummary& in : s.inputs) {
    for (const MalformedExample& e : in.*examples) {
      out += "  ";
      append_terminal_safe(out, in.name);
      out += e.at.kind == Location::Kind::Entry ? " entry " : ":";
      out += std::to_string(e.at.index);
      out += ": ";
      append_terminal_safe(out, e.reason);
      out += "\n    | ";
      out += shorten_middle(terminal_safe(e.text), style.max_width);
      out += '\n';
    }
  }
}

void malformed_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  if (s.total.malformed == 0) return;
  line_examples_text(out, s, style, "\nMalformed lines (first examples per input)\n", &InputSummary::examples);
}

void other_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  if (s.total.other == 0) return;
  line_examples_text(out, s, style, "\nOther lines: well-formed, but not access records (first examples per input)\n",
                     &InputSummary::other_examples);
}

void truncated_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  if (s.total.truncated == 0) return;
  line_examples_text(out, s, style,
                     "\nTruncated records: the line ends inside a quoted field after the status (first examples "
                     "per input)\n",
                     &InputSummary::truncated_examples);
}

// What a browser's export holds that no server sent, and how it was read (README, "Producer
// quirks").
void quirks_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  const Counts& t = s.total;
  if (t.browser_generated == 0 && t.from_cache == 0 && t.body_size_unreliable == 0) return;
  out += "\nBrowser quirks (counted, not linted)\n";
  if (t.browser_generated > 0) {
    out += "  " + std::to_string(t.browser_generated) +
           " responses made up by the browser (307 Internal Redirect: HSTS upgrades, extensions)\n";
  }
  if (t.from_cache > 0) out += "  " + std::to_string(t.from_cache) + " responses served from the browser's cache\n";
  if (t.body_size_unreliable > 0) {
    out += "  " + std::to_string(t.body_size_unreliable) +
           " 304 entries whose body size is the cached body's (Firefox): body-size rules not evaluated\n";
  }
}

void no_response_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  if (s.total.no_response == 0) return;
  out += "\nRequests with no response (first examples per input)\n";
  for (const InputSummary& in : s.inputs) {
    for (const NoResponseExample& e : in.no_response_examples) {
      out += "  ";
      append_terminal_safe(out, in.name);
      out += e.at.kind == Location::Kind::Entry ? " entry " : ":";
      out += std::to_string(e.at.index);
      out += ": ";
      append_terminal_safe(out, e.method);
      out += ' ';
      append_terminal_safe(out, e.url);
      if (!e.error.empty()) {
        out += " (";
        append_terminal_safe(out, e.error);
        out += ')';
      }
      out += '\n';
    }
  }
}

void errors_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  if (s.any_input_error()) {
    out += "\nInput errors\n";
    for (const InputSummary& in : s.inputs) {
      if (in.error.empty()) continue;
      out += "  ";
      append_terminal_safe(out, in.error);
      out += '\n';
    }
  }
  const bool warned =
      std::any_of(s.inputs.begin(), s.inputs.end(), [](const InputSummary& in) { return !in.warnings.empty(); });
  if (!warned) return;
  out += "\nInput warnings\n";
  for (const InputSummary& in : s.inputs) {
    for (const std::string& warning : in.warnings) {
      out += "  ";
      append_terminal_safe(out, warning);
      out += '\n';
    }
  }
}

}  // namespace

// The report, in order: what every input has, then every collector's sections (in
// collectors.hpp's order), then budgets and the examples.
std::span<const ReportSection> report_sections() noexcept {
  static const std::vector<ReportSection> sections = [] {
    std::vector<ReportSection> out = {
        {"inputs", inputs_text, inputs_json, inputs_write_partial, inputs_read_partial, nullptr, nullptr},
        {"classes", classes_text, classes_json, nullptr, nullptr, nullptr, nullptr},
        {"kinds", kinds_text, kinds_json, nullptr, nullptr, nullptr, nullptr},
        {"statuses", codes_text, codes_json, nullptr, nullptr, nullptr, nullptr},
        {"findings", findings_text, findings_json, nullptr, nullptr, findings_write_partial, findings_read_partial},
        {"not_evaluated", not_evaluated_text, not_evaluated_json, nullptr, nullptr, nullptr, nullptr},
    };
    Collectors::for_each([&out]<typename C>(std::type_identity<C>) { out.push_back(section_of<C>()); });
    for (const ReportSection& s : std::initializer_list<ReportSection>{
             {"budgets", budgets_text, budgets_json, nullptr, nullptr, nullptr, nullptr},
             {"malformed", malformed_text, nullptr, nullptr, nullptr, nullptr, nullptr},
             {"other", other_text, nullptr, nullptr, nullptr, nullptr, nullptr},
             {"truncated", truncated_text, nullptr, nullptr, nullptr, nullptr, nullptr},
             {"no_response", no_response_text, nullptr, nullptr, nullptr, nullptr, nullptr},
             {"quirks", quirks_text, nullptr, nullptr, nullptr, nullptr, nullptr},
             {"errors", errors_text, nullptr, nullptr, nullptr, nullptr, nullptr},
         }) {
      out.push_back(s);
    }
    return out;
  }();
  return sections;
}

}  // namespace statuslint
