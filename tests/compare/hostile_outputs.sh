#!/usr/bin/env bash
# compare's outputs on logs whose paths try to inject Markdown, HTML and workflow commands.
# Markdown goes through a real GFM renderer (Debian's cmark-gfm, with the table
# extension, as GitHub renders job summaries and comments), on logs whose paths try to inject
# Markdown and HTML: the tables keep their columns, no tag or link of the log's own appears,
# and the hostile text is shown as text.
# Usage: hostile_outputs.sh STATUSLINT WORK_DIR
set -euo pipefail
bin=$1 work=$2
command -v cmark-gfm >/dev/null || { echo "cmark-gfm is not installed (apt-get install cmark-gfm)"; exit 1; }
rm -rf "$work" && mkdir -p "$work" && cd "$work"
hostile=('/a|b|c' '/<script>alert(1)</script>' '/[x](javascript:alert(1))' '/![i](http://e.test/p.png)'
         '/**bold**_em_' '/`code`' '/# heading' '/x&amp;y&#60;' '/www.example.com' '/http://e.test/' '/~~s~~' '/<img src=x onerror=alert(1)>')
line() { printf '10.0.0.1 - - [14/Nov/2023:22:13:%02d +0000] "GET %s HTTP/1.1" %s 100 "-" "curl/8" 0.010\n' "$1" "$2" "$3"; }
: > base.log; : > cand.log
for i in $(seq 1 400); do line $((i % 60)) /steady 200 >> base.log; line $((i % 60)) /steady 200 >> cand.log; done
for p in "${hostile[@]}"; do
  for i in $(seq 1 30); do line $((i % 60)) "$p" 200 >> base.log; line $((i % 60)) "$p" 503 >> cand.log; done
  line 1 "$p-new" 200 >> cand.log
done
for i in $(seq 1 30); do line $((i % 60)) $'/esc\e[31mred' 200 >> base.log; line $((i % 60)) $'/esc\e[31mred' 503 >> cand.log; done
fmt='$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time'
"$bin" compare -q --no-config --no-builtin-rules --all --format markdown -l "$fmt" base.log cand.log > report.md || [ $? -eq 1 ]
cmark-gfm --extension table --extension autolink --extension strikethrough --extension tagfilter report.md > report.html
fail() { echo "FAIL: $1"; exit 1; }
grep -q '<table>' report.html || fail "no table rendered"
tags='<script|<img|<a |<h[1-6]>[^<]*heading|<strong>bold|<em>em|<del>|<code>code'
if grep -qiE "$tags" report.html; then
  grep -iE "$tags" report.html | head -5
  fail "log text became Markdown or HTML"
fi
# Every row of a table has as many cells as its header.
/usr/bin/python3 - report.html <<'PY' || fail "a table row has the wrong number of cells"
import re, sys
html = open(sys.argv[1]).read()
for table in re.findall(r"<table>(.*?)</table>", html, re.S):
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    widths = {len(re.findall(r"<t[hd][ >]", r)) for r in rows}
    if len(widths) != 1:
        sys.exit("cells per row: %s" % sorted(widths))
PY
for p in '&lt;script&gt;alert(1)&lt;/script&gt;' 'a|b|c' '[x](javascript:alert(1))' '**bold**_em_' '&amp;amp;'; do
  grep -qF -- "$p" report.html || fail "the path text $p is not shown as text"
done
grep -q 'FAIL' report.html || fail "no verdict line"
echo "markdown: $(grep -c '<tr>' report.html) table rows rendered by cmark-gfm, every hostile path shown as text"
# Text: no byte of the log reaches the terminal raw (an ESC in a path would recolour it).
"$bin" compare -q --no-config --no-builtin-rules --all -l "$fmt" base.log cand.log > out.txt || [ $? -eq 1 ]
if grep -q $'\e' out.txt; then fail "an escape character reached the text report"; fi
grep -qF '/esc\x1b[31mred' out.txt || fail "the path with an ESC is not shown escaped"
# A partial side with reading options is refused, not compared against a differently read log.
"$bin" scan -q --no-config --latency --trends --fail-on none -l "$fmt" --partial base.partial.json -o /dev/null base.log
rc=0; "$bin" compare -q --no-config -l "$fmt" base.partial.json cand.log 2>err.txt || rc=$?
[ "$rc" = 2 ] && grep -q "is a partial summary" err.txt || fail "-l with a partial side: exit $rc, $(cat err.txt)"
# The other formats: JSON and SARIF parse, JUnit and HTML are well-formed, no tag of the log's
# own in the HTML page, and every GitHub line is one statuslint wrote.
for format in json sarif junit html github; do
  "$bin" compare -q --no-config --no-builtin-rules --format $format -l "$fmt" base.log cand.log > out.$format || [ $? -eq 1 ]
done
jq empty out.json && jq empty out.sarif || fail "JSON or SARIF does not parse"
xmllint --noout out.junit || fail "JUnit is not XML"
xmllint --html --noout out.html 2>xmllint.err; [ ! -s xmllint.err ] || { cat xmllint.err; fail "the HTML page does not parse"; }
if grep -qiE "$tags" out.html; then fail "log text became HTML in the page"; fi
grep -q '<h1 class="v-fail">FAIL</h1>' out.html || fail "no verdict in the HTML page"
if [ -n "$(grep -v -E '^(::(error|warning|notice) |statuslint: )' out.github)" ]; then fail "a GitHub line statuslint did not write"; fi
echo "json, sarif, junit, html and github: well-formed, hostile paths kept as text"
