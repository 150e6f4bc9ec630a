#!/usr/bin/env bash
# The route benchmark (bench/routes/README.md): for each real API spec under sources/, N
# generated requests, scored naive / inferred / with the spec by statuslint_route_bench.
#   bench/routes/run.sh BUILD_DIR [N] [SEED] [--check]
# --check fails unless the issue's bars hold: inferred >= 80% on each spec and >= 90% on
# average, with the spec >= 99% on each, and no route merging two literal endpoints of >1%.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$1
n=${2:-200000}
seed=${3:-1}
check=${4:-}
python=$(command -v python3)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sum=0
count=0
status=0
for source in "$here"/sources/*.txt; do
  name=$(basename "$source" .txt)
  "$python" "$here/generate.py" "$source" "$n" "$seed" >"$tmp/$name.tsv"
  args=()
  [ "$check" = --check ] && args=(--min-inferred 80 --min-spec 99)
  "$build/bench/statuslint_route_bench" "$tmp/$name.tsv" "$source" "${args[@]}" | tee "$tmp/$name.out" || status=1
  share=$(awk '$1 == "inferred" { sub("%", "", $2); print $2 }' "$tmp/$name.out")
  sum=$(awk -v a="$sum" -v b="$share" 'BEGIN { print a + b }')
  count=$((count + 1))
done
average=$(awk -v a="$sum" -v n="$count" 'BEGIN { printf "%.2f", a / n }')
echo "inferred on average: $average% over $count specs ($n requests each, seed $seed)"
if [ "$check" = --check ] && awk -v a="$average" 'BEGIN { exit !(a < 90) }'; then
  echo "FAIL: inferred on average under 90%" >&2
  status=1
fi
exit $status
