// The routes collector's part of the report: the route table (hits, classes, error share,
// bytes, latency, examples and why each route merged) in text, JSON, HTML and partial
// summaries. The route lists of the top offenders are written by top_section from the same
// reported_routes().
#include "statuslint/collect/routes.hpp"
#include "statuslint/routes/route_tree.hpp"

#include <algorithm>
#include <map>

#include "distribution_json.hpp"
#include "html_page.hpp"
#include "partial_dom.hpp"
#include "report_sections.hpp"
#include "statuslint/report/escaping.hpp"
#include "text_table.hpp"

namespace statuslint {

using namespace statuslint::partial;
using simdjson::dom::element;
using simdjson::dom::object;
namespace dom = simdjson::dom;

namespace {

// The JSON report lists this many routes at most; the rest are counted in "omitted".
constexpr size_t kMaxJsonRoutes = 1000;
// The text report shows this many at least (more with a larger --top).
constexpr size_t kTextRoutes = 10;

}  // namespace

namespace {

std::string ms_text(std::uint64_t micros) {
  std::string out;
  JsonWriter w(out);
  w.thousandths(micros);
  return out;
}

std::string joined(const std::vector<std::string_view>& parts) {
  std::string out;
  for (const std::string_view p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out.empty() ? "-" : out;
}

// --- text -----------------------------------------------------------------------------------

void routes_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  const Routes& routes = s.states.get<RoutesCollector>();
  if (!routes.collected) return;
  const std::vector<ReportedRoute> list = reported_routes(s.states.get<RoutesCollector>());
  out += "\nRoutes (";
  out += std::to_string(list.size());
  out += list.size() == 1 ? " route from " : " routes from ";
  out += std::to_string(routes.size());
  out += " path templates";
  if (routes.not_kept > 0) {
    out += "; ";
    out += std::to_string(routes.not_kept);
    out += " records of templates past the memory budget not kept: raise --top-memory";
  }
  if (routes.ignored > 0) {
    out += "; ";
    out += std::to_string(routes.ignored);
    out +=
        routes.ignored == 1 ? " record ignored by a route-ignore pattern" : " records ignored by route-ignore patterns";
  }
  out += ")\n";
  if (list.empty()) {
    out += "  no record has a request path\n";
    return;
  }
  const bool timed = routes.latency && std::any_of(list.begin(), list.end(),
                                                   [](const ReportedRoute& r) { return !r.stats.time.empty(); });
  std::vector<bool> right = {false, true, true, true};
  std::vector<std::string> head = {"ROUTE", "HITS", "4XX", "5XX"};
  if (timed) {
    right.push_back(true);
    head.emplace_back("P95 MS");
  }
  right.insert(right.end(), {false, false});
  head.insert(head.end(), {"MERGED BY", "EXAMPLE"});
  Table t(right);
  t.row(head);
  const size_t shown = std::min(list.size(), std::max(kTextRoutes, s.top));
  for (size_t i = 0; i < shown; ++i) {
    const ReportedRoute& r = list[i];
    std::vector<std::string> row = {
        shorten_middle(terminal_safe(r.name), style.max_width / 2), std::to_string(r.stats.count),
        percent(r.stats.classes[static_cast<size_t>(StatusClass::ClientError)], r.stats.count),
        percent(r.stats.classes[static_cast<size_t>(StatusClass::ServerError)], r.stats.count)};
    if (timed) {
      row.push_back(r.stats.time.empty() ? "-" : ms_text(r.stats.time.quantile(0.95)));
    }
    std::string why = joined(merged_by(r.stats.reasons));
    if (r.merged_values > 0) why += " (" + std::to_string(r.merged_values) + " values)";
    row.push_back(std::move(why));
    row.push_back(
        r.stats.examples.empty() ? "-" : shorten_middle(terminal_safe(r.stats.examples.front()), style.max_width / 3));
    t.row(std::move(row));
  }
  t.write(out);
  if (shown < list.size()) {
    out += "  ... ";
    out += std::to_string(list.size() - shown);
    out += " more routes in the JSON and HTML reports\n";
  }
}

// --- JSON -----------------------------------------------------------------------------------

void classes_json(JsonWriter& w, const RouteStats& st) {
  w.key("classes").begin_object();
  for (const StatusClass cls : kReportedClasses) w.member(to_string(cls), st.classes[static_cast<size_t>(cls)]);
  w.end_object();
}

void routes_json(JsonWriter& w, const ScanSummary& s) {
  const Routes& routes = s.states.get<RoutesCollector>();
  if (!routes.collected) return;
  const std::vector<ReportedRoute> list = reported_routes(s.states.get<RoutesCollector>());
  const RouteCollapseOptions collapse;
  w.key("routes").begin_object();
  w.member("templates", static_cast<std::uint64_t>(routes.size()));
  w.member("count", static_cast<std::uint64_t>(list.size()));
  w.member("not_kept", routes.not_kept).member("approximate", routes.not_kept > 0);
  w.member("ignored", routes.ignored);
  w.member("memory_budget", static_cast<std::uint64_t>(routes.memory_budget));
  w.key("collapse").begin_object().member("max_children", static_cast<std::uint64_t>(collapse.max_children));
  w.key("literal_share").thousandths(static_cast<std::uint64_t>(collapse.literal_share * 1000));
  w.end_object();
  w.key("list").begin_array();
  const size_t shown = std::min(list.size(), kMaxJsonRoutes);
  for (size_t i = 0; i < shown; ++i) {
    const ReportedRoute& r = list[i];
    w.begin_object().member("route", r.name).member("count", r.stats.count);
    classes_json(w, r.stats);
    w.member("errors", r.stats.errors());
    w.member("bytes", r.stats.bytes).member("bytes_known", r.stats.bytes_known);
    if (routes.latency) {
      w.key("latency");
      write_time_json(w, r.stats.time, r.stats.time_missing);
    }
    w.key("merged_by").begin_array();
    for (const std::string_view m : merged_by(r.stats.reasons)) w.value(m);
    w.end_array();
    w.member("merged_values", r.merged_values).member("templates", static_cast<std::uint64_t>(r.templates));
    w.key("examples").begin_array();
    for (const std::string& e : r.stats.examples) w.value(e);
    w.end_array();
    w.key("rules").begin_object();
    for (const auto& [rule, n] : r.stats.rules) {
      if (s.rules != nullptr && rule < s.rules->rules().size()) w.member(s.rules->rules()[rule].id, n);
    }
    w.end_object();
    w.end_object();
  }
  w.end_array().member("omitted", static_cast<std::uint64_t>(list.size() - shown)).end_object();
}

// --- partial summaries ------------------------------------------------------------------------

void routes_write_partial(JsonWriter& w, const ScanSummary& s) {
  const Routes& routes = s.states.get<RoutesCollector>();
  w.key("routes").begin_object().member("collected", routes.collected).member("latency", routes.latency);
  w.member("not_kept", routes.not_kept).member("memory_budget", static_cast<std::uint64_t>(routes.memory_budget));
  w.member("ignored", routes.ignored);
  std::vector<const std::pair<const std::string, RouteStats>*> entries;
  if (routes.table) {
    for (const auto& e : *routes.table) entries.push_back(&e);
  }
  std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  w.key("table").begin_array();
  for (const auto* e : entries) {
    const RouteStats& st = e->second;
    w.begin_array().value(e->first).value(st.count).begin_array();
    for (const std::uint64_t c : st.classes) w.value(c);
    w.end_array().value(st.bytes).value(st.bytes_known).value(static_cast<std::uint64_t>(st.reasons));
    w.begin_array();
    for (const std::string& x : st.examples) w.value(x);
    w.end_array().begin_array();
    for (const auto& [rule, n] : st.rules) w.begin_array().value(s.rules->rules()[rule].id).value(n).end_array();
    w.end_array();
    write_distribution(w, st.time);
    w.value(st.time_missing).end_array();
  }
  w.end_array().end_object();
}

void routes_read_partial(object top, ScanSummary& into, std::uint32_t, const PartialRules& rules) {
  element e;
  if (top["routes"].get(e) != simdjson::SUCCESS) return;  // written before routes were collected
  object ro = obj(e, "routes");
  Routes read;
  read.collected = boolean(field(ro, "collected"), "collected");
  read.latency = boolean(field(ro, "latency"), "latency");
  read.not_kept = u64(field(ro, "not_kept"), "not_kept");
  read.ignored = u64(field(ro, "ignored"), "ignored");
  read.memory_budget = static_cast<size_t>(u64(field(ro, "memory_budget"), "memory_budget"));
  read.memory_budget = std::max(read.memory_budget, into.states.get<RoutesCollector>().memory_budget);
  std::string previous;
  bool first = true;
  for (element x : arr(field(ro, "table"), "routes table")) {
    dom::array p = arr(x, "a route");
    if (p.size() != 10) throw PartialError("a route has ten members");
    std::string key = str(p.at(0).value(), "route");
    if (!first && key <= previous) throw PartialError("routes out of order or repeated");
    first = false;
    RouteStats st;
    st.count = u64(p.at(1).value(), "count");
    dom::array classes = arr(p.at(2).value(), "a route's classes");
    if (classes.size() != kStatusClassCount) throw PartialError("a route has one count per class");
    size_t k = 0;
    std::uint64_t sum = 0;
    for (element c : classes) sum += st.classes[k++] = u64(c, "class count");
    if (sum != st.count) throw PartialError("a route's class counts do not add up to its count");
    st.bytes = u64(p.at(3).value(), "bytes");
    st.bytes_known = u64(p.at(4).value(), "bytes_known");
    const std::uint64_t reasons = u64(p.at(5).value(), "reasons");
    if (reasons >= (1U << std::size(kRouteMaskNames))) throw PartialError("a route's reasons name no mask");
    st.reasons = static_cast<std::uint16_t>(reasons);
    for (element x2 : arr(p.at(6).value(), "examples")) st.add_example(str(x2, "example"));
    for (element x2 : arr(p.at(7).value(), "a route's rules")) {
      dom::array rp = arr(x2, "a route's rule");
      if (rp.size() != 2) throw PartialError("a route's rule has two members");
      st.add_rule(static_cast<std::uint16_t>(rules.index(std::string(str(rp.at(0).value(), "rule")))),
                  u64(rp.at(1).value(), "findings"));
    }
    st.time.merge(read_distribution(p.at(8).value()));
    st.time_missing = u64(p.at(9).value(), "time_missing");
    RouteStats* slot = read.find_or_add(key);
    if (slot == nullptr) {
      read.not_kept += st.count;
    } else {
      *slot = std::move(st);
    }
    previous = std::move(key);
  }
  RoutesCollector::merge(into.states.get<RoutesCollector>(), read, MergeContext{.into_scan = true});
}

// --- HTML -------------------------------------------------------------------------------------

void routes_html(html::Page& p, element doc) {
  element r;
  if (doc["routes"].get(r) != simdjson::SUCCESS) return;
  p.raw("<section id=\"routes\"><h2>Routes</h2>\n<p class=\"muted\">");
  p.number(html::count_of(r, "count")).raw(" routes from ").number(html::count_of(r, "templates"));
  p.raw(" path templates: numbers, ids, hashes, dates and addresses are masked, and a segment with more than ");
  p.number(html::count_of(r["collapse"].value_unsafe(), "max_children")).raw(" values becomes {var}.");
  if (html::count_of(r, "not_kept") > 0) {
    p.raw(" ").number(html::count_of(r, "not_kept")).raw(" records past the memory budget are not in the table.");
  }
  p.raw("</p>\n");
  p.table_open({{"route"},
                {"hits", "n"},
                {"4xx", "n"},
                {"5xx", "n"},
                {"p95 ms", "n"},
                {"bytes", "n"},
                {"merged by"},
                {"examples"}},
               true, "routes-table");
  for (element route : html::array_of(r, "list")) {
    const std::uint64_t hits = html::count_of(route, "count");
    element classes = route["classes"].value_unsafe();
    p.raw("<tr><td class=\"mono\">").text(html::text_of(route, "route")).raw("</td>").count_cell(hits);
    p.share_cell(html::count_of(classes, "4xx"), hits).share_cell(html::count_of(classes, "5xx"), hits);
    double p95 = 0;
    element latency;
    if (route["latency"].get(latency) == simdjson::SUCCESS &&
        latency["p95"].get_double().get(p95) == simdjson::SUCCESS) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", p95);
      p.raw("<td class=\"n\" data-v=\"").raw(buf).raw("\">").raw(buf).raw("</td>");
    } else {
      p.raw("<td class=\"n\" data-v=\"\">-</td>");
    }
    p.count_cell(html::count_of(route, "bytes"));
    p.raw("<td>");
    bool first = true;
    for (element m : html::array_of(route, "merged_by")) {
      std::string_view name;
      if (m.get_string().get(name) != simdjson::SUCCESS) continue;
      if (!first) p.raw(", ");
      first = false;
      p.text(name);
    }
    if (html::count_of(route, "merged_values") > 0) {
      p.raw(" (").number(html::count_of(route, "merged_values")).raw(" values)");
    }
    p.raw("</td><td class=\"mono\">");
    first = true;
    for (element x : html::array_of(route, "examples")) {
      std::string_view v;
      if (x.get_string().get(v) != simdjson::SUCCESS) continue;
      if (!first) p.raw("<br>");
      first = false;
      p.text(v);
    }
    p.raw("</td></tr>\n");
  }
  p.table_close();
  if (html::count_of(r, "omitted") > 0) {
    p.raw("<p class=\"muted\">")
        .number(html::count_of(r, "omitted"))
        .raw(" more routes are in the JSON report's count only.</p>\n");
  }
  p.raw("</section>\n");
}

}  // namespace

template <>
ReportSection section_of<RoutesCollector>() {
  return {"routes", routes_text, routes_json, nullptr, nullptr, routes_write_partial, routes_read_partial, routes_html};
}

}  // namespace statuslint
