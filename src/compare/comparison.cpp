#include "statuslint/compare/comparison.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "statuslint/collect/latency.hpp"
#include "statuslint/collect/routes.hpp"
#include "statuslint/collect/trends.hpp"

namespace statuslint {

namespace {

using stats::Interval;

constexpr size_t kServer = static_cast<size_t>(StatusClass::ServerError);
constexpr size_t kClient = static_cast<size_t>(StatusClass::ClientError);
// Below this many events expected on a side, a share is tested exactly (Fisher), above it by
// the normal approximation, which is then within a few percent of the exact p-value.
constexpr double kExactBelow = 10;
constexpr std::uint64_t kMicrosPerMs = 1000;
constexpr double kPower = 0.8;  // of the minimum detectable effect

std::uint64_t rounded(double v) { return static_cast<std::uint64_t>(std::llround(std::max(0.0, v))); }

std::uint64_t status_total(const std::array<std::uint64_t, kStatusClassCount>& classes) {
  std::uint64_t n = 0;
  for (const std::uint64_t c : classes) n += c;
  return n;
}

// What one side offers: its totals, its trend buckets (for the dispersion) and its latency.
struct Side {
  const ScanSummary& summary;
  std::array<std::uint64_t, kStatusClassCount> classes;
  std::uint64_t requests;
  Trends trends;
  explicit Side(const ScanSummary& s)
      : summary(s), classes(s.total.by_class()), requests(status_total(classes)), trends(s.merged_trends()) {}

