#!/usr/bin/env bash
# scan and merge --format markdown, rendered by a real GFM renderer (Debian's cmark-gfm, with
# GitHub's extensions), on a log whose paths, agents and file name try to inject Markdown and
# HTML: every table keeps its columns, no tag, link or emphasis of the log's own appears, the
# hostile text is shown as text, and merge of partials writes the same Markdown as the scan.
# Usage: markdown_hostile.sh STATUSLINT WORK_DIR
set -euo pipefail
bin=$1 work=$2
command -v cmark-gfm >/dev/null || { echo "cmark-gfm is not installed (apt-get install cmark-gfm)"; exit 1; }
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $1"; exit 1; }
hostile=('/a|b|c' '/<script>alert(1)</script>' '/[x](javascript:alert(1))' '/![i](http://e.test/p.png)'
         '/**bold**_em_' '/`code`' '/# heading' '/x&amp;y&#60;' '/http://e.test/' '/~~s~~' '/<img src=x onerror=alert(1)>'
         '/@octocat' '/#123' '/$x$')
log='a|b <i>*x*.log'
: > "$log"
for p in "${hostile[@]}"; do
  for status in 200 444 503 405; do
    printf '10.0.0.1 - - [14/Nov/2023:22:13:01 +0000] "GET %s HTTP/1.1" %s 100 "-" "<b>agent</b>|x" 0.010\n' "$p" "$status" >> "$log"
  done
done
printf 'not a log line <script>alert(2)</script> | **x**\n' >> "$log"
fmt='$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time'
scan=("$bin" scan -q --no-config --top 5 --latency --max-rate 5xx=1 -l "$fmt")
"${scan[@]}" --format markdown "$log" > report.md || [ $? -eq 1 ]
cmark-gfm --extension table --extension autolink --extension strikethrough --extension tagfilter report.md > report.html
grep -q '<table>' report.html || fail "no table rendered"
tags='<script|<img|<a |<b>|<i>|<h[1-6]>[^<]*heading|<strong>bold|<em>|<del>|<code>code'
if grep -qiE "$tags" report.html; then
  grep -iE "$tags" report.html | head -5
  fail "log text became Markdown or HTML"
fi
/usr/bin/python3 - report.html <<'PY' || fail "a table row has the wrong number of cells"
import re, sys
html = open(sys.argv[1]).read()
tables = re.findall(r"<table>(.*?)</table>", html, re.S)
assert len(tables) >= 5, "expected budgets, findings, classes, latency and routes tables, got %d" % len(tables)
for table in tables:
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    widths = {len(re.findall(r"<t[hd][ >]", r)) for r in rows}
    if len(widths) != 1:
        sys.exit("cells per row: %s" % sorted(widths))
PY
for p in '&lt;script&gt;alert(1)&lt;/script&gt;' 'a|b|c' '[x](javascript:alert(1))' '**bold**_em_' '![i](http://e.test/p.png)' \
         'a|b &lt;i&gt;*x*.log'; do
  grep -qF -- "$p" report.html || fail "the text $p is not shown as text"
done
grep -q '<h3>statuslint: FAIL</h3>' report.html || fail "no verdict line"
if grep -qE '@octocat|#123' report.html; then fail "a mention or issue reference survived unbroken"; fi
# merge of two partials writes the same Markdown as the scan of the whole.
head -n 30 "$log" > one.log; tail -n +31 "$log" > two.log
"${scan[@]}" --partial p1.json -o /dev/null one.log || [ $? -eq 1 ]
"${scan[@]}" --partial p2.json -o /dev/null two.log || [ $? -eq 1 ]
"${scan[@]}" --format markdown one.log two.log > scan.md || [ $? -eq 1 ]
"$bin" merge --no-config --top 5 --max-rate 5xx=1 --format markdown p1.json p2.json > merge.md || [ $? -eq 1 ]
diff scan.md merge.md || fail "merge --format markdown differs from the scan's"
# A clean run says PASS.
printf '10.0.0.1 - - [14/Nov/2023:22:13:01 +0000] "GET / HTTP/1.1" 200 100 "-" "curl" 0.010\n' > clean.log
"$bin" scan -q --no-config --format markdown -l "$fmt" clean.log > clean.md
grep -q '^### statuslint: PASS' clean.md || fail "a clean run is not PASS"
echo "markdown: $(grep -c '<tr>' report.html) table rows rendered by cmark-gfm; hostile text kept as text; merge == scan"
