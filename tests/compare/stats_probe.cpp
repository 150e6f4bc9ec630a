// Reads one case per line on stdin and prints what compare/statistics.hpp computes for it, so
// that tests/compare/check_statistics.py can hold every test statistic to SciPy's.
//
//   fisher X1 N1 X2 N2            -> p
//   fishermin K N1 N2             -> p
//   z X1 N1 X2 N2                 -> z
//   wilson X N ALPHA              -> lo hi
//   newcombe X1 N1 X2 N2 ALPHA    -> lo hi
//   ppf P                         -> x
//   chi2 Q DF                     -> x
//   mh K (X1 N1 X2 N2)*K          -> z rd variance
//   mw K (VALUE N1 N2)*K          -> u z p
//   bh K (P W)*K                  -> q*K
//   disp K (EVENTS REQUESTS)*K    -> phi
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "statuslint/compare/statistics.hpp"

using namespace statuslint::stats;

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string op;
    in >> op;
    if (op == "fisher") {
      std::uint64_t x1, n1, x2, n2;
      in >> x1 >> n1 >> x2 >> n2;
      std::printf("%.17g\n", fisher_upper(x1, n1, x2, n2));
    } else if (op == "fishermin") {
      std::uint64_t k, n1, n2;
      in >> k >> n1 >> n2;
      std::printf("%.17g\n", fisher_min_p(k, n1, n2));
    } else if (op == "z") {
      double x1, n1, x2, n2;
      in >> x1 >> n1 >> x2 >> n2;
      std::printf("%.17g\n", two_proportion_z(x1, n1, x2, n2));
    } else if (op == "wilson") {
      double x, n, a;
      in >> x >> n >> a;
      const Interval i = wilson(x, n, a);
      std::printf("%.17g %.17g\n", i.lo, i.hi);
    } else if (op == "newcombe") {
      double x1, n1, x2, n2, a;
      in >> x1 >> n1 >> x2 >> n2 >> a;
      const Interval i = newcombe(x1, n1, x2, n2, a);
      std::printf("%.17g %.17g\n", i.lo, i.hi);
    } else if (op == "ppf") {
      double p;
      in >> p;
      std::printf("%.17g\n", normal_quantile(p));
    } else if (op == "chi2") {
      double q, df;
      in >> q >> df;
      std::printf("%.17g\n", chi_square_quantile(q, df));
    } else if (op == "mh") {
      size_t k;
      in >> k;
      std::vector<Stratum> s(k);
      for (Stratum& t : s) in >> t.x1 >> t.n1 >> t.x2 >> t.n2;
      const MantelHaenszel m = mantel_haenszel(s);
      std::printf("%.17g %.17g %.17g\n", m.z, m.risk_difference, m.variance);
    } else if (op == "mw") {
      size_t k;
      in >> k;
      std::vector<Tied> v(k);
      for (Tied& t : v) in >> t.value >> t.n1 >> t.n2;
      const MannWhitney m = mann_whitney(v);
      std::printf("%.17g %.17g %.17g\n", m.u, m.z, normal_upper(m.z));
    } else if (op == "bh") {
      size_t k;
      in >> k;
      std::vector<double> p(k), w(k);
      for (size_t i = 0; i < k; ++i) in >> p[i] >> w[i];
      const std::vector<double> q = benjamini_hochberg(p, w);
      for (size_t i = 0; i < k; ++i) std::printf(i + 1 < k ? "%.17g " : "%.17g\n", q[i]);
    } else if (op == "disp") {
      size_t k;
      in >> k;
      std::vector<BucketCount> b(k);
      for (BucketCount& c : b) in >> c.events >> c.requests;
      std::printf("%.17g\n", dispersion(b));
    } else {
      std::cerr << "stats_probe: unknown case '" << op << "'\n";
      return 2;
    }
  }
  return 0;
}
