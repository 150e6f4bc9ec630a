#!/usr/bin/env bash
# The progress line: drawn on stderr when stderr is a terminal (given one by `script`), never
# when it is not (CI logs, pipes), and not with --quiet.
#   progress_line.sh STATUSLINT SOURCE_DIR WORK_DIR
set -euo pipefail
statuslint=$1 src=$2 work=$3
mkdir -p "$work"
for i in $(seq 1 400); do cat "$src/samples/combined.log"; echo; done > "$work/big.log"   # several chunks
script -q -e -c "$statuslint scan --fail-on none --chunk-size 64K -o /dev/null $work/big.log" "$work/tty.txt" > /dev/null
grep -q $'\r''statuslint: .*big.log .*B/s' "$work/tty.txt" || { echo "FAIL: no progress line on a terminal"; cat -A "$work/tty.txt" | head -5; exit 1; }
"$statuslint" scan --fail-on none --chunk-size 64K -o /dev/null "$work/big.log" 2> "$work/pipe.txt"
if grep -q $'\r' "$work/pipe.txt"; then echo "FAIL: progress drawn without a terminal"; exit 1; fi
script -q -e -c "$statuslint scan -q --fail-on none --chunk-size 64K -o /dev/null $work/big.log" "$work/quiet.txt" > /dev/null
if grep -q 'B/s' "$work/quiet.txt"; then echo "FAIL: progress drawn with --quiet"; exit 1; fi
echo "progress line: on a terminal only, not with --quiet"
