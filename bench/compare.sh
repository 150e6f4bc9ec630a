#!/usr/bin/env bash
# End-to-end comparison on one large combined log, page-cached: statuslint (1 and 2 threads)
# against wc -l, mawk counting field 9, and GoAccess. Prints seconds, GB/s, peak RSS and the
# ratio to statuslint -j1.
#   bench/compare.sh [SIZE_MB] [BUILD_DIR]     (default 1024 MB, build/release)
# Then the JSON inputs: a HAR and JSON-lines logs built by bench/make-large-json.py, read by
# statuslint and by jq doing the same status count.
# Needs: hyperfine mawk goaccess jq python3 (apt-get install hyperfine mawk goaccess jq).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${1:-1024}
bin=${2:-$here/build/release}/statuslint
data=$here/bench/data
mkdir -p "$data"
log=$data/combined-${size_mb}m.log
[ -f "$log" ] || "$here/bench/make-large-log.sh" "$log" "$size_mb"
# GoAccess runs at about 0.01 GB/s: time it on a slice so the script ends in minutes.
slice=$data/combined-slice.log
[ -f "$slice" ] || head -c $((64 * 1024 * 1024)) "$log" | awk 1 > "$slice"
cat "$log" "$slice" > /dev/null   # page cache

bytes=$(stat -c %s "$log")
slice_bytes=$(stat -c %s "$slice")
printf 'input: %s (%d bytes, %d lines); machine: %s, %s cores\n' "$log" "$bytes" "$(wc -l < "$log")" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" "$(nproc)"

measure() {  # name, bytes, command...
  local name=$1 size=$2
  shift 2
  local json
  json=$(mktemp)
  hyperfine --style none --warmup 1 --runs "${RUNS:-3}" --export-json "$json" "$*" > /dev/null 2>&1
  local mean
  mean=$(python3 -c "import json,sys; print(json.load(open('$json'))['results'][0]['mean'])")
  local rss
  rss=$( { /usr/bin/time -f '%M' bash -c "$* > /dev/null" ; } 2>&1 | tail -1)
  rm -f "$json"
  python3 - "$name" "$size" "$mean" "$rss" <<'PY'
import sys
name, size, mean, rss = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"{name:<28} {mean:8.3f} s  {size / mean / 1e9:7.3f} GB/s  {rss / 1024:8.1f} MB")
PY
}

echo
printf '%-28s %10s  %12s  %11s\n' tool time throughput 'peak RSS'
measure "statuslint scan -j1" "$bytes" "$bin scan -q -j1 --format json $log"
measure "statuslint scan -j2" "$bytes" "$bin scan -q -j2 --format json $log"
measure "wc -l" "$bytes" "wc -l $log"
measure "mawk '{c[\$9]++}'" "$bytes" "mawk '{c[\$9]++} END {for (k in c) print k, c[k]}' $log"
RUNS=1 measure "goaccess (64 MB slice)" "$slice_bytes" \
  "goaccess --log-format=COMBINED -o $data/goaccess-out.json $slice"

# JSON inputs: statuslint against jq counting statuses the same way.
[ -f "$data/large.har" ] || python3 "$here/bench/make-large-json.py" "$data" 256
har=$data/large.har
jsonl=$data/caddy-large.jsonl
cat "$har" "$jsonl" "$data/nginx-large.jsonl" > /dev/null
echo
printf '%-28s %10s  %12s  %11s\n' 'JSON inputs' time throughput 'peak RSS'
measure "statuslint scan (HAR)" "$(stat -c %s "$har")" "$bin scan -q --format json $har"
RUNS=1 measure "jq (HAR)" "$(stat -c %s "$har")" \
  "jq '[.log.entries[].response.status] | group_by(.) | map({(.[0]|tostring): length}) | add' $har"
measure "statuslint scan -j1 (caddy)" "$(stat -c %s "$jsonl")" "$bin scan -q -j1 --format json $jsonl"
measure "statuslint scan -j2 (caddy)" "$(stat -c %s "$jsonl")" "$bin scan -q -j2 --format json $jsonl"
measure "statuslint scan -j1 (nginx)" "$(stat -c %s "$data/nginx-large.jsonl")" \
  "$bin scan -q -j1 --format json $data/nginx-large.jsonl"
RUNS=1 measure "jq (caddy)" "$(stat -c %s "$jsonl")" \
  "jq -n 'reduce inputs as \$l ({}; .[\$l.status|tostring] += 1)' $jsonl"
