// The trends collector's part of the report: a table per bucket, the JSON "trends" member,
// and the buckets as collected in partial summaries.
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
  Table table({false, true, true, true, true, true, true, true, true, true});
  table.row({"START", "RECORDS", "1xx", "2xx", "3xx", "4xx", "5xx", "INVALID", "NO-RESP", "FINDINGS"});
  for (const auto& [start, b] : trends.buckets) {
    std::uint64_t findings = 0;
    for (std::uint64_t n : b.findings) findings += n;
    std::vector<std::string> row = {format_utc(start), std::to_string(b.records())};
    for (const StatusClass cls : kReportedClasses) row.push_back(std::to_string(b.classes[static_cast<size_t>(cls)]));
    row.push_back(std::to_string(b.no_response));
    row.push_back(std::to_string(findings));
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
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void trends_write_partial(JsonWriter& w, const ScanSummary& s) {
  const Trends& trends = s.trends();
  w.key("trends").begin_object();
  w.member("bucket_seconds", trends.bucket_seconds).member("undated", trends.undated);
  w.member("adaptive", trends.adaptive);
  w.key("buckets").begin_array();
  for (const auto& [start, b] : trends.buckets) {
    w.begin_array().value(start).begin_array();
    for (std::uint64_t n : b.classes) w.value(n);
    w.end_array().value(b.no_response).begin_array();
    for (size_t i = 0; i < b.findings.size(); ++i) {
      if (b.findings[i] > 0) w.begin_array().value(s.rules->rules()[i].id).value(b.findings[i]).end_array();
    }
    w.end_array().end_array();
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
  for (element x : arr(field(tr, "buckets"), "buckets")) {
    dom::array b = arr(x, "a bucket");
    if (b.size() != 4) throw PartialError("a bucket has four members");
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
  }
  TrendsCollector::merge(into.trends(), read, MergeContext{});
}

using html::array;
using html::count_of;
using html::text_of;
using html::array_of;
using html::flag_of;
using html::has;
using html::kClasses;
using html::kMaxChartBars;

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
  std::vector<Bar> bars;
  const size_t n = buckets.size();
  const size_t group = (n + kMaxChartBars - 1) / kMaxChartBars;
  size_t i = 0;
  for (element b : buckets) {
    if (i % group == 0) bars.push_back({text_of(b, "start")});
    const element classes = b["classes"];
    for (size_t k = 0; k < kClasses.size(); ++k) {
      const std::string key(kClasses[k]);
      const std::uint64_t v = count_of(classes, key.c_str());
      bars.back().n[k] += v;
      bars.back().total += v;
    }
    ++i;
  }
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
      .raw(" undated records. Hover a bar for its counts.</p>\n</section>\n");
}

}  // namespace

template <>
ReportSection section_of<TrendsCollector>() {
  return {"trends", trends_text, trends_json, nullptr, nullptr, trends_write_partial, trends_read_partial, trends_html};
}

}  // namespace statuslint
