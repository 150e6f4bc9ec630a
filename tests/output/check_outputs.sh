#!/usr/bin/env bash
# Every machine-readable output stays well-formed whatever bytes the inputs hold: JSON and SARIF
# parse (jq), JUnit is well-formed XML (xmllint), and every line of the GitHub format is a
# workflow command statuslint wrote or a "statuslint:" line, never one the log wrote.
#   check_outputs.sh STATUSLINT SOURCE_DIR WORK_DIR [EXTRA_INPUT_DIR...]
set -euo pipefail
statuslint=$1 src=$2 work=$3
shift 3
mkdir -p "$work"
cd "$src"
inputs=(samples/* tests/data/hostile/*)
# Fuzz corpora: up to 40 inputs from each target's folder (sorted, so runs are repeatable).
# Under the sanitizers (STATUSLINT_SANITIZED, set by CMake), 8: each run starts a process whose
# rule pack loads many times slower there, and 40 took 514 s of the suite's time; the release
# build reads all 40.
per_folder=40
[ "${STATUSLINT_SANITIZED:-0}" = 1 ] && per_folder=8
for dir in "$@"; do
  [ -d "$dir" ] || continue
  for sub in "$dir"/*/; do
    while IFS= read -r -d '' f; do inputs+=("$f"); done < <(find "$sub" -type f -print0 | sort -z | head -z -n "$per_folder")
  done
done
checked=0
for input in "${inputs[@]}"; do
  for format in json sarif junit github text; do
    out="$work/out.$format"
    rc=0
    "$statuslint" scan -q --format "$format" -o "$out" "$input" 2>/dev/null || rc=$?
    if [ "$rc" -gt 2 ]; then
      echo "FAIL: $input ($format): exit code $rc (a crash?)"
      exit 1
    fi
    case $format in
      json | sarif) jq empty "$out" 2>/dev/null || { echo "FAIL: $input: $format output is not JSON"; exit 1; } ;;
      junit) xmllint --noout "$out" 2>/dev/null || { echo "FAIL: $input: junit output is not XML"; exit 1; } ;;
      github)
        if grep -q $'[\r\x1b\x07]' "$out" || [ -n "$(grep -v -E '^(::(error|warning|notice) |statuslint: )' "$out")" ]; then
          echo "FAIL: $input: github output has a line statuslint did not write:"
          grep -v -E '^(::(error|warning|notice) |statuslint: )' "$out" | head -3
          exit 1
        fi ;;
      text)
        if LC_ALL=C grep -q -P '[\x00-\x08\x0b-\x1f\x7f]' "$out"; then
          echo "FAIL: $input: text output holds a raw control character"
          exit 1
        fi ;;
    esac
    checked=$((checked + 1))
  done
done
echo "$checked outputs well-formed over ${#inputs[@]} inputs"
