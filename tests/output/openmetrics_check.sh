#!/usr/bin/env bash
# scan and merge --format openmetrics, checked by Prometheus' own promtool (Debian's
# prometheus package): the exposition parses and passes promtool's lint, on samples of every
# kind and on an input whose file name holds a quote, a backslash, a newline and invalid
# UTF-8; its numbers equal the JSON report's; merge of partials writes the same metrics.
# Usage: openmetrics_check.sh STATUSLINT SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3
command -v promtool >/dev/null || { echo "promtool is not installed (apt-get install prometheus)"; exit 1; }
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $1"; exit 1; }
hostile=$'we"ird\\name\nx\xff.log'
cp "$src/samples/nginx.jsonl" "$hostile"
inputs=("$src/samples/combined.log" "$src/samples/chrome.har" "$src/samples/alb.log" "$hostile" "$src/samples/missing.log")
opts=(--no-config --latency --sizes --max-rate 5xx=1 --max-count status/invalid=0 --max-latency p99=300ms --max-latency 4xx:p95=1ms)
rc=0; "$bin" scan -q "${opts[@]}" --format openmetrics "${inputs[@]}" > metrics.prom 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "an unreadable input exits 2, not $rc"
promtool check metrics < metrics.prom > promtool.out 2>&1 || { cat promtool.out; fail "promtool check metrics"; }
[ ! -s promtool.out ] || { cat promtool.out; fail "promtool lint warnings"; }
"$bin" scan -q "${opts[@]}" --format json "${inputs[@]}" > report.json 2>/dev/null || true
/usr/bin/python3 - metrics.prom report.json <<'PY' || fail "metrics differ from the JSON report"
import json, re, sys
text, report = open(sys.argv[1], encoding="utf-8").read(), json.load(open(sys.argv[2]))
samples = {}
for line in text.splitlines():
    if line.startswith("#"):
        continue
    m = re.fullmatch(r'([a-z_]+)(\{.*\})? (\S+)', line)
    assert m, "not a sample line: %r" % line
    samples[(m.group(1), m.group(2) or "")] = float(m.group(3))
def get(name, **labels):
    key = "{" + ",".join('%s="%s"' % kv for kv in labels.items()) + "}" if labels else ""
    assert (name, key) in samples, "no sample %s%s" % (name, key)
    return samples[(name, key)]
t = report["totals"]
assert get("statuslint_inputs") == len(report["inputs"])
for outcome, key in [("record", "records"), ("malformed", "malformed"), ("blank", "blank"), ("other", "other")]:
    assert get("statuslint_lines", outcome=outcome) == t[key], outcome
for cls, n in report["classes"].items():
    assert get("statuslint_records", **{"class": cls}) == n, cls
for st in report["statuses"]:
    if isinstance(st["code"], int):
        assert get("statuslint_status_records", code="%03d" % st["code"]) == st["count"], st
for f in report["findings"]:
    assert get("statuslint_findings", rule=f["rule"], severity=f["severity"]) == f["count"], f["rule"]
errors = sum(1 for (name, _), v in samples.items() if name == "statuslint_input_errors" and v == 1)
assert errors == sum(1 for i in report["inputs"] if i["error"]), "input errors"
assert 'input="we\\"ird\\\\name\\nx\ufffd.log"' in text, "the hostile input name is not escaped as the format says"
exceeded = [v for (name, _), v in samples.items() if name == "statuslint_budget_exceeded"]
assert sorted(exceeded) == sorted(1.0 if b["breached"] else 0.0 for b in report["budgets"]), "budgets"
lat = report["latency"]
for cls in ["2xx", "4xx", "5xx"]:
    stats = lat["classes"][cls]
    assert get("statuslint_request_duration_seconds_count", **{"class": cls}) == stats["count"], cls
    assert get("statuslint_request_duration_seconds_bucket", **{"class": cls, "le": "+Inf"}) == stats["count"], cls
    assert get("statuslint_request_duration_missing_records", **{"class": cls}) == stats["missing"], cls
    if stats["count"]:
        # Every value is at most the max, so the bucket at or above the max holds them all.
        bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
        top = next(b for b in bounds + [float("inf")] if b >= stats["max"] / 1000)
        if top != float("inf"):
            le = ("%.17g" % top)
            assert get("statuslint_request_duration_seconds_bucket", **{"class": cls, "le": le}) == stats["count"], cls
    sizes = report["bytes"]["classes"][cls]
    assert get("statuslint_response_size_bytes_count", **{"class": cls}) == sizes["count"], cls
    assert abs(get("statuslint_response_size_bytes_sum", **{"class": cls}) - sizes["sum"]) < 0.5, cls
print("metrics == JSON: %d samples" % len(samples))
PY
# merge of partials == scan, and a run without --latency has no histograms but still parses.
"$bin" scan -q "${opts[@]}" --partial a.json -o /dev/null "$src/samples/combined.log" "$src/samples/chrome.har" || true
"$bin" scan -q "${opts[@]}" --partial b.json -o /dev/null "$src/samples/alb.log" "$hostile" || true
"$bin" scan -q "${opts[@]}" --format openmetrics "$src/samples/combined.log" "$src/samples/chrome.har" \
  "$src/samples/alb.log" "$hostile" > scan.prom || true
"$bin" merge --no-config --max-rate 5xx=1 --max-count status/invalid=0 --max-latency p99=300ms \
  --max-latency 4xx:p95=1ms --format openmetrics a.json b.json > merge.prom || true
diff scan.prom merge.prom || fail "merge --format openmetrics differs from the scan's"
"$bin" scan -q --no-config --fail-on none --format openmetrics "$src/samples/common.log" > plain.prom
promtool check metrics < plain.prom || fail "promtool on a plain scan"
if grep -q '_bucket' plain.prom; then fail "histograms without --latency"; fi
"$bin" scan -q --no-config --fail-on none --latency --format openmetrics "$src/samples/combined.log" > times.prom
promtool check metrics < times.prom || fail "promtool on a scan with --latency alone"
grep -q 'statuslint_request_duration_seconds_bucket' times.prom || fail "no time histogram with --latency"
if grep -q 'statuslint_response_size_bytes' times.prom; then fail "size histograms without --sizes"; fi
echo "openmetrics: promtool clean, $(grep -vc '^#' metrics.prom) samples equal the JSON report; merge == scan"
