#include "statuslint/report/openmetrics_report.hpp"

#include <array>
#include <cstdio>
#include <string_view>

#include "statuslint/collect/latency.hpp"
#include "statuslint/report/escaping.hpp"

namespace statuslint {
namespace {

// Prometheus' own default buckets for durations, stretched to a minute for slow backends;
// powers of ten for sizes. Fixed, so that two nights' files can be compared bucket by bucket.
constexpr std::array<double, 15> kSecondBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                   0.5,   1,      2.5,   5,    10,    30,   60};
constexpr std::array<double, 8> kByteBuckets = {100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

class Metrics {
 public:
  explicit Metrics(std::string& out) : out_(out) {}

  // The family's HELP and TYPE lines; every sample of a family follows them at once.
  void family(std::string_view name, std::string_view type, std::string_view help) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    out_ += help;
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type;
    out_ += '\n';
  }

  // One sample: name{labels} value. `labels` is pairs of name and (unescaped) value.
  void sample(std::string_view name, std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
              const std::string& value) {
    out_ += name;
    if (labels.size() > 0) {
      out_ += '{';
      bool first = true;
      for (const auto& [key, v] : labels) {
        if (!first) out_ += ',';
        first = false;
        out_ += key;
        out_ += "=\"";
        append_label_value_escaped(out_, v);
        out_ += '"';
      }
      out_ += '}';
    }
    out_ += ' ';
    out_ += value;
    out_ += '\n';
  }

  // A histogram of `d` (values in `unit_divisor`ths of the base unit) over `bounds`, labelled
  // by class. Folded distributions count each bucket at its representative value (< 1% off).
  template <size_t N>
  void histogram(std::string_view name, std::string_view cls, const Distribution& d,
                 const std::array<double, N>& bounds, double unit_divisor) {
    std::array<std::uint64_t, N> below{};
    for (const Distribution::Entry& e : d.entries()) {
      const double v = (d.exact() ? static_cast<double>(e.key) : Distribution::bucket_value(e.key)) / unit_divisor;
      for (size_t i = 0; i < N; ++i) {
        if (v <= bounds[i]) below[i] += e.count;
      }
    }
    const std::string bucket = std::string(name) + "_bucket";
    for (size_t i = 0; i < N; ++i)
      sample(bucket, {{"class", cls}, {"le", number(bounds[i])}}, std::to_string(below[i]));
    sample(bucket, {{"class", cls}, {"le", "+Inf"}}, std::to_string(d.count()));
    sample(std::string(name) + "_sum", {{"class", cls}}, number(static_cast<double>(d.sum()) / unit_divisor));
    sample(std::string(name) + "_count", {{"class", cls}}, std::to_string(d.count()));
  }

 private:
  std::string& out_;
};

}  // namespace

