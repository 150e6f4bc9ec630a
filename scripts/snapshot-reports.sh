#!/usr/bin/env bash
# Writes the whole JSON report of every sample (with trends and top offenders, -j1 and
# -j2 with 64K chunks) to DIR, for checking that a refactoring changes no report:
#   scripts/snapshot-reports.sh DIR [BINARY] [EXTRA_INPUT...]
#   diff -r before/ after/
set -euo pipefail
out=$1
bin=${2:-build/release/statuslint}
shift $(( $# >= 2 ? 2 : 1 ))
cd "$(dirname "$0")/.."
mkdir -p "$out"
for f in samples/* "$@"; do
  case $f in *.format) continue ;; esac
  name=$(basename "$f")
  for run in "-j1" "-j2 --chunk-size 64K"; do
    # shellcheck disable=SC2086
    "$bin" scan -q --fail-on none --format json --trends --top 5 $run "$f" > "$out/$name.${run%% *}.json" 2>/dev/null || true
  done
done
