#!/usr/bin/env bash
# Generates statuslint(1) from the binary's own --help texts with help2man: the top-level help,
# then one section per subcommand with that command's --help, so the page covers every
# subcommand and cannot fall behind the binary. Writes OUT (gzip'd, reproducibly: no name, no time).
#   man-page.sh STATUSLINT OUT.1.gz
set -euo pipefail
bin=$1 out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
include=$tmp/include.h2m
{
  for cmd in scan detect rules merge explain; do
    echo "[${cmd^^}]"
    echo ".nf"
    # roff: a backslash is \e, a hyphen \- (so options copy as typed); a line may not start
    # with . or '
    "$bin" "$cmd" --help | sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\([.']\)/\\\\\&\1/"
    echo ".fi"
  done
  cat <<'MORE'
[FILES]
.TP
.I .statuslint.toml
Project file: rules, severities and the gate, found from the current directory up.
.TP
.I /usr/share/doc/statuslint/
README, the guide, the JSON schema, the rule language and examples.
[SEE ALSO]
The guide (formats, rules, outputs, gates, CI recipes) in /usr/share/doc/statuslint/guide.md,
the JSON report in json-schema.md, compare in compare.md, and the rule language in rules.md,
all in /usr/share/doc/statuslint/.
MORE
} > "$include"
help2man --no-info --no-discard-stderr --section 1 --name "HTTP response linter and access-log analyzer" \
  --include "$include" --output "$tmp/statuslint.1" "$bin"
gzip -9 -n -c "$tmp/statuslint.1" > "$out"
