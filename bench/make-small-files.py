#!/usr/bin/env python3
"""Many small inputs (issue 33): COUNT files of LINES lines each, cut in turn from SOURCE (a
log from bench/make-real-log.py), under DIR/NNN/ in directories of 1,000, plus DIR.list
naming them all for --files-from.

  bench/make-small-files.py SOURCE DIR [COUNT] [LINES]     (default 100000 files of 5 lines)
"""
import os
import sys

source, out = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
per_file = int(sys.argv[4]) if len(sys.argv) > 4 else 5
with open(source, "rb") as f:
    lines = [next(f) for _ in range(10_000)]
names = []
for i in range(count):
    d = os.path.join(out, f"{i // 1000:03d}")
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    name = os.path.join(d, f"access.{i:06d}.log")
    start = (i * per_file) % (len(lines) - per_file)
    with open(name, "wb") as f:
        f.writelines(lines[start:start + per_file])
    names.append(name)
with open(out.rstrip("/") + ".list", "w") as f:
    f.write("\n".join(names) + "\n")
