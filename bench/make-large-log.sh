#!/usr/bin/env bash
# Builds a large combined log deterministically from samples/combined.log (which holds every
# edge case: IPv6, escaped quotes, odd request lines, malformed and blank lines) by doubling it
# until it reaches the target size. Same input, same output, on every machine.
#   bench/make-large-log.sh OUT [SIZE_MB]   (default 1024)
set -euo pipefail
out=${1:?usage: make-large-log.sh OUT [SIZE_MB]}
size_mb=${2:-1024}
here=$(cd "$(dirname "$0")/.." && pwd)
awk 1 "$here/samples/combined.log" > "$out.tmp"   # awk 1: every line newline-terminated
while [ "$(stat -c %s "$out.tmp")" -lt $((size_mb * 1024 * 1024)) ]; do
  cat "$out.tmp" "$out.tmp" > "$out.tmp2"
  mv "$out.tmp2" "$out.tmp"
done
mv "$out.tmp" "$out"
