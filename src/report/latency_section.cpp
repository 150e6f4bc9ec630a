// The latency collector's part of the report: request times (--latency) and response sizes
// (--sizes), each only when collected, over all
// records, per class, per code, per rule's findings and per input, in text, JSON, HTML and
// partial summaries. Times are written in milliseconds with microsecond resolution.
#include <algorithm>

#include "distribution_json.hpp"
#include "html_page.hpp"
#include "partial_dom.hpp"
#include "report_sections.hpp"
#include "statuslint/collect/latency.hpp"
#include "text_table.hpp"

namespace statuslint {

using namespace statuslint::partial;
using simdjson::dom::element;
using simdjson::dom::object;
namespace dom = simdjson::dom;

namespace {

std::string ms_text(std::uint64_t micros) {
  std::string out;
  JsonWriter w(out);
  w.thousandths(micros);
  return out;
}

// A scope's name, the stats for each class (kReportedClasses order) and each code.
struct Scopes {
  LatencyStats all;
  std::array<LatencyStats, kStatusClassCount> classes;
  LatencyStats no_response;
  std::vector<std::pair<int, const LatencyStats*>> codes;
};

Scopes scopes_of(const Latency& l) {
  Scopes s;
  for (const Latency::Code* c : l.sorted_codes()) {
    s.all.merge(c->stats);
    if (c->code == kNoResponseCode) {
      s.no_response.merge(c->stats);
    } else {
      s.classes[static_cast<size_t>(class_of(c->code))].merge(c->stats);
    }
    s.codes.emplace_back(c->code, &c->stats);
  }
  return s;
}

std::string code_name(int code) {
  if (code == kNoResponseCode) return "no_response";
  if (code < 0) return "invalid";
  char c[16];
  std::snprintf(c, sizeof c, "%03d", code);
  return c;
}

// --- JSON -----------------------------------------------------------------------------------

void size_json(JsonWriter& w, const Distribution& d, std::uint64_t missing) {
  w.begin_object().member("count", d.count()).member("missing", missing).member("sum", d.sum());
  const std::vector<std::uint64_t> values = reported_quantiles(d);
  for (size_t i = 0; i < values.size(); ++i) {
    d.empty() ? w.key(kReportedQuantiles[i].name).null() : w.member(kReportedQuantiles[i].name, values[i]);
  }
  d.empty() ? w.key("max").null() : w.member("max", d.max());
  d.empty() ? w.key("mean").null() : w.member("mean", mean_of(d));
  w.member("exact", d.exact());
  w.end_object();
}

template <typename F>
void scoped_json(JsonWriter& w, const ScanSummary& s, const Scopes& sc, F&& one) {
  w.key("overall");
  one(sc.all);
  w.key("classes").begin_object();
  for (const StatusClass cls : kReportedClasses) {
    w.key(to_string(cls));
    one(sc.classes[static_cast<size_t>(cls)]);
  }
  w.key("no_response");
  one(sc.no_response);
  w.end_object();
  w.key("codes").begin_object();
  for (const auto& [code, stats] : sc.codes) {
    w.key(code_name(code));
    one(*stats);
  }
  w.end_object();
  const Latency& l = s.states.get<LatencyCollector>();
  w.key("inputs").begin_array();
  for (size_t i = 0; i < l.inputs.size() && i < s.inputs.size(); ++i) {
    w.begin_object().member("name", s.inputs[i].name).key("stats");
    one(l.inputs[i]);
    w.end_object();
  }
  w.end_array();
}

void latency_json(JsonWriter& w, const ScanSummary& s) {
  const Latency& l = s.states.get<LatencyCollector>();
  if (!l.collected && !l.sizes_collected) return;
  const Scopes sc = scopes_of(l);
  if (l.collected) {
    w.key("latency").begin_object().member("unit", "ms");
    scoped_json(w, s, sc, [&w](const LatencyStats& st) { write_time_json(w, st.time, st.time_missing); });
    w.key("rules").begin_object();
    for (size_t i = 0; i < l.rules.size() && s.rules != nullptr; ++i) {
      if (l.rules[i].empty()) continue;
      w.key(s.rules->rules()[i].id);
      write_time_json(w, l.rules[i], 0);
    }
    w.end_object();
    if (l.has_phases()) {
      w.key("har_phases").begin_object();
      for (size_t i = 0; i < kHarPhases.size(); ++i) {
        w.key(kHarPhases[i]);
        write_time_json(w, l.phases[i].time, l.phases[i].not_applicable, "not_applicable");
      }
      w.end_object();
    }
    w.end_object();
  }
  if (l.sizes_collected) {
    w.key("bytes").begin_object().member("total", sc.all.size.sum());
    scoped_json(w, s, sc, [&w](const LatencyStats& st) { size_json(w, st.size, st.size_missing); });
    w.end_object();
  }
}

// --- text -----------------------------------------------------------------------------------

void time_row(Table& t, const std::string& scope, const Distribution& d, std::uint64_t missing) {
  std::vector<std::string> row = {scope, std::to_string(d.count()), std::to_string(missing)};
  for (const std::uint64_t v : reported_quantiles(d)) row.push_back(d.empty() ? "-" : ms_text(v));
  row.push_back(d.empty() ? "-" : ms_text(d.max()));
  row.push_back(d.empty() ? "-" : ms_text(mean_of(d)));
  t.row(std::move(row));
}

void size_row(Table& t, const std::string& scope, const Distribution& d, std::uint64_t missing) {
  std::vector<std::string> row = {scope, std::to_string(d.count()), std::to_string(missing), std::to_string(d.sum())};
  const std::vector<std::uint64_t> values = reported_quantiles(d);  // p50, p95 and p99 of them
  for (const size_t i : {0, 2, 3}) row.push_back(d.empty() ? "-" : std::to_string(values[i]));
  row.push_back(d.empty() ? "-" : std::to_string(d.max()));
  row.push_back(d.empty() ? "-" : std::to_string(mean_of(d)));
  t.row(std::move(row));
}

template <typename Row>
void scoped_rows(Table& t, const ScanSummary& s, const Scopes& sc, Row&& row) {
  row(t, "all", sc.all);
  for (const StatusClass cls : kReportedClasses) {
    const LatencyStats& st = sc.classes[static_cast<size_t>(cls)];
    if (!st.empty()) row(t, std::string(to_string(cls)), st);
  }
  if (!sc.no_response.empty()) row(t, "no response", sc.no_response);
  for (const auto& [code, stats] : sc.codes) {
    if (code > 0) row(t, std::to_string(code), *stats);
  }
  const Latency& l = s.states.get<LatencyCollector>();
  if (l.inputs.size() > 1) {
    for (size_t i = 0; i < l.inputs.size() && i < s.inputs.size(); ++i) row(t, s.inputs[i].name, l.inputs[i]);
  }
}

void latency_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  const Latency& l = s.states.get<LatencyCollector>();
  if (!l.collected && !l.sizes_collected) return;
  const Scopes sc = scopes_of(l);
  if (l.collected) {
    out += "\nLatency (ms";
    if (!sc.all.time.exact()) out += "; quantiles within 0.55%";
    out += ")\n";
    if (sc.all.time.empty()) {
      out += "  no record has a request time (the format has no time field)\n";
    } else {
      Table t({false, true, true, true, true, true, true, true, true, true});
      t.row({"SCOPE", "COUNT", "MISSING", "P50", "P90", "P95", "P99", "P99.9", "MAX", "MEAN"});
      scoped_rows(t, s, sc, [](Table& tt, const std::string& name, const LatencyStats& st) {
        time_row(tt, name, st.time, st.time_missing);
      });
      for (size_t i = 0; i < l.rules.size() && s.rules != nullptr; ++i) {
        if (!l.rules[i].empty()) time_row(t, s.rules->rules()[i].id, l.rules[i], 0);
      }
      t.write(out);
    }
    if (l.has_phases()) {
      out += "\nHAR timings (ms; where the browser's time went; n/a: -1 or not written)\n";
      Table t({false, true, true, true, true, true, true, true, true, true});
      t.row({"PHASE", "COUNT", "N/A", "P50", "P90", "P95", "P99", "P99.9", "MAX", "MEAN"});
      for (size_t i = 0; i < kHarPhases.size(); ++i) {
        time_row(t, std::string(kHarPhases[i]), l.phases[i].time, l.phases[i].not_applicable);
      }
      t.write(out);
    }
  }
  if (!l.sizes_collected) return;
  out += "\nBytes (response bodies; total ";
  out += std::to_string(sc.all.size.sum());
  out += ")\n";
  if (sc.all.size.empty()) {
    out += "  no record has a response size (the format has no byte count)\n";
    return;
  }
  Table t({false, true, true, true, true, true, true, true, true});
  t.row({"SCOPE", "COUNT", "MISSING", "TOTAL", "P50", "P95", "P99", "MAX", "MEAN"});
  scoped_rows(t, s, sc, [](Table& tt, const std::string& name, const LatencyStats& st) {
    size_row(tt, name, st.size, st.size_missing);
  });
  t.write(out);
}

// --- partial summaries ------------------------------------------------------------------------

void write_stats(JsonWriter& w, const LatencyStats& st) {
  w.begin_object().key("time");
  write_distribution(w, st.time);
  w.key("size");
  write_distribution(w, st.size);
  w.member("time_missing", st.time_missing).member("size_missing", st.size_missing).end_object();
}

LatencyStats read_stats(element e) {
  object o = obj(e, "latency stats");
  LatencyStats st;
  st.time = read_distribution(field(o, "time"));
  st.size = read_distribution(field(o, "size"));
  st.time_missing = u64(field(o, "time_missing"), "time_missing");
  st.size_missing = u64(field(o, "size_missing"), "size_missing");
  return st;
}

void latency_write_partial(JsonWriter& w, const ScanSummary& s) {
  const Latency& l = s.states.get<LatencyCollector>();
  w.key("latency").begin_object().member("collected", l.collected).member("sizes_collected", l.sizes_collected);
  w.key("codes").begin_array();
  for (const Latency::Code* c : l.sorted_codes()) {
    w.begin_array().value(static_cast<std::int64_t>(c->code));
    write_stats(w, c->stats);
    w.end_array();
  }
  w.end_array().key("rules").begin_array();
  for (size_t i = 0; i < l.rules.size(); ++i) {
    if (l.rules[i].empty()) continue;
    w.begin_array().value(s.rules->rules()[i].id);
    write_distribution(w, l.rules[i]);
    w.end_array();
  }
  w.end_array().key("inputs").begin_array();
  for (const LatencyStats& in : l.inputs) write_stats(w, in);
  w.end_array().key("har_phases").begin_array();
  for (size_t i = 0; i < l.phases.size(); ++i) {
    if (l.phases[i].empty()) continue;
    w.begin_array().value(kHarPhases[i]);
    write_distribution(w, l.phases[i].time);
    w.value(l.phases[i].not_applicable).end_array();
  }
  w.end_array().end_object();
}

void latency_read_partial(object top, ScanSummary& into, std::uint32_t, const PartialRules& rules) {
  object lo = obj(field(top, "latency"), "latency");
  Latency read;
  read.collected = boolean(field(lo, "collected"), "collected");
  read.sizes_collected = boolean(field(lo, "sizes_collected"), "sizes_collected");
  for (element x : arr(field(lo, "codes"), "codes")) {
    dom::array p = arr(x, "a code's stats");
    if (p.size() != 2) throw PartialError("a code's stats have two members");
    const std::int64_t code = i64(p.at(0).value(), "code");
    if (code < kNoResponseCode || code > 999) throw PartialError("a code outside -2..999");
    read.at(static_cast<int>(code)).merge(read_stats(p.at(1).value()));
  }
  for (element x : arr(field(lo, "rules"), "rules")) {
    dom::array p = arr(x, "a rule's times");
    if (p.size() != 2) throw PartialError("a rule's times have two members");
    const size_t index = rules.index(str(p.at(0).value(), "rule"));
    if (read.rules.size() < rules.count()) read.rules.resize(rules.count());
    read.rules[index].merge(read_distribution(p.at(1).value()));
  }
  for (element x : arr(field(lo, "inputs"), "inputs")) read.inputs.push_back(read_stats(x));
  for (element x : arr(field(lo, "har_phases"), "har_phases")) {
    dom::array p = arr(x, "a HAR phase's times");
    if (p.size() != 3) throw PartialError("a HAR phase's times have three members");
    const std::string name = str(p.at(0).value(), "phase");
    const auto* at = std::find(kHarPhases.begin(), kHarPhases.end(), name);
    if (at == kHarPhases.end()) throw PartialError("no HAR phase is called '" + std::string(name) + "'");
    PhaseStats& phase = read.phase(static_cast<size_t>(at - kHarPhases.begin()));
    phase.time.merge(read_distribution(p.at(1).value()));
    phase.not_applicable += u64(p.at(2).value(), "not_applicable");
  }
  LatencyCollector::merge(into.states.get<LatencyCollector>(), read, MergeContext{.into_scan = true});
}

// --- HTML -------------------------------------------------------------------------------------

// A time in ms from the JSON report, as a sortable cell.
void ms_cell(html::Page& p, element st, const char* key) {
  double v = 0;
  if (st[key].get_double().get(v) != simdjson::SUCCESS) {
    p.raw("<td class=\"n\" data-v=\"\">-</td>");  // null: no value
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  p.raw("<td class=\"n\" data-v=\"").raw(buf).raw("\">").raw(buf).raw("</td>");
}

void latency_html(html::Page& p, element doc) {
  element l;
  if (doc["latency"].get(l) != simdjson::SUCCESS) return;
  p.raw("<section id=\"latency\"><h2>Latency (ms)</h2>\n");
  p.table_open({{"scope"},
                {"count", "n"},
                {"missing", "n"},
                {"p50", "n"},
                {"p90", "n"},
                {"p95", "n"},
                {"p99", "n"},
                {"p99.9", "n"},
                {"max", "n"},
                {"mean", "n"}},
               true, "latency-table");
  const auto row = [&p](std::string_view scope, element st) {
    if (html::count_of(st, "count") == 0 && html::count_of(st, "missing") == 0) return;
    p.raw("<tr><td>").text(scope).raw("</td>");
    p.count_cell(html::count_of(st, "count")).count_cell(html::count_of(st, "missing"));
    for (const char* k : {"p50", "p90", "p95", "p99", "p999", "max", "mean"}) ms_cell(p, st, k);
    p.raw("</tr>\n");
  };
  element overall;
  if (l["overall"].get(overall) == simdjson::SUCCESS) row("all", overall);
  for (const char* group : {"classes", "codes", "rules"}) {
    object members;
    if (l[group].get(members) != simdjson::SUCCESS) continue;
    for (auto [k, v] : members) row(k, v);
  }
  p.table_close();
  object phases;
  if (l["har_phases"].get(phases) == simdjson::SUCCESS) {
    p.raw("<h3>HAR timings (ms)</h3>\n");
    p.table_open({{"phase"},
                  {"count", "n"},
                  {"n/a", "n"},
                  {"p50", "n"},
                  {"p90", "n"},
                  {"p95", "n"},
                  {"p99", "n"},
                  {"p99.9", "n"},
                  {"max", "n"},
                  {"mean", "n"}},
                 true, "har-phase-table");
    for (auto [k, v] : phases) {
      p.raw("<tr><td>").text(k).raw("</td>");
      p.count_cell(html::count_of(v, "count")).count_cell(html::count_of(v, "not_applicable"));
      for (const char* q : {"p50", "p90", "p95", "p99", "p999", "max", "mean"}) ms_cell(p, v, q);
      p.raw("</tr>\n");
    }
    p.table_close();
  }
  element b;
  if (doc["bytes"].get(b) == simdjson::SUCCESS) {
    p.raw("<h2>Bytes</h2>\n<p>Total: ").number(html::count_of(b, "total")).raw(" bytes</p>\n");
  }
  p.raw("</section>\n");
}

}  // namespace

template <>
ReportSection section_of<LatencyCollector>() {
  return {"latency", latency_text,          latency_json,         nullptr,
          nullptr,   latency_write_partial, latency_read_partial, latency_html};
}

}  // namespace statuslint
