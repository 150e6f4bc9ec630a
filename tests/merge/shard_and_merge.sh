#!/usr/bin/env bash
# Splits logs into shards, then checks that merging per-shard partial summaries reports and
# gates exactly like one scan over all the shards: same output in every format, same exit code.
#   shard_and_merge.sh STATUSLINT SOURCE_DIR WORK_DIR
set -euo pipefail
statuslint=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
# A larger log from the combined sample, split into four shards, plus a HAR and a JSON log.
for i in $(seq 1 20); do cat samples/combined.log; echo; done > "$work/all.log"
split -n l/4 -d "$work/all.log" "$work/shard."
shards=("$work"/shard.* samples/chrome.har samples/caddy.jsonl)
opts=(--trends --top 5 --latency --sizes --max-latency 2xx:p95=500ms --max-rate 5xx=3 --max-count status/invalid=10)
# Examples are kept at scan time (the map step): every scan gets the same --examples.
scan_opts=(--examples 20)
n=0
for s in "${shards[@]}"; do
  n=$((n + 1))
  "$statuslint" scan -q "${opts[@]}" "${scan_opts[@]}" --partial "$work/p$n.json" -o /dev/null "$s" || true
done
for format in json text html sarif junit github; do
  set +e
  "$statuslint" scan -q "${opts[@]}" "${scan_opts[@]}" --format "$format" -o "$work/single.$format" "${shards[@]}"
  single=$?
  "$statuslint" merge "${opts[@]}" --format "$format" -o "$work/merged.$format" "$work"/p*.json
  merged=$?
  set -e
  # The inputs' "format_source" and names are the same; compare everything.
  if ! diff -u "$work/single.$format" "$work/merged.$format" > "$work/diff.$format"; then
    echo "FAIL: $format output of merge differs from one scan:"
    head -40 "$work/diff.$format"
    exit 1
  fi
  if [ "$single" != "$merged" ]; then
    echo "FAIL: exit codes differ for $format: scan $single, merge $merged"
    exit 1
  fi
  echo "$format: merge == scan (exit $merged)"
done
# A file that is not a partial summary is refused with exit 2.
set +e
"$statuslint" merge "$src/samples/chrome.har" > /dev/null 2> "$work/bad.err"
rc=$?
set -e
[ "$rc" = 2 ] && grep -q "not a usable partial summary" "$work/bad.err" || { echo "FAIL: bad partial not refused"; exit 1; }
echo "bad partial refused"
