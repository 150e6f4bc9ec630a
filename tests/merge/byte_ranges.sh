#!/usr/bin/env bash
# One big file mapped by byte ranges: for random cuts, `scan --byte-range` per shard with
# --partial, then `merge` (which joins the shards back into the file's one input) reports
# exactly what one scan of the file reports, the whole JSON report, with the same exit code.
#   byte_ranges.sh STATUSLINT SOURCE_DIR WORK_DIR
set -euo pipefail
statuslint=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
big="$work/big.log"
for i in $(seq 1 30); do cat samples/combined.log; echo; echo "not an access log line $i"; done > "$big"
printf '%s' '10.9.9.9 - - [21/Nov/2026:13:59:59 +0100] "GET /last HTTP/1.1" 503 0 "-" "curl/8"' >> "$big"
size=$(stat -c %s "$big")
# Sequence rules follow clients across lines, so they do not cross shards (see README): off here.
opts=(--trends --top 5 --latency --sizes --max-latency p99=1s --max-rate 5xx=3 --disable 'sequence/*')
scan_opts=(--examples 7)  # kept at map time
set +e
"$statuslint" scan -q "${opts[@]}" "${scan_opts[@]}" --format json -o "$work/single.json" "$big"
single_code=$?
set -e
cp "$work/single.json" "$work/single.cmp"
RANDOM=42
for round in $(seq 1 12); do
  k=$((1 + RANDOM % 7))
  cuts=(0 "$size")
  for _ in $(seq 1 "$k"); do cuts+=($(( (RANDOM * 32768 + RANDOM) % (size + 1) ))); done
  # A cut exactly after a newline, and one just before it, in every other round.
  if (( round % 2 == 0 )); then
    line_end=$(head -c 2000 "$big" | head -5 | wc -c)
    cuts+=("$line_end" $((line_end - 1)))
  fi
  mapfile -t sorted < <(printf '%s\n' "${cuts[@]}" | sort -n)
  rm -f "$work"/p*.json
  for ((i = 0; i + 1 < ${#sorted[@]}; i++)); do
    "$statuslint" scan -q "${opts[@]}" "${scan_opts[@]}" --partial "$work/p$(printf %03d "$i").json" -o /dev/null \
      --byte-range "${sorted[i]}:${sorted[i + 1]}" "$big" || true
  done
  set +e
  "$statuslint" merge "${opts[@]}" --format json -o "$work/merged.json" "$work"/p*.json
  merged_code=$?
  set -e
  cp "$work/merged.json" "$work/merged.cmp"
  if ! diff -u "$work/single.cmp" "$work/merged.cmp" > "$work/diff"; then
    echo "FAIL: cuts ${sorted[*]}: merge differs from one scan:"
    head -40 "$work/diff"
    exit 1
  fi
  [ "$single_code" = "$merged_code" ] || { echo "FAIL: exit $merged_code, one scan $single_code"; exit 1; }
  echo "cuts ${sorted[*]}: merge == scan"
done
# An open-ended shard ends where the file does (it was written as 18446744073709551615).
"$statuslint" scan -q "${opts[@]}" --partial "$work/open.json" -o /dev/null --byte-range 100: "$big" || true
jq -e --argjson size "$size" '.inputs[0].shard == {"start": 100, "end": $size, "max_examples": 5}' "$work/open.json" \
  > /dev/null || { echo "FAIL: open-ended shard: $(jq -c '.inputs[0].shard' "$work/open.json")"; exit 1; }
# Shards given out of file order are refused, not joined wrong.
mapfile -t reversed < <(ls "$work"/p*.json | sort -r)
if "$statuslint" merge "${opts[@]}" -o /dev/null "${reversed[@]}" 2> "$work/order.err"; then
  echo "FAIL: shards out of order were merged"; exit 1
fi
grep -q "file order" "$work/order.err" || { echo "FAIL: no reason given for out-of-order shards"; exit 1; }
# Usage errors: a bad range, two inputs, a compressed file.
for bad in "5" "9:3" "a:b"; do
  if "$statuslint" scan -q --byte-range "$bad" "$big" > /dev/null 2>&1; then echo "FAIL: --byte-range $bad accepted"; exit 1; fi
done
if "$statuslint" scan -q --byte-range 0:10 "$big" "$big" > /dev/null 2>&1; then echo "FAIL: two inputs accepted"; exit 1; fi
gzip -c "$big" > "$work/big.log.gz"
set +e
"$statuslint" scan -q --byte-range 0:10 "$work/big.log.gz" > /dev/null 2> "$work/gz.err"
code=$?
set -e
[ "$code" = 2 ] && grep -q "plain files" "$work/gz.err" || { echo "FAIL: compressed input: exit $code"; cat "$work/gz.err"; exit 1; }
echo "ok"
