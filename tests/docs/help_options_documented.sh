#!/usr/bin/env bash
# Every long option the binary prints in its help is documented in docs/*.md: the options of
# `statuslint --help` and of `statuslint COMMAND --help` for every subcommand that
# `statuslint --help` lists. README.md alone does not count: the user guide and the other
# documents under docs/ are where options are described. An option is found when it stands as a
# word of its own (`--top` is not found inside `--top-memory`).
#   help_options_documented.sh STATUSLINT SOURCE_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 STATUSLINT SOURCE_DIR" >&2; exit 2; }
bin=$1 src=$2

shopt -s nullglob
docs=("$src"/docs/*.md)
shopt -u nullglob
[ "${#docs[@]}" -gt 0 ] || { echo "FAIL: no docs/*.md under $src"; exit 1; }

top_help=$("$bin" --help)
# The usage lines name the subcommands: "  statuslint scan [options] FILE...".
mapfile -t commands < <(printf '%s\n' "$top_help" | sed -nE 's/^ +statuslint ([a-z][a-z0-9-]*)( .*)?$/\1/p' | awk '!seen[$0]++')
[ "${#commands[@]}" -ge 1 ] || { echo "FAIL: statuslint --help lists no subcommand"; exit 1; }

long_options() {  # help text on stdin: every --option, once, in order of appearance
  grep -oE -- '(^|[^a-zA-Z0-9-])--[a-zA-Z][a-zA-Z0-9-]*' | sed -E 's/^[^-]*//' | awk '!seen[$0]++'
}

documented() {  # OPTION: found as a word of its own in some docs/*.md
  grep -qE -- "(^|[^a-zA-Z0-9-])$1([^a-zA-Z0-9-]|\$)" "${docs[@]}"
}

missing=0 checked=0
check() {  # COMMAND-LABEL, help text on stdin (not in a pipe: the counts must survive)
  local label=$1 option
  while IFS= read -r option; do
    checked=$((checked + 1))
    if ! documented "$option"; then
      echo "MISSING: $option ($label) appears in no docs/*.md"
      missing=$((missing + 1))
    fi
  done < <(long_options)
}

check "statuslint --help" <<<"$top_help"
for cmd in "${commands[@]}"; do
  help=$("$bin" "$cmd" --help) || { echo "FAIL: statuslint $cmd --help exited with $?"; exit 1; }
  check "statuslint $cmd" <<<"$help"
done

if [ "$missing" -gt 0 ]; then
  echo "FAIL: $missing of $checked options are not documented in docs/*.md"
  exit 1
fi
echo "ok: every long option of statuslint --help and of ${#commands[@]} subcommands (${commands[*]}) is in docs/*.md ($checked checked, counted per command)"