void write_summary_openmetrics(std::string& out, const ScanSummary& s) {
  Metrics m(out);
  m.family("statuslint_inputs", "gauge", "Inputs the report read.");
  m.sample("statuslint_inputs", {}, std::to_string(s.inputs.size()));
  m.family("statuslint_input_errors", "gauge", "Inputs that could not be read to the end (1 each), by input.");
  for (const InputSummary& in : s.inputs) {
    m.sample("statuslint_input_errors", {{"input", in.name}}, in.error.empty() ? "0" : "1");
  }
  m.family("statuslint_lines", "gauge", "Lines read, by what each was: record, malformed, blank, other or filtered.");
  const Counts& t = s.total;
  for (const auto& [outcome, n] :
       std::initializer_list<std::pair<std::string_view, std::uint64_t>>{{"record", t.records},
                                                                         {"malformed", t.malformed},
                                                                         {"blank", t.blank},
                                                                         {"other", t.other},
                                                                         {"filtered", t.filtered}}) {
    m.sample("statuslint_lines", {{"outcome", outcome}}, std::to_string(n));
  }
  m.family("statuslint_records", "gauge", "Records by status class.");
  const auto classes = t.by_class();
  for (const StatusClass cls : kReportedClasses) {
    m.sample("statuslint_records", {{"class", to_string(cls)}}, std::to_string(classes[static_cast<size_t>(cls)]));
  }
  m.sample("statuslint_records", {{"class", "no_response"}}, std::to_string(t.no_response));
  m.family("statuslint_status_records", "gauge", "Records by three-digit status code.");
  t.by_code.for_each([&](int code, std::uint64_t n) {
    char c[16];
    std::snprintf(c, sizeof c, "%03d", code);
    m.sample("statuslint_status_records", {{"code", c}}, std::to_string(n));
  });
  if (s.rules != nullptr) {
    const auto& rules = s.rules->rules();
    m.family("statuslint_findings", "gauge", "Findings per active rule (0: it looked and found nothing).");
    for (size_t i = 0; i < rules.size(); ++i) {
      if (!s.rules->active(i)) continue;
      m.sample("statuslint_findings", {{"rule", rules[i].id}, {"severity", to_string(rules[i].severity)}},
               std::to_string(s.finding_count(i)));
    }
    m.family("statuslint_not_evaluated_records", "gauge", "Records an active rule could not look at, per rule.");
    for (size_t i = 0; i < rules.size(); ++i) {
      if (!s.rules->active(i) || s.not_evaluated_count(i) == 0) continue;
      m.sample("statuslint_not_evaluated_records", {{"rule", rules[i].id}}, std::to_string(s.not_evaluated_count(i)));
    }
  }
  if (!s.budgets.empty()) {
    m.family("statuslint_budget_exceeded", "gauge", "1 when the budget was exceeded (or could not be judged), else 0.");
    for (const BudgetResult& b : s.budgets) {
      m.sample("statuslint_budget_exceeded", {{"budget", b.budget.text}, {"kind", budget_kind_name(b.budget.kind)}},
               b.breached ? "1" : "0");
    }
    m.family("statuslint_budget_measured", "gauge",
             "What the budget measured: percent (max_rate), findings (max_count) or seconds (max_latency).");
    for (const BudgetResult& b : s.budgets) {
      if (b.inconclusive) continue;
      const double v = b.budget.kind == Budget::Kind::MaxLatency ? b.measured / 1e6 : b.measured;
      m.sample("statuslint_budget_measured", {{"budget", b.budget.text}, {"kind", budget_kind_name(b.budget.kind)}},
               number(v));
    }
  }
  const Latency& latency = s.states.get<LatencyCollector>();
  if (!latency.collected && !latency.sizes_collected) return;
  // Per class, from the per-code distributions (codes merge in code order, as everywhere).
  std::array<LatencyStats, kStatusClassCount + 1> by_class;  // the last: no response
  for (const Latency::Code* c : latency.sorted_codes()) {
    by_class[c->code == kNoResponseCode ? kStatusClassCount : static_cast<size_t>(class_of(c->code))].merge(c->stats);
  }
  const auto each_class = [&](auto&& f) {
    for (const StatusClass cls : kReportedClasses) f(to_string(cls), by_class[static_cast<size_t>(cls)]);
    f("no_response", by_class[kStatusClassCount]);
  };
  if (latency.collected) {
    m.family("statuslint_request_duration_seconds", "histogram",
             "Request times of the records that have one, by class.");
    each_class([&](std::string_view cls, const LatencyStats& st) {
      m.histogram("statuslint_request_duration_seconds", cls, st.time, kSecondBuckets, 1e6);
    });
    m.family("statuslint_request_duration_missing_records", "gauge", "Records without a request time, by class.");
    each_class([&](std::string_view cls, const LatencyStats& st) {
      m.sample("statuslint_request_duration_missing_records", {{"class", cls}}, std::to_string(st.time_missing));
    });
  }
  if (!latency.sizes_collected) return;
  m.family("statuslint_response_size_bytes", "histogram",
           "Response body sizes of the records that have one, by class.");
  each_class([&](std::string_view cls, const LatencyStats& st) {
    m.histogram("statuslint_response_size_bytes", cls, st.size, kByteBuckets, 1);
  });
}

}  // namespace statuslint
