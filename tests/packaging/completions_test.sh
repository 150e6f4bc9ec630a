#!/usr/bin/env bash
# The bash completion, run against the built binary: subcommands, options read from --help,
# and the lists the binary prints (report formats, presets) complete in full.
#   completions_test.sh STATUSLINT COMPLETION_FILE
set -euo pipefail
bin=$1 completion=$2
fail() { echo "FAIL: $*"; exit 1; }
complete_bash() {  # WORDS... (the last is the word being completed)
  bash -c 'source "$0"; COMP_WORDS=("${@}"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _statuslint; printf "%s\n" "${COMPREPLY[@]}"' \
    "$completion" "$bin" "$@"
}
[ "$(complete_bash de)" = detect ] || fail "'de' does not complete to detect"
complete_bash scan --byte | grep -qx -- --byte-range || fail "scan options"
want=$("$bin" scan --help | sed -n '/^Report formats/,/^$/p' | awk 'NR > 1 && NF {print $1}' | sort)
[ "$(echo "$want" | wc -l)" -ge 6 ] || fail "scan --help lists fewer than six report formats: $want"
got=$(complete_bash scan --format '' | sort)
[ "$got" = "$want" ] || fail "scan --format completes to [$got], not [$want]"
got=$(complete_bash merge --format '' | sort)
[ "$got" = "$want" ] || fail "merge --format completes to [$got], not [$want]"
[ "$(complete_bash detect --format '' | sort | tr '\n' ' ')" = "json text " ] || fail "detect --format"
presets=$(complete_bash scan -l '' | wc -l)
[ "$presets" -ge 40 ] || fail "scan -l completes $presets presets"
complete_bash scan -l comb | grep -qx combined || fail "presets"
echo "ok: completions"
