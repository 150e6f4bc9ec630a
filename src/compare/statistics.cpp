#include "statuslint/compare/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace statuslint::stats {

namespace {

constexpr double kSqrt2 = 1.4142135623730950488;

// log C(n, k) through lgamma: about 1e-6 relative for counts near 1e9, 1e-12 for small ones,
// which is what the first term of Fisher's sum needs (the rest come from exact ratios).
double log_choose(double n, double k) noexcept {
  return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}

}  // namespace

double normal_cdf(double z) noexcept { return 0.5 * std::erfc(-z / kSqrt2); }
double normal_upper(double z) noexcept { return 0.5 * std::erfc(z / kSqrt2); }

double normal_quantile(double p) noexcept {
  if (p <= 0) return -INFINITY;
  if (p >= 1) return INFINITY;
  // Acklam's rational approximation (relative error 1.15e-9), then one Halley step on erfc,
  // which takes it to double precision.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double low = 0.02425;
  double x;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

double chi_square_quantile(double q, double df) noexcept {
  const double z = normal_quantile(q);
  const double h = 2 / (9 * df);
  const double t = 1 - h + z * std::sqrt(h);
  return df * t * t * t;
}

Interval wilson(double x, double n, double alpha) noexcept {
  if (n <= 0) return {0, 1};
  const double z = normal_quantile(1 - alpha / 2);
  const double p = std::clamp(x / n, 0.0, 1.0);
  const double z2 = z * z;
  const double denom = 1 + z2 / n;
  const double center = (p + z2 / (2 * n)) / denom;
  const double half = z / denom * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

Interval newcombe(double x1, double n1, double x2, double n2, double alpha) noexcept {
  const double p1 = n1 > 0 ? x1 / n1 : 0;
  const double p2 = n2 > 0 ? x2 / n2 : 0;
  const Interval w1 = wilson(x1, n1, alpha);
  const Interval w2 = wilson(x2, n2, alpha);
  const double d = p2 - p1;
  const double below = std::sqrt((p2 - w2.lo) * (p2 - w2.lo) + (w1.hi - p1) * (w1.hi - p1));
  const double above = std::sqrt((w2.hi - p2) * (w2.hi - p2) + (p1 - w1.lo) * (p1 - w1.lo));
  return {d - below, d + above};
}

double fisher_upper(std::uint64_t x1, std::uint64_t n1, std::uint64_t x2, std::uint64_t n2) noexcept {
  const double big_n = static_cast<double>(n1 + n2);
  const double events = static_cast<double>(x1 + x2);
  const double draws = static_cast<double>(n2);
  const double top = std::min(events, draws);
  const double first = static_cast<double>(x2);
  if (first <= std::max(0.0, draws - (big_n - events))) return 1;  // every table is at least as extreme
  const double log_total = log_choose(big_n, draws);
  const auto term_at = [&](double k) {
    return std::exp(log_choose(events, k) + log_choose(big_n - events, draws - k) - log_total);
  };
  // Summed from the observed table away from the mode, each term from the last by the
  // hypergeometric ratio, so the terms only fall and the sum stops when they no longer count:
  // the upper tail itself when x2 is past the mode, else one minus the lower tail.
  const double mode = std::floor((draws + 1) * (events + 1) / (big_n + 2));
  if (first > mode) {
    double term = term_at(first), sum = 0;
    for (double k = first; k <= top; ++k) {
      sum += term;
      if (term < sum * 1e-17) break;
      term *= (events - k) * (draws - k) / ((k + 1) * (big_n - events - draws + k + 1));
    }
    return std::min(1.0, sum);
  }
  const double bottom = std::max(0.0, draws - (big_n - events));
  double term = term_at(first - 1), lower = 0;
  for (double k = first - 1; k >= bottom; --k) {
    lower += term;
    if (term < lower * 1e-17) break;
    term *= k * (big_n - events - draws + k) / ((events - k + 1) * (draws - k + 1));
  }
  return std::clamp(1.0 - lower, 0.0, 1.0);
}

double fisher_min_p(std::uint64_t events, std::uint64_t n1, std::uint64_t n2) noexcept {
  if (events == 0 || n2 == 0) return 1;
  const std::uint64_t most = std::min(events, n2);
  return fisher_upper(events - most, n1, most, n2);
}

double two_proportion_z(double x1, double n1, double x2, double n2) noexcept {
  if (n1 <= 0 || n2 <= 0) return 0;
  const double p = (x1 + x2) / (n1 + n2);
  const double se = std::sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se > 0 ? (x2 / n2 - x1 / n1) / se : 0;
}

MantelHaenszel mantel_haenszel(std::span<const Stratum> strata) noexcept {
  MantelHaenszel out;
  double excess = 0, var = 0, weights = 0, rd = 0, sato_p = 0, sato_q = 0;
  for (const Stratum& s : strata) {
    const double n = s.n1 + s.n2;
    if (s.n1 <= 0 || s.n2 <= 0 || n < 2) continue;  // a route one side never saw says nothing here
    const double m = s.x1 + s.x2;
    out.expected += s.n2 * m / n;
    excess += s.x2 - s.n2 * m / n;
    var += s.n1 * s.n2 * m * (n - m) / (n * n * (n - 1));
    weights += s.n1 * s.n2 / n;
    rd += (s.x2 * s.n1 - s.x1 * s.n2) / n;
    // Sato (1989), with the candidate as the exposed group.
    sato_p += (s.n2 * s.n2 * s.x1 - s.n1 * s.n1 * s.x2 + s.n2 * s.n1 * (s.n1 - s.n2) / 2) / (n * n);
    sato_q += (s.x2 * (s.n1 - s.x1) + s.x1 * (s.n2 - s.x2)) / (2 * n);
  }
  if (weights > 0) {
    out.risk_difference = rd / weights;
    out.variance = std::max(0.0, (out.risk_difference * sato_p + sato_q) / (weights * weights));
  }
  out.z = var > 0 ? excess / std::sqrt(var) : 0;
  return out;
}

MannWhitney mann_whitney(std::span<const Tied> values) noexcept {
  MannWhitney out;
  double below1 = 0, n1 = 0, n2 = 0, ties = 0;
  for (const Tied& v : values) {
    out.u += v.n2 * (below1 + v.n1 / 2);
    below1 += v.n1;
    n1 += v.n1;
    n2 += v.n2;
    const double t = v.n1 + v.n2;
    ties += t * t * t - t;
  }
  const double n = n1 + n2;
  if (n1 <= 0 || n2 <= 0 || n < 2) return out;
  out.superiority = out.u / (n1 * n2);
  out.sd = std::sqrt(std::max(0.0, n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))));
  out.z = out.sd > 0 ? (out.u - n1 * n2 / 2) / out.sd : 0;
  return out;
}

