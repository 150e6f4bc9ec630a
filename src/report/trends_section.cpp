// The trends collector's part of the report: a table per bucket, the JSON "trends" member,
// and the buckets as collected in partial summaries.
#include "distribution_json.hpp"
#include "html_page.hpp"
#include "partial_dom.hpp"
#include "report_sections.hpp"
#include "statuslint/record/timestamp.hpp"
#include "statuslint/report/escaping.hpp"
#include "text_table.hpp"

namespace statuslint {

using namespace statuslint::partial;
using simdjson::dom::element;
using simdjson::dom::object;
namespace dom = simdjson::dom;

namespace {

// --- trends: classes and findings per time bucket ----------------------------------------

void trends_text(std::string& out, const ScanSummary& s, const TextStyle&) {
  if (!s.show_trends) return;
  const Trends trends = s.merged_trends();
  out += "\nTrends (per ";
  out += bucket_name(trends.bucket_seconds);
  out += ", UTC";
  if (trends.undated > 0) {
    out += "; ";
    out += std::to_string(trends.undated);
    out += " records without a readable time";
  }
  out += ")\n";
  // With --latency, each bucket's p50, p95 and p99 (ms) beside its counts.
  std::vector<bool> right(trends.latency ? 13 : 10, true);
  right[0] = false;
  Table table(right);
  std::vector<std::string> head = {"START", "RECORDS", "1xx",     "2xx",     "3xx",
                                   "4xx",   "5xx",     "INVALID", "NO-RESP", "FINDINGS"};
  if (trends.latency) head.insert(head.end(), {"P50 MS", "P95 MS", "P99 MS"});
  table.row(std::move(head));
  for (const auto& [start, b] : trends.buckets) {
    std::uint64_t findings = 0;
    for (std::uint64_t n : b.findings) findings += n;
    std::vector<std::string> row = {format_utc(start), std::to_string(b.records())};
    for (const StatusClass cls : kReportedClasses) row.push_back(std::to_string(b.classes[static_cast<size_t>(cls)]));
    row.push_back(std::to_string(b.no_response));
    row.push_back(std::to_string(findings));
    if (trends.latency) {
      static constexpr double kShown[] = {0.50, 0.95, 0.99};
      const std::vector<std::uint64_t> values = b.time.quantiles(kShown);
      for (const std::uint64_t v : values) {
        std::string ms = "-";
        if (!b.time.empty()) {
          ms.clear();
          JsonWriter(ms).thousandths(v);
        }
        row.push_back(std::move(ms));
      }
    }
    table.row(std::move(row));
  }
  table.write(out);
}

void trends_json(JsonWriter& w, const ScanSummary& s) {
  if (!s.show_trends) return;
  const Trends trends = s.merged_trends();
  w.key("trends").begin_object();
  w.member("bucket", bucket_name(trends.bucket_seconds)).member("undated", trends.undated);
  w.key("buckets").begin_array();
  for (const auto& [start, b] : trends.buckets) {
    w.begin_object().member("start", format_utc(start)).member("records", b.records());
    w.key("classes").begin_object();
    for (const StatusClass cls : kReportedClasses) w.member(to_string(cls), b.classes[static_cast<size_t>(cls)]);
    w.member("no_response", b.no_response);
    w.end_object();
    w.key("findings").begin_object();
    for (size_t i = 0; i < b.findings.size(); ++i) {
      if (b.findings[i] > 0 && s.rules != nullptr) w.member(s.rules->rules()[i].id, b.findings[i]);
    }
    w.end_object();
    if (trends.latency) {
      w.key("latency");
      write_time_json(w, b.time, b.time_missing);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void trends_write_partial(JsonWriter& w, const ScanSummary& s) {
  const Trends& trends = s.trends();
  w.key("trends").begin_object();
  w.member("bucket_seconds", trends.bucket_seconds).member("undated", trends.undated);
  w.member("adaptive", trends.adaptive).member("latency", trends.latency);
  w.key("buckets").begin_array();
  for (const auto& [start, b] : trends.buckets) {
    w.begin_array().value(start).begin_array();
    for (std::uint64_t n : b.classes) w.value(n);
    w.end_array().value(b.no_response).begin_array();
    for (size_t i = 0; i < b.findings.size(); ++i) {
      if (b.findings[i] > 0) w.begin_array().value(s.rules->rules()[i].id).value(b.findings[i]).end_array();
    }
    w.end_array();
    if (trends.latency) {
      write_distribution(w, b.time);
      w.value(b.time_missing);
    }
    w.end_array();
  }
  w.end_array().end_object();
}

void trends_read_partial(object top, ScanSummary& into, std::uint32_t, const PartialRules& rules) {
  object tr = obj(field(top, "trends"), "trends");
  Trends read;
  read.bucket_seconds = i64(field(tr, "bucket_seconds"), "bucket_seconds");
  if (read.bucket_seconds <= 0) throw PartialError("bad bucket size");
  read.undated = u64(field(tr, "undated"), "undated");
  read.adaptive = boolean(field(tr, "adaptive"), "adaptive");
  read.latency = boolean(field(tr, "latency"), "latency");
  const size_t members = read.latency ? 6 : 4;
  for (element x : arr(field(tr, "buckets"), "buckets")) {
    dom::array b = arr(x, "a bucket");
    if (b.size() != members)
      throw PartialError(read.latency ? "a bucket has six members" : "a bucket has four members");
    TimeBucket& bucket = read.at(i64(b.at(0).value(), "start"));
    dom::array classes = arr(b.at(1).value(), "classes");
    if (classes.size() != kStatusClassCount) throw PartialError("a bucket has one count per class");
    size_t k = 0;
    for (element n : classes) bucket.classes[k++] = u64(n, "class count");
    bucket.no_response = u64(b.at(2).value(), "no_response");
    for (element rf : arr(b.at(3).value(), "bucket findings")) {
      dom::array p = arr(rf, "a rule count");
      const size_t index = rules.index(str(p.at(0).value(), "rule"));
      if (bucket.findings.size() < rules.count()) bucket.findings.resize(rules.count());
      bucket.findings[index] = u64(p.at(1).value(), "count");
    }
    if (read.latency) {
      bucket.time.merge(read_distribution(b.at(4).value()));
      bucket.time_missing += u64(b.at(5).value(), "time_missing");
    }
  }
  TrendsCollector::merge(into.trends(), read, MergeContext{});
}

using html::array;
using html::array_of;
using html::count_of;
using html::kClasses;
using html::kMaxChartBars;
using html::text_of;

// Where each bucket sits on the time axis: its index in whole buckets from the first, so that
// hours without a record show as empty space, not as neighbouring bars. The JSON report lists
// only buckets that hold records. A start that does not parse (or an unknown bucket size)
// falls back to the bucket's index, which is what the axis was before.
struct TimeAxis {
  std::vector<size_t> slot;  // per bucket
  size_t slots = 0;
};

TimeAxis time_axis(const array& buckets, std::string_view bucket) {
  TimeAxis axis;
  const auto seconds = parse_bucket(bucket);
  std::optional<std::int64_t> first;
  bool ok = seconds.has_value() && *seconds > 0;
  for (element b : buckets) {
    const auto t = parse_iso8601_time(text_of(b, "start"));
    if (!t || (first && *t < *first)) ok = false;
    if (!ok) break;
    if (!first) first = t;
    axis.slot.push_back(static_cast<size_t>((*t - *first) / *seconds));
  }
  if (!ok) {
    axis.slot.clear();
    for (size_t i = 0; i < buckets.size(); ++i) axis.slot.push_back(i);
  }
  axis.slots = axis.slot.empty() ? 0 : axis.slot.back() + 1;
  return axis;
}

// p50, p95 and p99 per bucket as lines, under the status chart and on its time axis (every
// bucket a point: lines need no grouping). A bucket without a timed record breaks the lines,
// so a gap shows as a gap, never as a slope between its neighbours.
void latency_over_time_html(html::Page& p, const array& buckets, const TimeAxis& axis) {
  struct Point {
    double p50 = 0, p95 = 0, p99 = 0;
    bool timed = false;
  };
  std::vector<Point> points;
  double peak = 0;
  std::string_view first, last;
  for (element b : buckets) {
    element l;
    if (b["latency"].get(l) != simdjson::SUCCESS) return;  // no --latency
    Point pt;
    pt.timed = count_of(l, "count") > 0;
    if (pt.timed) {
      if (l["p50"].get_double().get(pt.p50) != simdjson::SUCCESS) pt.p50 = 0;
      if (l["p95"].get_double().get(pt.p95) != simdjson::SUCCESS) pt.p95 = 0;
      if (l["p99"].get_double().get(pt.p99) != simdjson::SUCCESS) pt.p99 = 0;
      peak = std::max(peak, pt.p99);
    }
    if (first.empty()) first = text_of(b, "start");
    last = text_of(b, "start");
    points.push_back(pt);
  }
  p.raw("<h3>Latency over time (ms)</h3>\n");
  if (peak <= 0) {
    p.raw("<p class=\"muted\">No bucket has a record with a request time.</p>\n");
    return;
  }
  const double width = static_cast<double>(std::max<size_t>(std::min<size_t>(axis.slots, kMaxChartBars) * 8, 600));
  const double height = 160;
  const double step = width / static_cast<double>(axis.slots);
  char buf[200];
  std::snprintf(buf, sizeof buf, "<div class=\"chart\"><svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" ", width,
                height + 2);
  p.raw(buf).raw("aria-label=\"p50, p95 and p99 request time per time bucket\" preserveAspectRatio=\"none\">\n");
  struct Line {
    const char* name;
    const char* colour;
    double Point::*value;
  };
  const Line lines[] = {
      {"p50", "#4c78a8", &Point::p50}, {"p95", "#f58518", &Point::p95}, {"p99", "#e45756", &Point::p99}};
  for (const Line& line : lines) {
    std::string path;
    bool open = false;
    for (size_t i = 0; i < points.size(); ++i) {
      // A bucket without a timed record, or a stretch of time without records, breaks the line.
      if (!points[i].timed || (i > 0 && axis.slot[i] != axis.slot[i - 1] + 1)) open = false;
      if (!points[i].timed) continue;
      const double x = (static_cast<double>(axis.slot[i]) + 0.5) * step;
      const double y = height - height * (points[i].*line.value) / peak;
      std::snprintf(buf, sizeof buf, "%c%.2f %.2f ", open ? 'L' : 'M', x, y);
      path += buf;
      open = true;
    }
    p.raw("<path fill=\"none\" stroke-width=\"1.5\" vector-effect=\"non-scaling-stroke\" stroke=\"")
        .raw(line.colour)
        .raw("\" d=\"")
        .raw(path)
        .raw("\"><title>")
        .raw(line.name)
        .raw("</title></path>\n");
  }
  p.raw("</svg></div>\n<p class=\"legend\">");
  for (const Line& line : lines) {
    p.raw("<span><i style=\"background:").raw(line.colour).raw("\"></i>").raw(line.name).raw("</span>");
  }
  std::snprintf(buf, sizeof buf, "%.3f", peak);
  p.raw("</p>\n<p class=\"muted\">")
      .text(first)
      .raw(" to ")
      .text(last)
      .raw("; the top of the chart is the highest p99, ")
      .raw(buf)
      .raw(" ms; a break in the lines is a time without a timed record.</p>\n");
}

void trends_html(html::Page& p_, element doc_) {
  element t;
  if (doc_["trends"].get(t) != simdjson::SUCCESS || t.is_null()) return;
  const array buckets = array_of(t, "buckets");
  p_.raw("<section id=\"trends\"><h2>Status classes over time</h2>\n");
  if (buckets.size() == 0) {
    p_.raw("<p class=\"muted\">No dated records.</p></section>\n");
    return;
  }
  struct Bar {
    std::string_view start;
    std::array<std::uint64_t, kClasses.size()> n{};
    std::uint64_t total = 0;
  };
  const TimeAxis axis = time_axis(buckets, text_of(t, "bucket"));
  const size_t group = (axis.slots + kMaxChartBars - 1) / kMaxChartBars;
  std::vector<Bar> bars((axis.slots + group - 1) / group);
  size_t i = 0, empty = 0;
  for (element b : buckets) {
    Bar& bar = bars[axis.slot[i] / group];
    if (bar.start.empty()) bar.start = text_of(b, "start");
    element classes;
    if (b["classes"].get(classes) == simdjson::SUCCESS) {
      for (size_t k = 0; k < kClasses.size(); ++k) {
        const std::string key(kClasses[k]);
        const std::uint64_t v = count_of(classes, key.c_str());
        bar.n[k] += v;
        bar.total += v;
      }
    }
    ++i;
  }
  for (const Bar& b : bars) empty += b.total == 0 ? 1 : 0;
  std::uint64_t peak = 1;
  for (const Bar& b : bars) peak = std::max(peak, b.total);
  const double width = static_cast<double>(std::max<size_t>(bars.size() * 8, 600)), height = 220;
  const double bar_w = width / static_cast<double>(bars.size());
  char buf[160];
  std::snprintf(buf, sizeof buf, "<div class=\"chart\"><svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" ", width,
                height + 2);
  p_.raw(buf).raw("aria-label=\"records per status class per time bucket\" preserveAspectRatio=\"none\">\n");
  for (size_t b = 0; b < bars.size(); ++b) {
    double y = height;
    for (size_t k = 0; k < kClasses.size(); ++k) {
      if (bars[b].n[k] == 0) continue;
      const double h = height * static_cast<double>(bars[b].n[k]) / static_cast<double>(peak);
      y -= h;
      std::snprintf(buf, sizeof buf, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"var(--c",
                    static_cast<double>(b) * bar_w, y, std::max(bar_w - 0.5, 0.5), h);
      p_.raw(buf).raw(kClasses[k]).raw(")\"><title>").text(bars[b].start).raw(" ").raw(kClasses[k]).raw(": ");
      p_.number(bars[b].n[k]).raw(" of ").number(bars[b].total).raw("</title></rect>\n");
    }
  }
  p_.raw("</svg></div>\n<p class=\"legend\">");
  for (const std::string_view c : kClasses)
    p_.raw("<span><i style=\"background:var(--c").raw(c).raw(")\"></i>").raw(c).raw("</span>");
  p_.raw("</p>\n<p class=\"muted\">")
      .text(bars.front().start)
      .raw(" to ")
      .text(bars.back().start)
      .raw("; bucket ")
      .text(text_of(t, "bucket"))
      .raw(group > 1 ? " (" + std::to_string(group) + " buckets per bar)" : "")
      .raw("; peak ")
      .number(peak)
      .raw(" records per bar; ")
      .number(count_of(t, "undated"))
      .raw(" undated records")
      .raw(empty > 0
               ? "; " + std::to_string(empty) + (empty == 1 ? " bucket" : " buckets") + " without records, left empty"
               : "")
      .raw(". Hover a bar for its counts.</p>\n");
  latency_over_time_html(p_, buckets, axis);
  p_.raw("</section>\n");
}

}  // namespace

template <>
ReportSection section_of<TrendsCollector>() {
  return {"trends", trends_text, trends_json, nullptr, nullptr, trends_write_partial, trends_read_partial, trends_html};
}

}  // namespace statuslint
