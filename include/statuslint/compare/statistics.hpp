// The statistics of `statuslint compare`: tests of a share (errors of requests) and of a
// latency distribution between a baseline and a candidate, their intervals, and the control of
// false discoveries over many of them. Pure functions of counts, no state; each is checked
// against SciPy by tests/compare/check_statistics.py through statuslint_stats_probe.
//
// Every test is one-sided: the question is "is the candidate worse?" (a higher share, a slower
// time), and a p-value is the chance of a difference at least as bad as the one seen if both
// sides came from the same distribution. The formulas, and where they come from, are written
// out in docs/compare.md.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace statuslint::stats {

// The standard normal: Φ(z), 1 - Φ(z) (accurate far into the tail) and Φ⁻¹(p).
double normal_cdf(double z) noexcept;
double normal_upper(double z) noexcept;
double normal_quantile(double p) noexcept;
// The q-quantile of a chi-square with `df` degrees of freedom (Wilson-Hilferty; within 1% for
// df >= 3, which is all the dispersion test asks of it).
double chi_square_quantile(double q, double df) noexcept;

struct Interval {
  double lo = 0, hi = 0;
};

// Wilson's score interval for x of n at two-sided confidence 1 - alpha (x, n may be
// fractional: counts divided by a dispersion factor).
Interval wilson(double x, double n, double alpha) noexcept;
// Newcombe's hybrid score interval (his method 10) for p2 - p1, from the two Wilson intervals.
Interval newcombe(double x1, double n1, double x2, double n2, double alpha) noexcept;

// Fisher's exact test, one-sided: P(X >= x2) for X hypergeometric with the margins fixed
// (x1 + x2 events, n2 of n1 + n2 requests in the candidate). Exact for any counts.
double fisher_upper(std::uint64_t x1, std::uint64_t n1, std::uint64_t x2, std::uint64_t n2) noexcept;
// The smallest p-value fisher_upper can give with these margins (every event in the
// candidate): a comparison whose smallest is above the level can never be significant, and is
// left out of the false-discovery control (Tarone's prefilter).
double fisher_min_p(std::uint64_t events, std::uint64_t n1, std::uint64_t n2) noexcept;
// The pooled two-proportion z statistic of p2 - p1 (0 when it is undefined).
double two_proportion_z(double x1, double n1, double x2, double n2) noexcept;

// One stratum (a route) of a stratified comparison: events and requests per side.
struct Stratum {
  double x1 = 0, n1 = 0, x2 = 0, n2 = 0;
};
struct MantelHaenszel {
  double z = 0;                // the Cochran-Mantel-Haenszel statistic, signed (> 0: candidate worse)
  double risk_difference = 0;  // the Mantel-Haenszel weighted p2 - p1
  double variance = 0;         // Sato's variance of the risk difference
  double expected = 0;         // events expected in the candidate under the null
};
MantelHaenszel mantel_haenszel(std::span<const Stratum> strata) noexcept;

// Values with a count on each side, ascending by value and distinct: the merged entries of
// two histograms (a shared bucket is a tie).
struct Tied {
  double value = 0;
  double n1 = 0, n2 = 0;
};
struct MannWhitney {
  double u = 0;            // U of the candidate: pairs where it is slower, ties counting half
  double z = 0;            // (U - n1 n2 / 2) / sd, with the tie correction, no continuity correction
  double superiority = 0;  // U / (n1 n2): the chance a candidate request is slower than a baseline one
  double sd = 0;           // of U
};
MannWhitney mann_whitney(std::span<const Tied> values) noexcept;

// Weighted Benjamini-Hochberg (Genovese, Roeder and Wasserman 2006): the adjusted p-values
// (q-values) of `p` with weights `w` (positive, scaled here to average 1). A comparison is a
// discovery at level alpha when its q-value is at most alpha.
std::vector<double> benjamini_hochberg(std::span<const double> p, std::span<const double> w);

// Overdispersion from time buckets: Pearson's X² of the events across buckets with a common
// share, over its degrees of freedom. Buckets cluster when a bad minute carries many errors;
// a binomial test would then be too sure. Buckets in time order join until each expects 5
// events; returns 1 unless X² exceeds its 95% chi-square quantile (the groups are not
// homogeneous), and then X² / df, the quasi-binomial factor.
struct BucketCount {
  double events = 0, requests = 0;
};
double dispersion(std::span<const BucketCount> buckets) noexcept;

}  // namespace statuslint::stats
