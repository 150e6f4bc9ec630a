#!/usr/bin/python3
"""Holds compare/statistics.hpp to SciPy: every test statistic on random cases (fixed seed),
through statuslint_stats_probe. SciPy is a test dependency only (Debian's python3-scipy).

Usage: check_statistics.py STATS_PROBE
"""
import math
import random
import subprocess
import sys

import warnings

import numpy as np
from scipy import stats


def probe(binary, lines):
    out = subprocess.run([binary], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    return [list(map(float, l.split())) for l in out.stdout.splitlines()]


failures = []


def close(what, got, want, rel=1e-9, abs_=1e-12):
    if not (abs(got - want) <= max(abs_, rel * abs(want))):
        failures.append("%s: got %.17g, SciPy %.17g" % (what, got, want))


def main():
    binary = sys.argv[1]
    warnings.simplefilter("ignore", RuntimeWarning)  # SciPy's hypergeometric skewness at n = 1
    rng = random.Random(20261203)
    checked = 0

    # Fisher's exact test, one-sided (candidate's share greater), small and large counts.
    cases = []
    for _ in range(400):
        n1, n2 = rng.choice([5, 20, 60, 500, 10_000, 200_000]), rng.choice([5, 20, 60, 500, 10_000, 200_000])
        p = rng.choice([0, 0.001, 0.01, 0.05, 0.3, 0.9])
        x1 = min(n1, np.random.default_rng(rng.getrandbits(32)).binomial(n1, p))
        x2 = min(n2, np.random.default_rng(rng.getrandbits(32)).binomial(n2, min(1.0, p * rng.choice([1, 1.5, 3]))))
        cases.append((x1, n1, x2, n2))
    got = probe(binary, ["fisher %d %d %d %d" % c for c in cases])
    for (x1, n1, x2, n2), (p,) in zip(cases, got):
        want = stats.fisher_exact([[x2, n2 - x2], [x1, n1 - x1]], alternative="greater")[1]
        close("fisher %s" % ((x1, n1, x2, n2),), p, want, rel=1e-7, abs_=1e-14)
        checked += 1
    # Its smallest attainable p-value: every event in the candidate.
    mins = [(k, n1, n2) for k, n1, n2 in [(1, 60, 60), (3, 1000, 1000), (5, 10, 10), (40, 10000, 10000), (2, 5, 100)]]
    for (k, n1, n2), (p,) in zip(mins, probe(binary, ["fishermin %d %d %d" % c for c in mins])):
        top = min(k, n2)
        want = stats.fisher_exact([[top, n2 - top], [k - top, n1 - (k - top)]], alternative="greater")[1]
        close("fishermin %s" % ((k, n1, n2),), p, want, rel=1e-9)
        checked += 1

    # The pooled two-proportion z.
    zc = [(rng.randint(0, 50), 1000, rng.randint(0, 80), 1200) for _ in range(50)]
    for (x1, n1, x2, n2), (z,) in zip(zc, probe(binary, ["z %d %d %d %d" % c for c in zc])):
        p = (x1 + x2) / (n1 + n2)
        se = math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
        want = (x2 / n2 - x1 / n1) / se if se > 0 else 0
        # Its p-value by SciPy's normal: z is what the tool turns into one.
        close("z %s" % ((x1, n1, x2, n2),), stats.norm.sf(z), stats.norm.sf(want), rel=1e-9)
        checked += 1

    # Wilson's interval, against SciPy's binomtest.
    wc = [(rng.randint(0, n), n, a) for n in (1, 7, 60, 1000, 50_000) for a in (0.05, 0.1, 0.01) for _ in range(4)]
    for (x, n, a), (lo, hi) in zip(wc, probe(binary, ["wilson %d %d %g" % c for c in wc])):
        ci = stats.binomtest(x, n).proportion_ci(confidence_level=1 - a, method="wilson")
        close("wilson lo %s" % ((x, n, a),), lo, ci.low, rel=1e-8)
        close("wilson hi %s" % ((x, n, a),), hi, ci.high, rel=1e-8)
        checked += 2

    # Newcombe's hybrid score interval, from SciPy's Wilson intervals (Newcombe 1998, method 10).
    nc = [(rng.randint(0, 30), 1000, rng.randint(0, 60), 900, 0.05) for _ in range(40)]
    for (x1, n1, x2, n2, a), (lo, hi) in zip(nc, probe(binary, ["newcombe %d %d %d %d %g" % c for c in nc])):
        w1 = stats.binomtest(x1, n1).proportion_ci(confidence_level=1 - a, method="wilson")
        w2 = stats.binomtest(x2, n2).proportion_ci(confidence_level=1 - a, method="wilson")
        p1, p2 = x1 / n1, x2 / n2
        close("newcombe lo", lo, p2 - p1 - math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2), rel=1e-8)
        close("newcombe hi", hi, p2 - p1 + math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2), rel=1e-8)
        checked += 2

    # The normal quantile and the chi-square quantile (Wilson-Hilferty: within 1% for df >= 3).
    ps = [1e-12, 1e-6, 0.001, 0.0125, 0.025, 0.05, 0.3, 0.5, 0.8, 0.975, 0.999999]
    for p, (x,) in zip(ps, probe(binary, ["ppf %.17g" % p for p in ps])):
        close("ppf %g" % p, x, stats.norm.ppf(p), rel=1e-9)
        checked += 1
    cq = [(0.95, df) for df in (3, 5, 10, 59, 200, 1000)]
    for (q, df), (x,) in zip(cq, probe(binary, ["chi2 %g %d" % c for c in cq])):
        close("chi2 %s" % ((q, df),), x, stats.chi2.ppf(q, df), rel=0.01)
        checked += 1

    # Cochran-Mantel-Haenszel: each stratum's mean and variance from SciPy's hypergeometric.
    for _ in range(40):
        k = rng.randint(1, 8)
        strata = []
        for _ in range(k):
            n1, n2 = rng.randint(20, 3000), rng.randint(20, 3000)
            p = rng.choice([0.002, 0.02, 0.1])
            strata.append((np.random.default_rng(rng.getrandbits(32)).binomial(n1, p), n1,
                           np.random.default_rng(rng.getrandbits(32)).binomial(n2, p * rng.choice([1, 2])), n2))
        (z, rd, var), = probe(binary, ["mh %d %s" % (k, " ".join("%d %d %d %d" % s for s in strata))])
        excess, v, wsum, rdsum, simple = 0.0, 0.0, 0.0, 0.0, 0.0
        for x1, n1, x2, n2 in strata:
            h = stats.hypergeom(n1 + n2, x1 + x2, n2)
            excess += x2 - h.mean()
            v += h.var()
            w = n1 * n2 / (n1 + n2)
            wsum += w
            rdsum += w * (x2 / n2 - x1 / n1)
            simple += w * w * ((x1 / n1) * (1 - x1 / n1) / n1 + (x2 / n2) * (1 - x2 / n2) / n2)
        close("mh z", z, excess / math.sqrt(v) if v > 0 else 0, rel=1e-7, abs_=1e-9)
        close("mh rd", rd, rdsum / wsum, rel=1e-9)
        if k == 1:  # one stratum: Sato's variance is the unpooled variance of p2 - p1
            close("mh sato, one stratum", var, simple / wsum ** 2, rel=1e-9)
        else:  # large strata: close to the weighted unpooled variance
            close("mh sato, large strata", var, simple / wsum ** 2, rel=0.25)
        checked += 3

    # Mann-Whitney with ties: SciPy on the expanded samples, asymptotic, no continuity correction.
    for _ in range(30):
        k = rng.randint(2, 30)
        values = sorted(rng.sample(range(1, 5000), k))
        rows = [(v, rng.randint(0, 40), rng.randint(0, 40)) for v in values]
        if sum(r[1] for r in rows) == 0 or sum(r[2] for r in rows) == 0:
            continue
        (u, z, p), = probe(binary, ["mw %d %s" % (k, " ".join("%d %d %d" % r for r in rows))])
        base = np.repeat([r[0] for r in rows], [r[1] for r in rows])
        cand = np.repeat([r[0] for r in rows], [r[2] for r in rows])
        res = stats.mannwhitneyu(cand, base, alternative="greater", method="asymptotic", use_continuity=False)
        close("mw u", u, res.statistic, rel=1e-12)
        close("mw p", p, res.pvalue, rel=1e-7, abs_=1e-15)
        checked += 2

    # Weighted Benjamini-Hochberg: {q <= alpha} is the step-up rejection set at every alpha.
    for _ in range(40):
        m = rng.randint(1, 40)
        p = [rng.random() ** rng.choice([1, 3, 8]) for _ in range(m)]
        w = [rng.choice([0.5, 1, 2, 6]) for _ in range(m)]
        q, = probe(binary, ["bh %d %s" % (m, " ".join("%.17g %.17g" % pw for pw in zip(p, w)))])
        mean_w = sum(w) / m
        scaled = [pi * mean_w / wi for pi, wi in zip(p, w)]
        order = sorted(range(m), key=lambda i: scaled[i])
        for alpha in (0.001, 0.01, 0.05, 0.1, 0.25):
            k = max([r + 1 for r in range(m) if scaled[order[r]] <= (r + 1) * alpha / m], default=0)
            want = set(order[:k])
            got = {i for i in range(m) if q[i] <= alpha * (1 + 1e-12)}
            if got != want:
                failures.append("bh at %g: rejected %s, step-up rejects %s" % (alpha, sorted(got), sorted(want)))
            checked += 1

    # Dispersion: homogeneous buckets give 1; clustered ones X²/df of the grouped buckets.
    for clustered in (False, True):
        for _ in range(20):
            gen = np.random.default_rng(rng.getrandbits(32))
            n = gen.integers(100, 400, size=60)
            rate = np.where(gen.random(60) < 0.1, 0.05, 0.002) if clustered else np.full(60, 0.01)
            x = gen.binomial(n, rate)
            (phi,), = probe(binary, ["disp 60 %s" % " ".join("%d %d" % c for c in zip(x, n))])
            p = x.sum() / n.sum()
            groups, ev, rq = [], 0, 0
            for xi, ni in zip(x, n):
                ev, rq = ev + xi, rq + ni
                if rq * p >= 5 and rq * (1 - p) >= 5:
                    groups.append((ev, rq))
                    ev, rq = 0, 0
            if rq > 0:
                groups[-1] = (groups[-1][0] + ev, groups[-1][1] + rq)
            x2 = sum((e - r * p) ** 2 / (r * p * (1 - p)) for e, r in groups)
            df = len(groups) - 1
            if x2 > stats.chi2.ppf(0.96, df):
                close("dispersion", phi, x2 / df, rel=1e-9)
            elif x2 < stats.chi2.ppf(0.94, df):
                close("dispersion (homogeneous)", phi, 1.0)
            checked += 1

    for f in failures[:30]:
        print("MISMATCH " + f)
    print("%d checks against SciPy %s, %d mismatches" % (checked, __import__("scipy").__version__, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
