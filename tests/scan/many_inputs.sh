#!/usr/bin/env bash
# Many small inputs in one command (issue 33: nightly sets of rotated files): 2,000 files of a
# few lines each, some gzipped, read under an open-file limit of 64 with --files-from. Every
# line is accounted for, the summary equals one scan of all the lines concatenated, and -j1
# equals -j2 for the whole report.
set -euo pipefail
bin=$1
src=$2
work=$3
rm -rf "$work" && mkdir -p "$work/in"
PY=/usr/bin/python3

$PY - "$src/samples/combined.log" "$work/in" <<'PYEOF'
import gzip, os, sys
# Whole combined lines (a truncated one alone is another layout) with a standard status.
def plain(l):
    parts = l.split('"')
    return len(parts) >= 7 and parts[2].split()[:1] in (["200"], ["301"], ["304"], ["404"], ["500"], ["503"])
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if plain(l)]
out = sys.argv[2]
for i in range(2000):
    take = [lines[(i * 7 + k) % len(lines)] for k in range(1 + i % 5)]
    body = ("\n".join(take) + "\n").encode()
    if i % 10 == 3:
        with gzip.open(os.path.join(out, f"access.{i:05d}.log.gz"), "wb") as f:
            f.write(body)
    else:
        with open(os.path.join(out, f"access.{i:05d}.log"), "wb") as f:
            f.write(body)
PYEOF

find "$work/in" -type f | sort > "$work/list"
# The concatenation, for the oracle: zcat passes plain files through with -f.
xargs zcat -f < "$work/list" > "$work/all.log"

# Each input's format is detected on its own.
run() { (ulimit -n 64 && "$bin" scan --format json --fail-on none "$@"); }
run -j1 --files-from "$work/list" > "$work/j1.json" 2> "$work/j1.err"
run -j2 --files-from "$work/list" > "$work/j2.json" 2> /dev/null
run -j1 "$work/all.log" > "$work/one.json" 2> /dev/null
detected=$(grep -c ': format combined (' "$work/j1.err" || true)
[ "$detected" = 2000 ] || { echo "FAIL: $detected of 2000 inputs detected as combined"; head "$work/j1.err"; exit 1; }
cmp "$work/j1.json" "$work/j2.json" || { echo "FAIL: -j1 and -j2 differ"; exit 1; }

$PY - "$work/j1.json" "$work/one.json" "$work/all.log" <<'PYEOF'
import json, sys
many, one = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
lines = sum(1 for _ in open(sys.argv[3], "rb"))
t = many["totals"]
assert len(many["inputs"]) == 2000, len(many["inputs"])
assert t["lines"] == lines, (t["lines"], lines)
assert t["records"] + t["malformed"] + t["blank"] + t["other"] == lines, t
assert t == one["totals"], (t, one["totals"])
for key in ("classes", "statuses", "findings"):
    assert many[key] == one[key], key
print(f"ok: 2000 inputs, {lines} lines, same summary as one concatenated scan")
PYEOF