  double class_dispersion(size_t cls) const {
    std::vector<stats::BucketCount> b;
    for (const auto& [start, bucket] : trends.buckets) {
      b.push_back({static_cast<double>(bucket.classes[cls]), static_cast<double>(status_total(bucket.classes))});
    }
    return stats::dispersion(b);
  }
  double rule_dispersion(size_t rule) const {
    std::vector<stats::BucketCount> b;
    for (const auto& [start, bucket] : trends.buckets) {
      const double x = rule < bucket.findings.size() ? static_cast<double>(bucket.findings[rule]) : 0.0;
      b.push_back({x, static_cast<double>(status_total(bucket.classes))});
    }
    return stats::dispersion(b);
  }
};

// The share test of x1/n1 against x2/n2, the counts first divided by the dispersion factor
// (Rao and Scott's effective sample size): exact when few events are expected, else the
// pooled normal approximation. Fills p_value, ci, effect, needed and prefiltered.
void test_share(MetricComparison& c, double phi, const CompareOptions& o) {
  const double x1 = static_cast<double>(c.baseline_x), n1 = static_cast<double>(c.baseline_n);
  const double x2 = static_cast<double>(c.candidate_x), n2 = static_cast<double>(c.candidate_n);
  c.share = true;
  c.baseline = n1 > 0 ? x1 / n1 : 0;
  c.candidate = n2 > 0 ? x2 / n2 : 0;
  c.effect = c.candidate - c.baseline;
  c.effect_unit = "difference";
  c.needed = std::max(o.min_change, c.baseline * (o.min_ratio - 1));
  c.dispersion = phi;
  if (n1 <= 0 || n2 <= 0) return;
  const double e1 = x1 / phi, m1 = n1 / phi, e2 = x2 / phi, m2 = n2 / phi;
  c.ci = stats::newcombe(e1, m1, e2, m2, o.alpha);
  // The rise d with (z_alpha + z_power) sd(d) = d, the candidate's variance taken at p1 + d:
  // a fixed point, reached in a few steps from the effect that counts.
  const double zsum = stats::normal_quantile(1 - o.alpha) + stats::normal_quantile(kPower);
  const double p1 = e1 / m1;
  double d = std::max(c.needed, 1 / m2);
  for (int i = 0; i < 30; ++i) {
    const double p2 = std::min(1.0, p1 + d);
    d = zsum * std::sqrt(p1 * (1 - p1) / m1 + p2 * (1 - p2) / m2);
  }
  c.mde = d;
  const double pooled = (e1 + e2) / (m1 + m2);
  const std::uint64_t rx1 = rounded(e1), rn1 = std::max<std::uint64_t>(1, rounded(m1));
  const std::uint64_t rx2 = rounded(e2), rn2 = std::max<std::uint64_t>(1, rounded(m2));
  c.prefiltered = stats::fisher_min_p(rx1 + rx2, rn1, rn2) > o.alpha;
  if (std::min(m1, m2) * pooled < kExactBelow) {
    c.test = "Fisher exact";
    c.p_value = stats::fisher_upper(std::min(rx1, rn1), rn1, std::min(rx2, rn2), rn2);
  } else {
    c.test = "two-proportion z";
    c.p_value = stats::normal_upper(stats::two_proportion_z(e1, m1, e2, m2));
  }
  if (phi > 1) c.test += ", widened by the time buckets";
}

// A share over all traffic, stratified by route (Mantel-Haenszel) when there are routes on both
// sides and enough events, so that a shift of traffic towards a route that always failed more
// is not called a regression. `events(stats)` is what is counted of a route.
template <typename Events>
void test_overall_share(MetricComparison& c, const Side& base, const Side& cand,
                        const std::vector<ComparedRoute>& routes, Events events, double phi, const CompareOptions& o) {
  test_share(c, phi, o);
  if (routes.size() < 2 || c.baseline_n == 0 || c.candidate_n == 0) return;
  std::vector<stats::Stratum> strata;
  std::uint64_t x1 = 0, n1 = 0, x2 = 0, n2 = 0;
  for (const ComparedRoute& r : routes) {
    const std::uint64_t rn1 = status_total(r.baseline.classes), rn2 = status_total(r.candidate.classes);
    const std::uint64_t rx1 = std::min(events(r.baseline), rn1), rx2 = std::min(events(r.candidate), rn2);
    strata.push_back(
        {static_cast<double>(rx1), static_cast<double>(rn1), static_cast<double>(rx2), static_cast<double>(rn2)});
    x1 += rx1;
    n1 += rn1;
    x2 += rx2;
    n2 += rn2;
  }
  // Records no route holds (no path, past the routes' memory) are a stratum of their own.
  const auto rest = [](std::uint64_t all, std::uint64_t part) {
    return static_cast<double>(all > part ? all - part : 0);
  };
  strata.push_back({rest(c.baseline_x, x1), rest(base.requests, n1), rest(c.candidate_x, x2), rest(cand.requests, n2)});
  const stats::MantelHaenszel mh = stats::mantel_haenszel(strata);
  if (mh.expected / phi < kExactBelow) return;  // too few events to stratify: the crude test stands
  const double z = stats::normal_quantile(1 - o.alpha / 2);
  c.test = "Mantel-Haenszel, stratified by route";
  if (phi > 1) c.test += ", widened by the time buckets";
  c.p_value = stats::normal_upper(mh.z / std::sqrt(phi));
  c.effect = mh.risk_difference;
  const double half = z * std::sqrt(mh.variance * phi);
  c.ci = Interval{mh.risk_difference - half, mh.risk_difference + half};
  c.prefiltered = false;
}

// Two distributions on one set of keys: their values when both are exact, else the
// histogram's buckets (an exact value goes to its bucket), ascending.
std::vector<stats::Tied> tied(const Distribution& a, const Distribution& b) {
  const bool exact = a.exact() && b.exact();
  std::map<std::uint64_t, stats::Tied> keyed;
  const auto put = [&](const Distribution& d, bool first) {
    for (const Distribution::Entry& e : d.entries()) {
      const std::uint64_t key = exact || !d.exact() ? e.key : Distribution::bucket_of(e.key);
      stats::Tied& t = keyed[key];
      t.value = exact ? static_cast<double>(key) : Distribution::bucket_value(static_cast<size_t>(key));
      (first ? t.n1 : t.n2) += static_cast<double>(e.count);
    }
  };
  put(a, true);
  put(b, false);
  std::vector<stats::Tied> out;
  out.reserve(keyed.size());
  for (const auto& [key, t] : keyed) out.push_back(t);
  return out;
}

// A quantile's value for rank `rank` of `d` (1-based), in microseconds.
double at_rank(const Distribution& d, double rank) {
  const double n = static_cast<double>(d.count());
  return static_cast<double>(d.quantile(std::clamp(rank, 1.0, n) / n));
}

// Mood's test of a quantile: how many of each side lie above the pooled q-quantile, tested as
// shares. The ratio's interval is from each side's distribution-free order-statistic interval
// (each at 1 - alpha/2, so the pair holds at 1 - alpha).
void test_quantile(MetricComparison& c, double q, const Distribution& base, const Distribution& cand,
                   const CompareOptions& o) {
  const std::vector<stats::Tied> values = tied(base, cand);
  const double n1 = static_cast<double>(base.count()), n2 = static_cast<double>(cand.count());
  const double rank = std::ceil(q * (n1 + n2));
  double seen = 0, above1 = n1, above2 = n2;
  for (const stats::Tied& t : values) {
    seen += t.n1 + t.n2;
    above1 -= t.n1;
    above2 -= t.n2;
    if (seen >= rank) break;
  }
  MetricComparison share = c;
  share.baseline_x = rounded(above1);
  share.candidate_x = rounded(above2);
  test_share(share, 1, o);
  c.p_value = share.p_value;
  c.prefiltered = share.prefiltered;
  c.baseline_x = share.baseline_x;  // requests above the pooled quantile
  c.candidate_x = share.candidate_x;
  c.test = "Mood's quantile test (" + share.test + ")";
  c.share = false;
  c.baseline = static_cast<double>(base.quantile(q)) / kMicrosPerMs;
  c.candidate = static_cast<double>(cand.quantile(q)) / kMicrosPerMs;
  const double floor_ms = 1.0 / kMicrosPerMs;
  c.effect = std::max(c.candidate, floor_ms) / std::max(c.baseline, floor_ms);
  c.effect_unit = "ratio";
  c.needed = o.min_ratio;
  const double z = stats::normal_quantile(1 - o.alpha / 4);
  const auto bounds = [&](const Distribution& d) {
    const double n = static_cast<double>(d.count());
    const double spread = z * std::sqrt(n * q * (1 - q));
    return std::pair{std::max(at_rank(d, std::floor(n * q - spread)), 1.0),
                     std::max(at_rank(d, std::ceil(n * q + spread) + 1), 1.0)};
  };
  const auto [b_lo, b_hi] = bounds(base);
  const auto [c_lo, c_hi] = bounds(cand);
  c.ci = Interval{c_lo / b_hi, c_hi / b_lo};
}

void test_distribution(MetricComparison& c, const Distribution& base, const Distribution& cand,
                       const CompareOptions& o) {
  const std::vector<stats::Tied> values = tied(base, cand);
  const stats::MannWhitney mw = stats::mann_whitney(values);
  c.share = false;
  c.baseline = base.count() > 0 ? static_cast<double>(base.quantile(0.5)) / kMicrosPerMs : 0;
  c.candidate = cand.count() > 0 ? static_cast<double>(cand.quantile(0.5)) / kMicrosPerMs : 0;
  c.effect = mw.superiority;
  c.effect_unit = "probability";
  c.needed = o.min_superiority;
  c.test = base.exact() && cand.exact() ? "Mann-Whitney, ties corrected"
                                        : "Mann-Whitney over histogram buckets, ties corrected";
  c.p_value = stats::normal_upper(mw.z);
  const double nn = static_cast<double>(base.count()) * static_cast<double>(cand.count());
  const double half = nn > 0 ? stats::normal_quantile(1 - o.alpha / 2) * mw.sd / nn : 1;
  if (nn > 0) {
    c.mde = 0.5 + (stats::normal_quantile(1 - o.alpha) + stats::normal_quantile(kPower)) * mw.sd / nn;
  }
  c.ci = Interval{std::max(0.0, mw.superiority - half), std::min(1.0, mw.superiority + half)};
}

std::string points(double diff) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g pp", diff * 100);
  return buf;
}
std::string times(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3gx", ratio);
  return buf;
}
std::string effect_text(const MetricComparison& c, double v) {
  if (c.effect_unit == "difference") return points(v);
  if (c.effect_unit == "ratio") return times(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// The verdict of one judged comparison, after the false-discovery control.
void decide(MetricComparison& c, const CompareOptions& o) {
  if (c.family == Family::None) return;  // shown, not judged
  const std::uint64_t least = std::min(c.baseline_n, c.candidate_n);
  if (least < o.min_requests) {
    c.verdict = CompareVerdict::Inconclusive;
    c.why = "too few " + std::string(c.share ? "requests" : "timed requests") + " to judge (" +
            std::to_string(c.baseline_n) + " and " + std::to_string(c.candidate_n) + "; --min-requests " +
            std::to_string(o.min_requests) + ")";
    return;
  }
  const bool significant = c.q_value && *c.q_value <= o.alpha && !c.prefiltered;
  const bool matters = c.effect >= c.needed;
  if (significant && matters) {
    c.verdict = CompareVerdict::Fail;
    c.why = c.effect_unit == "probability"
                ? "slower: a candidate request is the slower one with chance " + effect_text(c, c.effect) +
                      " (at least " + effect_text(c, c.needed) + " counts)"
                : "worse: " + effect_text(c, c.effect) + " (at least " + effect_text(c, c.needed) + " counts)";
    return;
  }
  if (c.ci && c.ci->hi < c.needed) {
    c.verdict = CompareVerdict::Pass;
    c.why = "no worsening of " + effect_text(c, c.needed) + " or more (the interval ends at " +
            effect_text(c, c.ci->hi) + ")";
    return;
  }
  c.verdict = CompareVerdict::Inconclusive;
  if (c.prefiltered && c.effect_unit == "ratio") {
    c.why = "too few requests above the pooled " + c.metric + " ever to be significant (" +
            std::to_string(c.baseline_x + c.candidate_x) + ")";
  } else if (c.prefiltered) {
    c.why = c.baseline_x + c.candidate_x == 0
                ? std::string("none on either side, and too few requests to rule out a rise")
                : "too few events ever to be significant (" + std::to_string(c.baseline_x + c.candidate_x) + " in all)";
  } else if (significant) {
    c.why = "worse, but by less than counts (" + effect_text(c, c.effect) + "), and " + effect_text(c, c.needed) +
            " cannot be ruled out";
  } else {
    c.why = "a worsening of up to " + effect_text(c, c.ci ? c.ci->hi : 0) + " cannot be ruled out (" +
            effect_text(c, c.needed) + " would count";
    if (c.mde) c.why += "; this traffic detects about " + effect_text(c, *c.mde);
    c.why += ")";
  }
}

// The share of the false-discovery level each family gets (renormalised over the families
// that have a comparison to test): server errors are what a deploy gate is for, and a rise of
// 0.1% to 0.3% at 10,000 requests must still be found among a hundred other comparisons.
constexpr std::array<std::pair<Family, double>, 5> kFamilyShares = {{{Family::ServerErrors, 0.60},
                                                                     {Family::Latency, 0.15},
                                                                     {Family::ClientErrors, 0.10},
                                                                     {Family::Findings, 0.10},
                                                                     {Family::Malformed, 0.05}}};
// Within a family, the scope "all" gets this share of its weight (when it has other scopes).
constexpr double kOverallShare = 2.0 / 3;

// One weighted Benjamini-Hochberg over every judged comparison, so that under the null the
// chance that any fails is at most alpha. Each family gets its share of the weight; within
// it the scope "all" gets two thirds, so that a regression over all traffic is not diluted by
// a hundred quiet routes, and the routes, codes and rules share the rest.
void control_discoveries(std::vector<MetricComparison>& all, const CompareOptions& o) {
  struct Group {
    std::vector<size_t> overall, scoped;
  };
  std::array<Group, kFamilyShares.size()> groups;
  double present = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const MetricComparison& c = all[i];
    if (c.family == Family::None || !c.p_value || c.prefiltered) continue;
    if (std::min(c.baseline_n, c.candidate_n) < o.min_requests) continue;
    for (size_t f = 0; f < kFamilyShares.size(); ++f) {
      if (kFamilyShares[f].first != c.family) continue;
      (c.scope_kind == "all" ? groups[f].overall : groups[f].scoped).push_back(i);
    }
  }
  for (size_t f = 0; f < groups.size(); ++f) {
    if (!groups[f].overall.empty() || !groups[f].scoped.empty()) present += kFamilyShares[f].second;
  }
  std::vector<size_t> members;
  std::vector<double> p, w;
  for (size_t f = 0; f < groups.size(); ++f) {
    const Group& g = groups[f];
    const double share = kFamilyShares[f].second / present;
    const bool both = !g.overall.empty() && !g.scoped.empty();
    for (const std::vector<size_t>* part : {&g.overall, &g.scoped}) {
      const double part_share = !both ? 1.0 : (part == &g.overall ? kOverallShare : 1 - kOverallShare);
      for (const size_t i : *part) {
        members.push_back(i);
        p.push_back(*all[i].p_value);
        w.push_back(share * part_share / static_cast<double>(part->size()));
      }
    }
  }
  const std::vector<double> q = stats::benjamini_hochberg(p, w);
  for (size_t j = 0; j < members.size(); ++j) all[members[j]].q_value = q[j];
}

MetricComparison make(std::string kind, std::string scope, std::string metric, Family family) {
  MetricComparison c;
  c.scope_kind = std::move(kind);
  c.scope = std::move(scope);
  c.metric = std::move(metric);
  c.family = family;
  return c;
}

int verdict_rank(CompareVerdict v) {
  switch (v) {
    case CompareVerdict::Fail:
      return 0;
    case CompareVerdict::Inconclusive:
      return 1;
    case CompareVerdict::Pass:
      return 2;
    case CompareVerdict::Info:
      break;
  }
  return 3;
}

}  // namespace

std::string_view to_string(CompareVerdict v) noexcept {
  switch (v) {
    case CompareVerdict::Pass:
      return "pass";
    case CompareVerdict::Fail:
      return "fail";
    case CompareVerdict::Inconclusive:
      return "inconclusive";
    case CompareVerdict::Info:
      break;
  }
  return "info";
}

CompareResult compare_summaries(const ScanSummary& baseline, const ScanSummary& candidate,
                                const CompareOptions& options) {
  CompareResult result;
  result.options = options;
  const Side base(baseline), cand(candidate);
  std::vector<MetricComparison>& out = result.comparisons;

  const Routes& base_routes = baseline.states.get<RoutesCollector>();
  const Routes& cand_routes = candidate.states.get<RoutesCollector>();
  const std::vector<ComparedRoute> routes = compared_routes(base_routes, cand_routes);
  if (!base_routes.collected || !cand_routes.collected) {
    result.notes.push_back(
        "a side has no routes (a partial written without --latency or --top): "
        "nothing is compared per route, and the overall shares are not stratified");
  }
  if (base.trends.buckets.empty() || cand.trends.buckets.empty()) {
    result.notes.push_back(
        "a side has no time buckets (no times, or a partial written without --trends): "
        "shares are not widened for errors that cluster in time");
  }

  // Error shares over all traffic, then per code.
  std::array<double, kStatusClassCount> phi{};
  for (const size_t cls : {kServer, kClient}) {
    phi[cls] = std::max(base.class_dispersion(cls), cand.class_dispersion(cls));
    MetricComparison c = make("all", "all", cls == kServer ? "5xx share" : "4xx share",
                              cls == kServer ? Family::ServerErrors : Family::ClientErrors);
    c.baseline_x = base.classes[cls];
    c.baseline_n = base.requests;
    c.candidate_x = cand.classes[cls];
    c.candidate_n = cand.requests;
    test_overall_share(
        c, base, cand, routes, [cls](const RouteStats& r) { return r.classes[cls]; }, phi[cls], options);
    out.push_back(std::move(c));
  }
  std::set<int> codes;
  baseline.total.by_code.for_each([&](int code, std::uint64_t) { codes.insert(code); });
  candidate.total.by_code.for_each([&](int code, std::uint64_t) { codes.insert(code); });
  for (const int code : codes) {
    const size_t cls = static_cast<size_t>(class_of(code));
    const bool judged = cls == kServer || cls == kClient;
    const std::uint64_t x1 = baseline.total.by_code[static_cast<size_t>(code)];
    const std::uint64_t x2 = candidate.total.by_code[static_cast<size_t>(code)];
    if (!judged && x1 > 0 && x2 > 0) continue;  // a success or redirect share is not better or worse
    MetricComparison c = make("code", std::to_string(code), "share",
                              !judged ? Family::None : (cls == kServer ? Family::ServerErrors : Family::ClientErrors));
    c.baseline_x = x1;
    c.baseline_n = base.requests;
    c.candidate_x = x2;
    c.candidate_n = cand.requests;
    test_share(c, judged ? phi[cls] : 1, options);
    if (!judged) c.why = x1 == 0 ? "new status" : "no longer seen";
    out.push_back(std::move(c));
  }

  // Lines that were not records.
  {
    MetricComparison c = make("all", "all", "malformed share", Family::Malformed);
    c.baseline_x = baseline.total.malformed;
    c.baseline_n = baseline.total.lines;
    c.candidate_x = candidate.total.malformed;
    c.candidate_n = candidate.total.lines;
    test_share(c, 1, options);
    out.push_back(std::move(c));
  }

  // Each rule's findings per request.
  if (baseline.rules != nullptr) {
    const std::vector<Rule>& rules = baseline.rules->rules();
    for (size_t i = 0; i < rules.size(); ++i) {
      const std::uint64_t x1 = baseline.finding_count(i), x2 = candidate.finding_count(i);
      if (x1 == 0 && x2 == 0) continue;
      MetricComparison c = make("rule", rules[i].id, "findings share", Family::Findings);
      c.baseline_x = std::min(x1, base.requests);
      c.baseline_n = base.requests;
      c.candidate_x = std::min(x2, cand.requests);
      c.candidate_n = cand.requests;
      const auto findings = [i](const RouteStats& r) {
        for (const auto& [rule, n] : r.rules) {
          if (rule == i) return n;
        }
        return std::uint64_t{0};
      };
      test_overall_share(c, base, cand, routes, findings, std::max(base.rule_dispersion(i), cand.rule_dispersion(i)),
                         options);
      out.push_back(std::move(c));
    }
  }

  // Latency over all traffic.
  const Latency& base_latency = baseline.states.get<LatencyCollector>();
  const Latency& cand_latency = candidate.states.get<LatencyCollector>();
  const LatencyStats base_all = base_latency.overall(), cand_all = cand_latency.overall();
  const bool timed = !base_all.time.empty() && !cand_all.time.empty();
  if (!timed) {
    result.notes.push_back("a side has no request times: latency is not compared");
  } else {
    for (const auto& [q, name] : {std::pair{0.5, "p50"}, std::pair{0.95, "p95"}, std::pair{0.99, "p99"}}) {
      MetricComparison c = make("all", "all", name, Family::Latency);
      c.baseline_n = base_all.time.count();
      c.candidate_n = cand_all.time.count();
      test_quantile(c, q, base_all.time, cand_all.time, options);
      out.push_back(std::move(c));
    }
    MetricComparison c = make("all", "all", "latency distribution", Family::Latency);
    c.baseline_n = base_all.time.count();
    c.candidate_n = cand_all.time.count();
    test_distribution(c, base_all.time, cand_all.time, options);
    out.push_back(std::move(c));
  }

  // Per route: the error shares, p95 and the whole distribution; routes on one side only.
  // A side without routes would make every route of the other look new: none is compared.
  const std::vector<ComparedRoute> none;
  for (const ComparedRoute& r : base_routes.collected&& cand_routes.collected ? routes : none) {
    const std::uint64_t n1 = status_total(r.baseline.classes), n2 = status_total(r.candidate.classes);
    if (n1 == 0 || n2 == 0) {
      MetricComparison c = make("route", r.name, "requests", Family::None);
      c.baseline_n = base.requests;
      c.candidate_n = cand.requests;
      c.baseline_x = n1;
      c.candidate_x = n2;
      test_share(c, 1, options);
      c.ci.reset();
      c.p_value.reset();
      c.test.clear();
      c.why = n1 == 0 ? "new route" : "vanished";
      out.push_back(std::move(c));
      continue;
    }
    for (const size_t cls : {kServer, kClient}) {
      MetricComparison c = make("route", r.name, cls == kServer ? "5xx share" : "4xx share",
                                cls == kServer ? Family::ServerErrors : Family::ClientErrors);
      c.baseline_x = r.baseline.classes[cls];
      c.baseline_n = n1;
      c.candidate_x = r.candidate.classes[cls];
      c.candidate_n = n2;
      if (c.baseline_x + c.candidate_x == 0) continue;  // no errors on either side: nothing to say
      test_share(c, phi[cls], options);
      out.push_back(std::move(c));
    }
    if (timed && !r.baseline.time.empty() && !r.candidate.time.empty()) {
      MetricComparison p95 = make("route", r.name, "p95", Family::Latency);
      p95.baseline_n = r.baseline.time.count();
      p95.candidate_n = r.candidate.time.count();
      test_quantile(p95, 0.95, r.baseline.time, r.candidate.time, options);
      out.push_back(std::move(p95));
      MetricComparison d = make("route", r.name, "latency distribution", Family::Latency);
      d.baseline_n = r.baseline.time.count();
      d.candidate_n = r.candidate.time.count();
      test_distribution(d, r.baseline.time, r.candidate.time, options);
      out.push_back(std::move(d));
    }
  }

  control_discoveries(out, options);
  for (MetricComparison& c : out) decide(c, options);
  // Routes count classes, not codes, so a code's share cannot be stratified: it fails only
  // when its class, stratified, fails over all traffic too (else the rise may be the mix's).
  for (MetricComparison& c : out) {
    if (c.scope_kind != "code" || c.verdict != CompareVerdict::Fail) continue;
    const std::string_view cls = c.family == Family::ServerErrors ? "5xx share" : "4xx share";
    const bool class_failed = std::any_of(out.begin(), out.end(), [&](const MetricComparison& o) {
      return o.scope_kind == "all" && o.metric == cls && o.verdict == CompareVerdict::Fail;
    });
    if (!class_failed) {
      c.verdict = CompareVerdict::Inconclusive;
      c.why =
          "worse, but its class is not once traffic is stratified by route (codes are not counted per "
          "route, so the rise may be a change of traffic mix)";
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const MetricComparison& a, const MetricComparison& b) {
    if (verdict_rank(a.verdict) != verdict_rank(b.verdict)) return verdict_rank(a.verdict) < verdict_rank(b.verdict);
    const bool a_all = a.scope_kind == "all", b_all = b.scope_kind == "all";
    if (a_all != b_all) return a_all;
    const double pa = a.q_value.value_or(a.p_value.value_or(2)), pb = b.q_value.value_or(b.p_value.value_or(2));
    return pa < pb;
  });

  size_t failed = 0, judged = 0;
  const MetricComparison* first_inconclusive = nullptr;
  for (const MetricComparison& c : out) {
    if (c.verdict == CompareVerdict::Fail) ++failed;
    if (c.family != Family::None && c.scope_kind == "all") {
      ++judged;
      if (c.verdict == CompareVerdict::Inconclusive && first_inconclusive == nullptr) first_inconclusive = &c;
    }
  }
  if (failed > 0) {
    const MetricComparison& worst = out.front();
    result.verdict = CompareVerdict::Fail;
    result.why = std::to_string(failed) + (failed == 1 ? " comparison" : " comparisons") +
                 " failed; the worst: " + worst.metric + " of " +
                 (worst.scope_kind == "all" ? "all traffic" : worst.scope_kind + " " + worst.scope) + ", " + worst.why;
  } else if (judged == 0 || base.requests == 0 || cand.requests == 0) {
    result.verdict = CompareVerdict::Inconclusive;
    result.why = "nothing to compare: a side has no record with a status";
  } else if (first_inconclusive != nullptr) {
    result.verdict = CompareVerdict::Inconclusive;
    result.why = first_inconclusive->metric + " of all traffic: " + first_inconclusive->why;
  } else {
    result.verdict = CompareVerdict::Pass;
    result.why = "no comparison got worse by what counts, and every one over all traffic rules it out";
  }
  return result;
}

}  // namespace statuslint
