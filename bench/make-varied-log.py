#!/usr/bin/env python3
"""Writes a combined log with realistic variety (IPs, times, paths, sizes, agents), so that it
compresses like real access logs (about 8-12x with gzip -6) for decoder benchmarks.

  bench/make-varied-log.py OUT [SIZE_MB]
"""
import random
import sys

out, size = sys.argv[1], int(sys.argv[2] if len(sys.argv) > 2 else 512) * 1024 * 1024
rng = random.Random(5)
paths = ["/", "/index.html", "/api/v1/users", "/api/v1/orders", "/static/app.js", "/static/style.css",
         "/login", "/search", "/images/logo.png", "/products/", "/cart", "/checkout", "/healthz"]
agents = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.%d.%d Safari/537.36",
          "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.%d.%d", "curl/8.%d.%d",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_%d like Mac OS X) AppleWebKit/605.1.%d"]
statuses = [200] * 40 + [201, 204, 206, 301, 302, 304, 304, 400, 401, 403, 404, 404, 405, 429, 499, 500, 502, 503, 504]
written = 0
with open(out, "w") as f:
    second = 0
    while written < size:
        lines = []
        for _ in range(10000):
            second += rng.randint(0, 2)
            h, m, s = (second // 3600) % 24, (second // 60) % 60, second % 60
            path = rng.choice(paths) + ("?id=%d" % rng.randint(1, 99999) if rng.random() < 0.4 else "")
            agent = rng.choice(agents) % (rng.randint(0, 99), rng.randint(0, 99))
            lines.append('%d.%d.%d.%d - - [21/Nov/2026:%02d:%02d:%02d +0000] "%s %s HTTP/1.1" %d %d "%s" "%s"\n' % (
                rng.randint(1, 223), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254), h, m, s,
                rng.choice(["GET"] * 8 + ["POST", "HEAD"]), path, rng.choice(statuses), rng.randint(0, 200000),
                rng.choice(["-", "https://example.com/", "https://www.google.com/"]), agent))
        chunk = "".join(lines)
        f.write(chunk)
        written += len(chunk)
