#!/usr/bin/env bash
# Validates statuslint's SARIF against the official SARIF 2.1.0 schema (and Microsoft's SARIF
# rules) with Sarif.Multitool. The validator exits 0 whatever it finds, so its own SARIF log
# is read and any error-level result fails the test.
#   validate.sh STATUSLINT SARIF_MULTITOOL SOURCE_DIR WORK_DIR
set -euo pipefail
statuslint=$1 multitool=$2 src=$3 work=$4
mkdir -p "$work"
cd "$src"
cases=(
  "samples/combined.log samples/chrome.har samples/firefox.har --max-rate 5xx=1"
  "samples/caddy.jsonl samples/nginx.jsonl samples/iis.log --max-latency p99=100ms --max-latency 5xx:p50=1s"
  "samples/common.log --disable *"
  "samples/does-not-exist.log samples/alb.log"
  "tests/data/hostile/injection.log"
  "$src/samples/combined.log"                                  # absolute: a file:// URI
  "--sarif-root $src/samples $src/samples/combined.log samples/chrome.har"  # under a given root
  "--sarif-root /nonexistent/root samples/combined.log"       # outside the root: absolute
  "-"                                                          # standard input
)
n=0
for args in "${cases[@]}"; do
  n=$((n + 1))
  out="$work/case$n.sarif"
  log="$work/case$n.validation.sarif"
  # shellcheck disable=SC2086 # the cases are word lists on purpose
  set -f
  "$statuslint" scan -q --format sarif -o "$out" $args < samples/combined.log || true   # findings exit 1; inputs may be missing
  set +f
  rm -f "$log"
  "$multitool" validate "$out" -o "$log" > "$work/case$n.validation.txt" 2>&1
  errors=$(jq '[.runs[].results[]? | select(.level == "error")] | length' "$log")
  if [ "$errors" != "0" ]; then
    echo "case $n ($args): $errors schema or SARIF errors:"
    jq -c '.runs[].results[]? | select(.level == "error") | .message' "$log"
    exit 1
  fi
  results=$(jq '[.runs[].results[]] | length' "$out")
  # Every location is an absolute file:// URI, or a relative one that neither starts with a
  # slash nor lacks its base (standard input excepted).
  bad=$(jq '[.runs[].results[].locations[]?.physicalLocation.artifactLocation
             | select((.uri | startswith("/")) or ((.uri | startswith("file://") | not) and .uri != "stdin"
                      and .uriBaseId != "%SRCROOT%"))] | length' "$out")
  if [ "$bad" != "0" ]; then
    echo "case $n ($args): $bad locations are neither file:// URIs nor relative to %SRCROOT%"
    exit 1
  fi
  echo "case $n: valid SARIF 2.1.0, $results results"
done
# statuslint compare: each failed comparison a result.
out="$work/compare.sarif" log="$work/compare.validation.sarif"
fmt='$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time'
"$statuslint" compare -q --no-config --format sarif -o "$out" -l "$fmt" tests/cli/compare-base.log tests/cli/compare-cand.log || true
rm -f "$log"
"$multitool" validate "$out" -o "$log" > "$work/compare.validation.txt" 2>&1
errors=$(jq '[.runs[].results[]? | select(.level == "error")] | length' "$log")
[ "$errors" = "0" ] || { echo "compare: $errors schema or SARIF errors:"; jq -c '.runs[].results[]? | select(.level == "error") | .message' "$log"; exit 1; }
results=$(jq '[.runs[].results[]] | length' "$out")
[ "$results" -gt 0 ] || { echo "compare: no results for a failing candidate"; exit 1; }
echo "compare: valid SARIF 2.1.0, $results results"
