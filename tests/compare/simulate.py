#!/usr/bin/env python3
"""Simulation tests of `statuslint compare`, with fixed seeds.

Logs are generated from real-shaped traffic: 20 API and static routes of Zipf-skewed
popularity, each filled with values of its kind (integers, UUIDs, hashes, user names), a
route-specific median latency with a log-normal spread, 404s on lookups, and requests spread
over an hour with the morning's rise. Each scenario runs `compare` on a fresh baseline and
candidate per run and counts verdicts:

  null       same traffic on both sides: at most 5% of runs fail
  5xx        5xx from 0.1% to 0.3%, 10,000 requests a side: at least 80% of runs fail
  route      one route from 0% to 5% errors: detected, and a failing comparison names it
  latency    one route 1.5x slower: detected, and a failing comparison names it
  sparse     0 against 1 error in 60 requests: never a failure

Usage: simulate.py STATUSLINT WORKDIR [--runs N] [--scenario NAME]
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

ROUTES = [
    # (template, kind of the placeholder, median ms)
    ("/api/v1/users/{}", "int", 35),
    ("/api/v1/users/{}/orders", "int", 60),
    ("/api/v1/orders/{}", "uuid", 45),
    ("/api/v1/search", None, 120),
    ("/api/v1/products/{}", "slug", 30),
    ("/static/app.{}.js", "hash", 4),
    ("/static/app.{}.css", "hash", 3),
    ("/api/v1/cart", None, 50),
    ("/api/v1/checkout", None, 180),
    ("/login", None, 90),
    ("/api/v1/users/{}/avatar", "int", 25),
    ("/api/v1/repos/{}/issues", "name", 70),
    ("/api/v1/notifications", None, 40),
    ("/api/v1/orders/{}/items", "uuid", 55),
    ("/api/v1/reviews/{}", "int", 33),
    ("/api/v1/inventory", None, 150),
    ("/health", None, 1),
    ("/api/v1/coupons/{}", "code", 28),
    ("/api/v1/shipping/quote", None, 95),
    ("/api/v1/settings", None, 20),
]
NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
         "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"]
AGENTS = ["Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 Safari/605.1.15",
          "okhttp/4.12.0", "python-requests/2.31.0"]
WEIGHTS = [1 / (i + 1) ** 1.1 for i in range(len(ROUTES))]
FORMAT = ('$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
          '"$http_referer" "$http_user_agent" $request_time')


def value(kind, rng):
    if kind == "int":
        return str(rng.randint(1, 2_000_000))
    if kind == "uuid":
        return "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                                 rng.getrandbits(12), rng.getrandbits(48))
    if kind == "hash":
        return "%08x" % rng.getrandbits(32) if rng.random() < 0.1 else "3f9a1c2e"
    if kind == "slug":
        return "-".join(rng.sample(["blue", "steel", "water", "bottle", "large", "pack", "classic"], 3))
    if kind == "name":
        return rng.choice(NAMES)
    if kind == "code":
        return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    return ""


def write_log(path, rng, requests, server_errors, latency_factor=None, route_errors=None):
    """server_errors: the 5xx share of every route; route_errors: {route index: share} overrides;
    latency_factor: {route index: factor}."""
    latency_factor = latency_factor or {}
    route_errors = route_errors or {}
    start = 1_700_000_000
    with open(path, "w") as out:
        for i in range(requests):
            r = rng.choices(range(len(ROUTES)), WEIGHTS)[0]
            template, kind, median = ROUTES[r]
            target = template.format(value(kind, rng)) if kind else template
            share = route_errors.get(r, server_errors)
            roll = rng.random()
            if roll < share:
                status = rng.choice([500, 502, 503])
            elif kind in ("int", "uuid", "slug", "name", "code") and roll < share + 0.02:
                status = 404
            elif template.startswith("/static") and roll < share + 0.3:
                status = 304
            else:
                status = 200
            ms = median * latency_factor.get(r, 1.0) * math.exp(rng.gauss(0, 0.6))
            t = start + int(3600 * (i / requests))
            stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t))
            out.write('10.%d.%d.%d - - [%s] "GET %s HTTP/1.1" %d %d "-" "%s" %.3f\n' % (
                rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254), stamp, target, status,
                rng.randint(200, 40000), rng.choice(AGENTS), ms / 1000))


def compare(binary, base, cand):
    proc = subprocess.run([binary, "compare", "-q", "--no-config", "-j1", "-l", FORMAT, "--format", "json",
                           base, cand], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit("compare failed (%d): %s" % (proc.returncode, proc.stderr))
    report = json.loads(proc.stdout)
    if (proc.returncode == 1) != (report["verdict"] == "fail"):
        sys.exit("exit code %d does not match verdict %s" % (proc.returncode, report["verdict"]))
    return report


def failing(report):
    return [c for c in report["comparisons"] if c["verdict"] == "fail"]


def run(binary, work, scenario, runs):
    os.makedirs(work, exist_ok=True)
    base, cand = os.path.join(work, "base.log"), os.path.join(work, "cand.log")
    hits, named = 0, 0
    for k in range(runs):
        rng = random.Random("%s-%d" % (scenario, k))
        if scenario == "null":
            write_log(base, rng, 10_000, 0.001)
            write_log(cand, rng, 10_000, 0.001)
        elif scenario == "5xx":
            write_log(base, rng, 10_000, 0.001)
            write_log(cand, rng, 10_000, 0.003)
        elif scenario == "route":
            write_log(base, rng, 10_000, 0.0, route_errors={})
            write_log(cand, rng, 10_000, 0.0, route_errors={2: 0.05})
        elif scenario == "latency":
            write_log(base, rng, 10_000, 0.001)
            write_log(cand, rng, 10_000, 0.001, latency_factor={1: 1.5})
        elif scenario == "sparse":
            write_log(base, rng, 60, 0.0)
            write_log(cand, rng, 60, 0.0, route_errors={0: 0.0})
            # exactly one error in the candidate
            lines = open(cand).read().splitlines(True)
            lines[30] = lines[30].replace('" 200 ', '" 500 ').replace('" 404 ', '" 500 ')
            open(cand, "w").writelines(lines)
        report = compare(binary, base, cand)
        fails = failing(report)
        if scenario == "sparse":
            fails = [c for c in fails if c["family"] == "5xx"]  # the bar: one error is never a failure
        if fails:
            hits += 1
        if scenario == "route" and any(c["scope_kind"] == "route" and c["scope_name"].startswith("/api/v1/orders/")
                                       and not c["scope_name"].endswith("/items")
                                       and c["metric"] == "5xx share" for c in fails):
            named += 1
        if scenario == "latency" and any(c["scope_kind"] == "route" and "/orders" in c["scope_name"]
                                         and "/users/" in c["scope_name"] and c["family"] == "latency"
                                         for c in fails):
            named += 1
    return hits, named


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("work")
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--scenario", action="append")
    a = ap.parse_args()
    bars = {  # scenario: (the bar on the share of runs that fail, at most or at least; named at least)
        "null": ("at most", 0.05, None),
        "5xx": ("at least", 0.80, None),
        "route": ("at least", 0.80, 0.80),
        "latency": ("at least", 0.80, 0.80),
        "sparse": ("at most", 0.0, None),
    }
    ok = True
    for name in a.scenario or bars:
        hits, named = run(a.binary, os.path.join(a.work, name), name, a.runs)
        how, bar, named_bar = bars[name]
        rate = hits / a.runs
        good = rate <= bar if how == "at most" else rate >= bar
        line = "%-8s failed in %d of %d runs (%.0f%%; bar: %s %.0f%%)" % (name, hits, a.runs, 100 * rate, how, 100 * bar)
        if named_bar is not None:
            good = good and named / a.runs >= named_bar
            line += ", the route named in %d" % named
        print(line + ("" if good else "  <-- MISSED"))
        ok = ok and good
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
