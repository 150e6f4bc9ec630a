// Compare: is the candidate worse than the baseline? The stage after the summaries for
// `statuslint compare`: it takes two merged summaries (a scan of each side, or their partials)
// and judges, per request, every share and latency that can get worse, over all traffic and
// per route, code and rule, with the tests of statistics.hpp.
//
// A comparison fails only when it is significant after the false-discovery control over its
// family AND its effect is large enough to matter (--min-change, --min-ratio); it passes when
// its interval rules such an effect out; otherwise it is inconclusive, saying why (too few
// requests, or too few events ever to be significant). Low traffic is never failed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "statuslint/collect/summary.hpp"
#include "statuslint/compare/statistics.hpp"

namespace statuslint {

struct CompareOptions {
  double alpha = 0.05;              // the false-discovery level, and 1 - the intervals' confidence
  double min_change = 0.001;        // a share must rise by at least this much (0.1 percentage points)
  double min_ratio = 1.1;           // ... and by this factor; a latency quantile must grow by it
  double min_superiority = 0.56;    // Mann-Whitney: Vargha and Delaney's "small" effect
  std::uint64_t min_requests = 20;  // a scope with fewer on a side is never judged
};

enum class CompareVerdict : std::uint8_t { Pass, Fail, Inconclusive, Info };
std::string_view to_string(CompareVerdict v) noexcept;

// The families the false-discovery control runs in: one per kind of metric, across scopes.
enum class Family : std::uint8_t { ServerErrors, ClientErrors, Malformed, Findings, Latency, None };

struct MetricComparison {
  std::string scope_kind;  // "all", "route", "code", "rule"
  std::string scope;       // "all", "/users/{int}", "503", a rule id
  std::string metric;      // "5xx share", "4xx share", "share", "malformed share", "findings share",
                           // "p50", "p95", "p99", "latency distribution", "requests"
  bool share = true;       // baseline and candidate are shares (0..1), else milliseconds
  double baseline = 0, candidate = 0;
  std::uint64_t baseline_n = 0, candidate_n = 0;  // requests (timed requests for latency)
  std::uint64_t baseline_x = 0, candidate_x = 0;  // events, for shares
  // A share's difference (candidate - baseline), a quantile's ratio, Mann-Whitney's chance
  // that a candidate request is slower.
  double effect = 0;
  std::string effect_unit;            // "difference", "ratio", "probability"
  std::optional<stats::Interval> ci;  // of the effect, two-sided 1 - alpha
  std::optional<double> p_value;      // one-sided, before the false-discovery control
  std::optional<double> q_value;      // after it (weighted Benjamini-Hochberg over the family)
  std::string test;                   // which test gave p_value
  double needed = 0;                  // the smallest effect that would count (same unit as effect)
  // The minimum detectable effect: what this traffic finds 80% of the time at the level alpha
  // (before the false-discovery control). Shares and the whole distribution; not quantiles.
  std::optional<double> mde;
  double dispersion = 1;              // the variance factor the shares were widened by
  Family family = Family::None;
  bool prefiltered = false;  // could never be significant: left out of the control
  CompareVerdict verdict = CompareVerdict::Info;
  std::string why;
};

struct CompareResult {
  std::vector<MetricComparison> comparisons;  // worst first: fails, inconclusive, passes, then the rest
  CompareVerdict verdict = CompareVerdict::Inconclusive;
  std::string why;
  std::vector<std::string> notes;  // what could not be used (no trends, no routes, no times)
  CompareOptions options;
};

CompareResult compare_summaries(const ScanSummary& baseline, const ScanSummary& candidate,
                                const CompareOptions& options);

}  // namespace statuslint
