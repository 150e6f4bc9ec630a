#!/usr/bin/env bash
# Goldens test one thing: only the pack goldens below may show the built-in rule pack, so that
# a rule added to it changes at most these .out files. Every other golden runs with
# --disable '*' or --no-builtin-rules (tests/cli/pinned-rules.toml).
# scan_post_only_405 holds the pack to RFC 9110 15.5.6: a POST-only route answering GET with
# 405 and Allow: POST is correct, so no warning may fire on it (--fail-on warning exits 0).
#   goldens_pin_rules.sh STATUSLINT CLI_DIR
set -euo pipefail
bin=$1 dir=$2
pack_goldens="scan_all_samples scan_combined_json scan_har_json rules_explain scan_post_only_405"
mapfile -t builtin_ids < <("$bin" rules --all | awk 'NR > 1 {print $1}')
[ "${#builtin_ids[@]}" -ge 50 ] || { echo "FAIL: rules --all lists ${#builtin_ids[@]} rules"; exit 1; }
pattern=$(printf '%s\n' "${builtin_ids[@]}" | sed 's/[.*[]/\\&/g' | paste -sd'|')
count=$("$bin" rules --all | awk 'NR > 1' | wc -l)
bad=0
for out in "$dir"/*.out; do
  case=$(basename "$out" .out)
  [[ " $pack_goldens " == *" $case "* ]] && continue
  if grep -qE "(^|[^a-z/])($pattern)([^a-z0-9-]|$)" "$out" || grep -q "($count rules)" "$out"; then
    echo "FAIL: $case.out shows the built-in rule pack; pin its rules (--disable '*' or --no-builtin-rules)"
    bad=1
  fi
done
[ "$bad" -eq 0 ] && echo "ok: only $pack_goldens show the built-in pack"
exit "$bad"