std::vector<double> benjamini_hochberg(std::span<const double> p, std::span<const double> w) {
  const size_t m = p.size();
  std::vector<double> q(m, 1.0);
  if (m == 0) return q;
  const double mean_w = std::accumulate(w.begin(), w.end(), 0.0) / static_cast<double>(m);
  std::vector<double> scaled(m);
  for (size_t i = 0; i < m; ++i) scaled[i] = mean_w > 0 && w[i] > 0 ? p[i] * mean_w / w[i] : 1.0;
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scaled[a] < scaled[b]; });
  double running = 1.0;
  for (size_t r = m; r-- > 0;) {
    const size_t i = order[r];
    running = std::min(running, scaled[i] * static_cast<double>(m) / static_cast<double>(r + 1));
    q[i] = std::min(1.0, running);
  }
  return q;
}

double dispersion(std::span<const BucketCount> buckets) noexcept {
  double events = 0, requests = 0;
  for (const BucketCount& b : buckets) {
    events += b.events;
    requests += b.requests;
  }
  if (requests <= 0) return 1;
  const double p = events / requests;
  if (p <= 0 || p >= 1) return 1;
  // Pearson's X² is a chi-square only when each cell expects a few events: neighbouring
  // buckets join until each expects at least kMinExpected (a last short group joins the one
  // before it), so that sparse errors over many minutes are not taken for clustering.
  constexpr double kMinExpected = 5;
  std::vector<BucketCount> groups;
  BucketCount open;
  for (const BucketCount& b : buckets) {
    open.events += b.events;
    open.requests += b.requests;
    if (open.requests * p >= kMinExpected && open.requests * (1 - p) >= kMinExpected) {
      groups.push_back(open);
      open = {};
    }
  }
  if (open.requests > 0) {
    if (groups.empty()) return 1;
    groups.back().events += open.events;
    groups.back().requests += open.requests;
  }
  if (groups.size() < 3) return 1;
  double x2 = 0;
  for (const BucketCount& g : groups) {
    const double e = g.requests * p;
    x2 += (g.events - e) * (g.events - e) / (e * (1 - p));
  }
  const double df = static_cast<double>(groups.size()) - 1;
  if (x2 <= chi_square_quantile(0.95, df)) return 1;
  return x2 / df;
}

}  // namespace statuslint::stats
