// The top-offenders collector's part of the report: the lists per class and per rule, in
// text and JSON, and the tables (or sketches) in partial summaries.
#include "html_page.hpp"
#include "partial_dom.hpp"
#include "report_sections.hpp"
#include "statuslint/collect/routes.hpp"
#include "statuslint/record/timestamp.hpp"
#include "statuslint/report/escaping.hpp"
#include "text_table.hpp"

namespace statuslint {

using namespace statuslint::partial;
using simdjson::dom::element;
using simdjson::dom::object;
namespace dom = simdjson::dom;

namespace {

// --- top offenders ------------------------------------------------------------------------

// A top list: every exact count, or a sketch's counters ("sketched"). Partials written
// before exact counting have no "sketched" and hold sketches.
void write_sketch(JsonWriter& w, const TopCounts& s) {
  w.begin_object().member("capacity", static_cast<std::uint64_t>(s.capacity())).member("total", s.total());
  w.member("approximate", s.approximate()).member("sketched", s.sketched());
  w.key("items").begin_array();
  for (const CountedKey& i : s.items()) w.begin_array().value(i.key).value(i.count).value(i.error).end_array();
  w.end_array().end_object();
}

TopCounts read_sketch(dom::element e) {
  dom::object o = obj(e, "a sketch");
  TopCounts s(static_cast<size_t>(u64(field(o, "capacity"), "capacity")));
  std::vector<CountedKey> items;
  for (dom::element item : arr(field(o, "items"), "items")) {
    dom::array a = arr(item, "an item");
    if (a.size() != 3) throw PartialError("a sketch item has three members");
    items.push_back({str(a.at(0).value(), "key"), u64(a.at(1).value(), "count"), u64(a.at(2).value(), "error")});
  }
  bool approximate = false;
  approximate = boolean(field(o, "approximate"), "approximate");
  bool sketched = true;
  if (dom::element e2; !o["sketched"].get(e2)) sketched = boolean(e2, "sketched");
  s.restore(std::move(items), u64(field(o, "total"), "total"), sketched, approximate);
  return s;
}

// The routes with the most records of one class (or findings of one rule): `count_of` says
// how many a route has. Exact: the route table holds exact counts.
template <typename CountOf>
std::vector<std::pair<const ReportedRoute*, std::uint64_t>> top_routes(const std::vector<ReportedRoute>& routes,
                                                                       size_t n, CountOf&& count_of) {
  std::vector<std::pair<const ReportedRoute*, std::uint64_t>> out;
  for (const ReportedRoute& r : routes) {
    if (const std::uint64_t c = count_of(r.stats); c > 0) out.emplace_back(&r, c);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first->name < b.first->name;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

std::uint64_t rule_count(const RouteStats& st, size_t rule) {
  for (const auto& [r, n] : st.rules) {
    if (r == rule) return n;
  }
  return 0;
}

// The lists to report: the scan's, or empty ones when no input got as far as counting.
const Offenders& reported_offenders(const ScanSummary& s) {
  if (s.offenders().enabled()) return s.offenders();
  static const Offenders none = [] {
    Offenders o;
    o.configure(0, false, 0);
    return o;
  }();
  return none;
}

void top_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  if (s.top == 0) return;
  const Offenders& top = reported_offenders(s);
  out += "\nTop offenders";
  out += top.approximate() ? " (approximate: counts may be over by the error shown as +N)" : " (exact)";
  out += '\n';
  const auto list = [&](std::string_view label, const TopCounts& counts) {
    const auto items = counts.top(s.top);
    if (items.empty()) return;
    out += "    ";
    out += label;
    out += '\n';
    // Past the budget a sketch cannot rank keys that may be tied: only the entries whose
    // guaranteed count beats what any key left out may have are shown, not ten ties.
    const std::uint64_t bound = counts.uncertain_bound(s.top);
    size_t hidden = 0;
    for (const CountedKey& item : items) {
      if (!counts.certain(item, bound)) {
        ++hidden;
        continue;
      }
      out += "      ";
      out += std::to_string(item.count);
      if (item.error > 0) {
        out += " (+";
        out += std::to_string(item.error);
        out += ')';
      }
      out += "  ";
      out += shorten_middle(terminal_safe(item.key), style.max_width);
      out += '\n';
    }
    if (hidden == items.size()) {
      out += "      none is certain: no key has more than ";
      out += std::to_string(items.front().count);
      out += " hits, and there are more distinct ones than --top-memory holds\n";
    } else if (hidden > 0) {
      out += "      (";
      out += std::to_string(hidden);
      out += " more not shown: past --top-memory their counts cannot be ranked)\n";
    }
  };
  const bool with_routes = s.states.get<RoutesCollector>().collected;
  const std::vector<ReportedRoute> routes =
      with_routes ? reported_routes(s.states.get<RoutesCollector>()) : std::vector<ReportedRoute>{};
  // A route list that says what the path list says (no path was masked or merged) is not
  // printed again; the JSON report always has both.
  const auto route_list = [&](const auto& items, const TopCounts& paths) {
    if (items.empty()) return;
    const std::vector<CountedKey> top_paths = paths.top(s.top);
    std::vector<std::pair<std::string_view, std::uint64_t>> a;
    std::vector<std::pair<std::string_view, std::uint64_t>> b;
    a.reserve(top_paths.size());
    b.reserve(items.size());
    for (const CountedKey& k : top_paths) a.emplace_back(k.key, k.count);
    for (const auto& [route, count] : items) b.emplace_back(route->name, count);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a == b) return;
    out += "    routes\n";
    for (const auto& [route, count] : items) {
      out += "      ";
      out += std::to_string(count);
      out += "  ";
      out += shorten_middle(terminal_safe(route->name), style.max_width);
      out += '\n';
    }
  };
  for (const StatusClass cls : kReportedClasses) {
    const auto k = static_cast<size_t>(cls);
    if (top.paths[k].total() == 0 && top.agents[k].total() == 0 && top.hosts[k].total() == 0 &&
        top.clients[k].total() == 0) {
      continue;
    }
    out += "  ";
    out += to_string(cls);
    out += '\n';
    list("paths", top.paths[k]);
    route_list(top_routes(routes, s.top, [k](const RouteStats& st) { return st.classes[k]; }), top.paths[k]);
    list("hosts", top.hosts[k]);
    list("user agents", top.agents[k]);
    list("clients", top.clients[k]);
  }
  for (size_t i : fired_rules(s)) {
    if (i >= top.rule_paths.size() || top.rule_paths[i].total() == 0) continue;
    out += "  ";
    append_terminal_safe(out, s.rules->rules()[i].id);
    out += '\n';
    list("paths", top.rule_paths[i]);
    route_list(top_routes(routes, s.top, [i](const RouteStats& st) { return rule_count(st, i); }), top.rule_paths[i]);
    list("clients", top.rule_clients[i]);
  }
}

void top_json(JsonWriter& w, const ScanSummary& s) {
  if (s.top == 0) return;
  const Offenders& top = reported_offenders(s);
  const auto list = [&](std::string_view name, const TopCounts& counts) {
    w.key(name).begin_array();
    const std::uint64_t bound = counts.uncertain_bound(s.top);
    for (const CountedKey& item : counts.top(s.top)) {
      w.begin_object().member("value", item.key).member("count", item.count).member("error", item.error);
      w.member("certain", counts.certain(item, bound)).end_object();
    }
    w.end_array();
  };
  const bool with_routes = s.states.get<RoutesCollector>().collected;
  const std::vector<ReportedRoute> routes =
      with_routes ? reported_routes(s.states.get<RoutesCollector>()) : std::vector<ReportedRoute>{};
  const auto route_list = [&](const auto& items) {
    if (!with_routes) return;
    w.key("routes").begin_array();
    for (const auto& [route, count] : items) {
      w.begin_object().member("value", route->name).member("count", count).member("error", std::uint64_t{0});
      w.key("examples").begin_array();
      for (const std::string& e : route->stats.examples) w.value(e);
      w.end_array().end_object();
    }
    w.end_array();
  };
  w.key("top").begin_object();
  w.member("approximate", top.approximate()).member("counters", static_cast<std::uint64_t>(top.capacity));
  w.member("sketched", top.sketched()).member("memory_budget", static_cast<std::uint64_t>(top.memory_budget));
  w.key("classes").begin_object();
  for (const StatusClass cls : kReportedClasses) {
    const auto k = static_cast<size_t>(cls);
    w.key(to_string(cls)).begin_object();
    list("paths", top.paths[k]);
    route_list(top_routes(routes, s.top, [k](const RouteStats& st) { return st.classes[k]; }));
    list("hosts", top.hosts[k]);
    list("user_agents", top.agents[k]);
    list("clients", top.clients[k]);
    w.end_object();
  }
  w.end_object();
  w.key("rules").begin_object();
  for (size_t i : fired_rules(s)) {
    if (i >= top.rule_paths.size()) continue;
    w.key(s.rules->rules()[i].id).begin_object();
    list("paths", top.rule_paths[i]);
    route_list(top_routes(routes, s.top, [i](const RouteStats& st) { return rule_count(st, i); }));
    list("clients", top.rule_clients[i]);
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

void top_write_partial(JsonWriter& w, const ScanSummary& s) {
  w.key("offenders");
  if (!s.offenders().enabled()) {
    w.null();
    return;
  }
  const Offenders& o = s.offenders();
  w.begin_object().member("capacity", static_cast<std::uint64_t>(o.capacity)).member("keep_query", o.keep_query);
  w.member("memory_budget", static_cast<std::uint64_t>(o.memory_budget));
  w.key("classes").begin_array();
  for (size_t k = 0; k < kStatusClassCount; ++k) {
    w.begin_array();
    write_sketch(w, o.paths[k]);
    write_sketch(w, o.hosts[k]);
    write_sketch(w, o.agents[k]);
    write_sketch(w, o.clients[k]);
    w.end_array();
  }
  w.end_array();
  w.key("rules").begin_object();
  for (size_t i = 0; i < o.rule_paths.size(); ++i) {
    if (o.rule_paths[i].total() > 0) {
      w.key(s.rules->rules()[i].id);
      write_sketch(w, o.rule_paths[i]);
    }
  }
  w.end_object();
  w.key("rule_clients").begin_object();
  for (size_t i = 0; i < o.rule_clients.size(); ++i) {
    if (o.rule_clients[i].total() > 0) {
      w.key(s.rules->rules()[i].id);
      write_sketch(w, o.rule_clients[i]);
    }
  }
  w.end_object().end_object();
}

void top_read_partial(object top, ScanSummary& into, std::uint32_t, const PartialRules& rules) {
  element offenders = field(top, "offenders");
  if (offenders.is_null()) return;
  object of = obj(offenders, "offenders");
  const bool keep_query = boolean(field(of, "keep_query"), "keep_query");
  std::uint64_t budget = kDefaultTopMemory;
  if (element b; !of["memory_budget"].get(b)) budget = u64(b, "memory_budget");
  Offenders read;
  read.configure(static_cast<size_t>(u64(field(of, "capacity"), "capacity")), keep_query, rules.count(),
                 static_cast<size_t>(budget));
  dom::array classes = arr(field(of, "classes"), "offender classes");
  if (classes.size() != kStatusClassCount) throw PartialError("one offender list per class");
  size_t k = 0;
  for (element cls : classes) {
    dom::array lists = arr(cls, "a class's sketches");
    // Partials written before clients were counted hold three lists per class.
    if (lists.size() != 3 && lists.size() != 4) throw PartialError("paths, hosts, agents and clients per class");
    read.paths[k] = read_sketch(lists.at(0).value());
    read.hosts[k] = read_sketch(lists.at(1).value());
    read.agents[k] = read_sketch(lists.at(2).value());
    if (lists.size() == 4) read.clients[k] = read_sketch(lists.at(3).value());
    ++k;
  }
  for (auto [key, sketch] : obj(field(of, "rules"), "offender rules")) {
    read.rule_paths[rules.index(std::string(key))] = read_sketch(sketch);
  }
  if (element rc; !of["rule_clients"].get(rc)) {
    for (auto [key, sketch] : obj(rc, "offender rule clients")) {
      read.rule_clients[rules.index(std::string(key))] = read_sketch(sketch);
    }
  }
  read.restored();
  into.offenders().merge(read);
}

using html::array;
using html::array_of;
using html::count_of;
using html::flag_of;
using html::text_of;

void offenders_html(html::Page& p_, element group, const char* key, std::string_view label) {
  const array list = array_of(group, key);
  if (list.size() == 0) return;
  p_.raw("<div><h3>").text(label).raw("</h3><table><tbody>\n");
  size_t hidden = 0;
  for (element v : list) {
    bool certain = true;
    if (v["certain"].get(certain) == simdjson::SUCCESS && !certain) {
      ++hidden;
      continue;
    }
    p_.raw("<tr><td class=\"mono\">").text(text_of(v, "value")).raw("</td>").count_cell(count_of(v, "count"));
    p_.raw("</tr>\n");
  }
  if (hidden > 0) {
    p_.raw("<tr><td class=\"muted\" colspan=\"2\">")
        .text(hidden == list.size() ? std::string("none is certain: more distinct keys than the memory budget holds")
                                    : std::to_string(hidden) + " more not certain past the memory budget")
        .raw("</td></tr>\n");
  }
  p_.raw("</tbody></table></div>\n");
}

void top_html(html::Page& p_, element doc_) {
  element t;
  if (doc_["top"].get(t) != simdjson::SUCCESS || t.is_null()) return;
  const bool approximate = flag_of(t, "approximate");
  p_.raw("<section id=\"top\"><h2>Top offenders</h2>\n");
  if (approximate) {
    p_.raw("<p class=\"muted\">Past the memory budget the counts are Space-Saving estimates (upper bounds).</p>\n");
  }
  object classes;
  if (t["classes"].get_object().get(classes) == simdjson::SUCCESS) {
    for (auto [cls, group] : classes) {
      p_.raw("<details><summary>").text(cls).raw("</summary><div class=\"grid\">\n");
      offenders_html(p_, group, "paths", "paths");
      offenders_html(p_, group, "routes", "routes");
      offenders_html(p_, group, "hosts", "hosts");
      offenders_html(p_, group, "user_agents", "user agents");
      offenders_html(p_, group, "clients", "clients");
      p_.raw("</div></details>\n");
    }
  }
  object rules;
  if (t["rules"].get_object().get(rules) == simdjson::SUCCESS) {
    for (auto [rule, group] : rules) {
      p_.raw("<details><summary>rule <code>").text(rule).raw("</code></summary><div class=\"grid\">\n");
      offenders_html(p_, group, "paths", "paths");
      offenders_html(p_, group, "routes", "routes");
      offenders_html(p_, group, "clients", "clients");
      p_.raw("</div></details>\n");
    }
  }
  p_.raw("</section>\n");
}

}  // namespace

template <>
ReportSection section_of<TopOffendersCollector>() {
  return {"top", top_text, top_json, nullptr, nullptr, top_write_partial, top_read_partial, top_html};
}

}  // namespace statuslint
