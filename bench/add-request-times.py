#!/usr/bin/env python3
"""Appends a request time to every line of an access log: the "timed" logs of the latency
figures (docs/performance.md). Times are log-normal around 55 ms (sigma 1.0), in seconds with
three decimals, as nginx writes $request_time; seeded, so the same input gives the same file.

    python3 bench/add-request-times.py < real.log > timed.log
"""
import math
import random
import sys


def main() -> None:
    rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 29)
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        ms = min(rng.lognormvariate(math.log(55.0), 1.0), 60000.0)
        out.write(line.rstrip(b"\n") + b" %.3f\n" % (ms / 1000.0))


if __name__ == "__main__":
    main()
