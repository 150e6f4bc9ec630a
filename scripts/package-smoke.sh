#!/usr/bin/env bash
# CI's package check: builds the Debian package from a release build (cpack -G DEB), installs it
# with dpkg -i, and checks what a user gets: `statuslint --version`, `man -w statuslint`, and
# bash and zsh completions that complete subcommands and options. Run as root (or with sudo),
# after scripts/test.sh has built build/ci-release.
#   scripts/package-smoke.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/ci-release}  # where scripts/test.sh builds
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
rm -f "$build"/statuslint_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/statuslint_*.deb)
echo "== $deb"
dpkg-deb --field "$deb" Package Version Depends
grep -q "libre2" <<<"$(dpkg-deb --field "$deb" Depends)" || { echo "FAIL: Depends lacks the shared libraries"; exit 1; }
# Some minimal images exclude man pages from every package; this one is asked for by name.
$SUDO dpkg -i --path-include=/usr/share/man/man1/statuslint.1.gz "$deb"
fail() { echo "FAIL: $*"; exit 1; }
[ "$(command -v statuslint)" = /usr/bin/statuslint ] || fail "statuslint is not /usr/bin/statuslint"
grep -Eq '^statuslint [0-9]+\.[0-9]+\.[0-9]+$' <<<"$(statuslint --version)" || fail "statuslint --version"
page=$(man -w statuslint) || fail "man -w statuslint"
echo "man page: $page"
# Each check captures its input before grep -q: grep stops at its match, and under pipefail
# the writer's SIGPIPE would fail a check that passed.
man_text=$(zcat "$page")
for cmd in SCAN DETECT RULES MERGE EXPLAIN; do
  grep -q "^\.SH $cmd" <<<"$man_text" || fail "the man page has no $cmd section"
done
grep -q -- 'byte\\-range' <<<"$man_text" || fail "the man page lacks scan's options"
grep -q -- '^Report formats' <<<"$man_text" || fail "the man page lacks the report formats"
# bash: subcommands, options from --help, fixed values.
bash_completion=/usr/share/bash-completion/completions/statuslint
complete_bash() {  # WORDS... (the last is the word being completed)
  bash -c 'source "$0"; COMP_WORDS=("${@}"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _statuslint; printf "%s\n" "${COMPREPLY[@]}"' \
    "$bash_completion" "$@"
}
grep -qx scan <<<"$(complete_bash statuslint sc)" || fail "bash: 'statuslint sc' does not complete to scan"
grep -qx -- --byte-range <<<"$(complete_bash statuslint scan --byte)" || fail "bash: scan options"
grep -qx html <<<"$(complete_bash statuslint merge --format h)" || fail "bash: --format values"
grep -qx combined <<<"$(complete_bash statuslint scan -l comb)" || fail "bash: presets"
# zsh: the completion function is found on the default fpath and loads.
grep -q function <<<"$(zsh -fc 'autoload -Uz compinit && compinit -u -d /tmp/statuslint-zcompdump && whence -w _statuslint')" || fail "zsh: _statuslint is not found by compinit"
grep -q function <<<"$(zsh -fc 'source /usr/share/zsh/vendor-completions/_statuslint 2>/dev/null; whence -w statuslint-scan')" || fail "zsh: the completion file does not load"
echo "ok: package installs; --version, man page and completions work"
