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
# Captured before grep: grep -q stops reading at its match, and under pipefail the writer's
# SIGPIPE would fail the test on a fast machine.
got=$(complete_bash scan --byte)
grep -qx -- --byte-range <<<"$got" || fail "scan options: [$got]"
want=$("$bin" scan --help | sed -n '/^Report formats/,/^$/p' | awk 'NR > 1 && NF {print $1}' | sort)
[ "$(echo "$want" | wc -l)" -ge 6 ] || fail "scan --help lists fewer than six report formats: $want"
got=$(complete_bash scan --format '' | sort)
[ "$got" = "$want" ] || fail "scan --format completes to [$got], not [$want]"
got=$(complete_bash merge --format '' | sort)
[ "$got" = "$want" ] || fail "merge --format completes to [$got], not [$want]"
[ "$(complete_bash detect --format '' | sort | tr '\n' ' ')" = "json text " ] || fail "detect --format"
presets=$(complete_bash scan -l '' | wc -l)
[ "$presets" -ge 40 ] || fail "scan -l completes $presets presets"
got=$(complete_bash scan -l comb)
grep -qx combined <<<"$got" || fail "scan -l comb completes to [$got]"
echo "ok: completions"
