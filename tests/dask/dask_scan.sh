#!/usr/bin/env bash
# examples/dask/scan.py on a Dask LocalCluster (two worker processes) reports exactly what one
# `statuslint scan` of the same files reports: whole files per task (sequence rules included),
# then one big file cut into byte-range shards (sequence rules off: they do not cross shards).
# Exit 77 (skipped) when Debian's python3-distributed is not installed.
#   dask_scan.sh STATUSLINT SOURCE_DIR WORK_DIR
set -euo pipefail
statuslint=$1 src=$2 work=$3
py=/usr/bin/python3
if ! "$py" -c 'import distributed' 2>/dev/null; then echo "python3-distributed not installed: skipped"; exit 77; fi
rm -rf "$work" && mkdir -p "$work"
cd "$src"
for i in $(seq 1 25); do cat samples/combined.log; echo; done > "$work/big.log"
inputs=(samples/combined.log samples/chrome.har samples/caddy.jsonl samples/firefox.har "$work/big.log")
compare() {  # label, options...
  local label=$1; shift
  set +e
  "$statuslint" scan -q --format json -o "$work/single.json" "$@" "${inputs[@]}"
  local single=$?
  "$py" examples/dask/scan.py --workers 2 --statuslint "$statuslint" $shard -o "$work/dask.json" "${inputs[@]}" -- "$@"
  local dask=$?
  set -e
  cp "$work/dask.json" "$work/dask.cmp"
  cp "$work/single.json" "$work/single.cmp"
  for part in .statuses .findings .totals .; do
    if ! diff <(jq -S "$part" "$work/single.cmp") <(jq -S "$part" "$work/dask.cmp") > "$work/diff"; then
      echo "FAIL ($label): $part differs between one scan and the Dask map/merge"; head -30 "$work/diff"; exit 1
    fi
  done
  [ "$single" = "$dask" ] || { echo "FAIL ($label): exit $dask, one scan $single"; exit 1; }
  echo "$label: Dask map/merge == one scan (exit $dask)"
}
shard=""
compare "whole files" --trends --top 5 --latency --sizes --max-latency p99=2s --fail-on warning
shard="--shard-bytes 64k"
compare "byte-range shards" --trends --top 5 --latency --disable 'sequence/*'
echo ok
