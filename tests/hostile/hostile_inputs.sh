#!/usr/bin/env bash
# Hostile and broken input, end to end: each case runs statuslint on a file built here and
# checks the exit code, the message, and that no line went missing
# (records + malformed + blank + filtered == lines, read from the JSON report).
#   hostile_inputs.sh STATUSLINT SOURCE_DIR WORK_DIR
set -uo pipefail
statuslint=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run NAME EXPECTED_EXIT EXPECTED_STDERR_SUBSTRING ARGS... : runs with --format json -o NAME.json
run() {
  local name=$1 expected=$2 message=$3
  shift 3
  "$statuslint" scan -q --format json -o "$name.json" "$@" 2> "$name.err"
  local rc=$?
  [ "$rc" = "$expected" ] || fail "$name: exit $rc, expected $expected ($(head -c 300 "$name.err"))"
  if [ -n "$message" ] && ! grep -q -- "$message" "$name.err" "$name.json" 2>/dev/null; then
    fail "$name: no '$message' in the error or report"
  fi
  if [ -s "$name.json" ]; then
    jq -e '.inputs | all(.lines == .records + .malformed + .blank + .filtered)' "$name.json" > /dev/null ||
      fail "$name: a line went missing: $(jq -c '.totals' "$name.json")"
  fi
  [ "$rc" -le 2 ] || fail "$name: exit $rc (crash?)"
}
good='203.0.113.9 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"'

python3 -c "import random,sys; r=random.Random(7); sys.stdout.buffer.write(r.randbytes(100*1024*1024))" > random.bin
run random_combined 0 "" -l combined random.bin
run random_detect 2 "cannot detect the log format" random.bin
run random_j2 0 "" -l combined -j 2 --chunk-size 64K random.bin
jq -e --slurpfile a random_combined.json '.totals == $a[0].totals' random_j2.json > /dev/null || fail "random: -j 2 counts differ from -j 1"

{ head -c $((64 * 1024 * 1024)) /dev/zero | tr '\0' 'a'; echo; echo "$good"; } > long-line.log
run long_line 0 "" -l combined long-line.log
jq -e '.totals.malformed == 1 and .totals.records == 1' long_line.json > /dev/null || fail "long line: $(jq -c .totals long_line.json)"
grep -q "longer than the limit" long_line.json || fail "long line: no reason given"

{ printf '%s\n' "$good" | tr 'c' '\0'; head -c 10000 /dev/zero; echo; echo "$good"; } > nul.log
run nul_bytes 0 "" -l combined nul.log

python3 - <<'PY'
import random
r = random.Random(3)
bad = lambda n: bytes(r.choice([0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf5, 0xff]) for _ in range(n))
with open("utf8.log", "wb") as f:
    for i in range(2000):
        f.write(b'203.0.113.' + str(i % 250).encode() + b' - ' + bad(3) + b' [21/Nov/2026:10:00:00 +0000] "GET /' + bad(8) +
                b' HTTP/1.1" ' + (b'499' if i % 3 else b'2\xff0') + b' 0 "' + bad(5) + b'" "' + bad(12) + b'"\n')
PY
run invalid_utf8 1 "" -l combined utf8.log
for format in sarif junit github; do
  "$statuslint" scan -q --format $format -o "utf8.$format" -l combined utf8.log
done
jq empty utf8.sarif 2>/dev/null || fail "invalid UTF-8: SARIF is not JSON"
xmllint --noout utf8.junit 2>/dev/null || fail "invalid UTF-8: JUnit is not XML"

# Standard input, plain and compressed (detected from its bytes, as for files).
"$statuslint" scan -q --fail-on none --format json -o stdin.json - < "$src/samples/common.log" || fail "stdin: exit $?"
jq -e '.inputs[0].name == "<stdin>" and .inputs[0].records == 30' stdin.json > /dev/null || fail "stdin: $(jq -c '.inputs[0]' stdin.json)"
"$statuslint" scan -q --fail-on none --format json -o stdin-gz.json - < "$src/samples/access.log.2.gz" || fail "stdin gzip: exit $?"
jq -e '.inputs[0].compression == "gzip" and .inputs[0].records == 80' stdin-gz.json > /dev/null || fail "stdin gzip: $(jq -c '.inputs[0]' stdin-gz.json)"

: > empty.log
run empty 0 "" empty.log
jq -e '.totals.lines == 0' empty.json > /dev/null || fail "empty: $(jq -c .totals empty.json)"

run directory 2 "is a directory" "$src/samples"
run unreadable 2 "read error" /proc/self/mem
run missing_among_good 2 "cannot open" "$src/samples/common.log" "$work/nope.log" "$src/samples/alb.log"
jq -e '.inputs[0].records == 30 and .inputs[2].records == 30' missing_among_good.json > /dev/null ||
  fail "missing among good: the good inputs were not summarized"

head -c 1500 "$src/samples/access.log.2.gz" > truncated.gz
run truncated_gzip 2 "gzip stream is truncated" truncated.gz
jq -e '.totals.lines > 0' truncated_gzip.json > /dev/null || fail "truncated gzip: what was read was not kept"
python3 - "$src/samples/access.log.2.gz" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
second = data.index(b"\x1f\x8b", 10)          # the second gzip member
for i in range(second + 40, second + 80): data[i] ^= 0x55
open("corrupt.gz", "wb").write(data)
PY
run corrupt_member 2 "member 2" corrupt.gz
jq -e '.totals.records >= 40' corrupt_member.json > /dev/null || fail "corrupt member: the first member was not kept"

zstd -q -c "$src/samples/combined.log" > full.zst && head -c $(( $(stat -c %s full.zst) - 9 )) full.zst > cut.zst
run zstd_cut 2 "zstd stream is truncated" cut.zst

# zstd writes a 2 GiB window (--long=31) when it compresses a stream of unknown size; zstd's
# own decoder refuses it by default, statuslint reads it (its limit is that window).
zstd --long=31 -q -c < "$src/samples/combined.log" > long-window.zst
run zstd_long_window 0 "" --fail-on none long-window.zst
jq -e '.totals.records == 94' zstd_long_window.json > /dev/null || fail "zstd --long=31: $(jq -c .totals zstd_long_window.json)"

head -c 5000 "$src/samples/chrome.har" > truncated.har
run har_truncated 2 "HAR is truncated" truncated.har
jq -e '.totals.records >= 1' har_truncated.json > /dev/null || fail "truncated HAR: complete entries were not kept"

python3 -c "print('{\"status\":200,\"a\":' + '[' * 200000 + ']' * 200000 + '}')" > deep.jsonl
run deep_json_line 0 "" -l nginx-json deep.jsonl
python3 -c "print('{\"log\":{\"entries\":' + '[' * 200000)" > deep.har
run deep_har 2 "not a valid HAR" -l har deep.har

head -c $((1024 * 1024 * 1024)) /dev/zero | tr '\0' ' ' > whitespace.har
run whitespace_har 2 "not a valid HAR" -l har whitespace.har
run whitespace_detect 2 "cannot detect" whitespace.har
rm -f whitespace.har random.bin long-line.log

cat > edges.log <<LOG
203.0.113.1 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 99999999999999999999 5 "-" "-" 1
203.0.113.2 - - [21/Nov/2026:10:00:00 +0000] "GET /b HTTP/1.1" 200 -12345 "-" "-" 1
203.0.113.3 - - [99/Nov/99999:10:00:00 +0000] "GET /c HTTP/1.1" 200 5 "-" "-" 1
203.0.113.4 - - [21/Nov/2026:10:00:00 +0000] "GET /d HTTP/1.1" 200 5 "-" "-" 1e308
203.0.113.5 - - [21/Nov/2026:10:00:00 +0000] "GET /e HTTP/1.1" 200 5 "-" "-" 1e309
LOG
cat > slow.toml <<'RULE'
[[rule]]
id = "t/slow"
severity = "warning"
summary = "slow"
explanation = "e"
reference = "r"
[rule.match]
request_time = "> 1000"
[[rule.fires]]
request_time = 5000.0
[[rule.silent]]
request_time = 1.0
RULE
fmt='$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time'
run edges 1 "" -l "$fmt" --trends --rules slow.toml edges.log
jq -e '.totals.records == 5' edges.json > /dev/null || fail "edges: $(jq -c .totals edges.json)"
jq -e '.findings[] | select(.rule == "status/invalid") | .count == 1' edges.json > /dev/null || fail "edges: huge status"
jq -e '.findings[] | select(.rule == "t/slow") | .count == 1' edges.json > /dev/null || fail "edges: 1e308 s is slow, 1e309 unreadable"
jq -e '.trends.undated == 1' edges.json > /dev/null || fail "edges: the impossible date is undated"

# Long lines below the line limit, first and in the middle, around the structural window
# (16 KiB) and the detection window (64 KiB), and 1 MB and 15 MB: one record each, the rest
# read, at the default -j and with small chunks. A line longer than the window followed by
# more lines crashed the fast path; one at the top hid the whole file from detection.
/usr/bin/python3 - "$good" <<'PY'
import sys
good = sys.argv[1]
head, tail = good.rsplit('"', 2)[0], '"'
def line(size):  # a combined line of `size` bytes, its user agent padded
    return head + '"' + "M" * (size - len(head) - 2) + tail
for size in (16383, 16384, 16385, 65535, 65536, 65537, 1_000_000, 15_000_000):
    with open(f"long-{size}-first.log", "w") as f:
        f.write(line(size) + "\n" + (good + "\n") * 200)
    with open(f"long-{size}-middle.log", "w") as f:
        f.write((good + "\n") * 10 + line(size) + "\n" + (good + "\n") * 10)
with open("leading-blank.log", "w") as f:
    f.write("\n" * 65536 + (good + "\n") * 20)
PY
for f in long-*.log; do
  for opts in "" "-j 2 --chunk-size 64K"; do
    run "${f%.log}" 0 "" --fail-on none $opts "$f"
    jq -e '.totals.malformed == 0 and .totals.records == .totals.lines and .inputs[0].format == "combined"' \
      "${f%.log}.json" > /dev/null || fail "$f ($opts): $(jq -c '.totals' "${f%.log}.json")"
  done
done
run leading_blank 0 "" --fail-on none leading-blank.log
jq -e '.totals.records == 20 and .totals.blank == 65536' leading_blank.json > /dev/null ||
  fail "64 KiB of blank lines first: $(jq -c .totals leading_blank.json)"
rm -f long-*.log leading-blank.log
# One-line (minified) HARs of 64 KiB +- 1 and 1 MB are HARs, detected from their first bytes.
/usr/bin/python3 - "$src/samples/chrome.har" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))["log"]["entries"]
for size in (65535, 65536, 65537, 1_000_000):
    har = {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": []}}
    while len(json.dumps(har, separators=(",", ":"))) < size - 3000:
        har["log"]["entries"] += entries
    text = json.dumps(har, separators=(",", ":"))
    open(f"one-line-{size}.har", "w").write(text + " " * (size - len(text)))
PY
for f in one-line-*.har; do
  run "${f%.har}" 0 "" --fail-on none "$f"
  jq -e '.inputs[0].format == "har" and .totals.records > 0 and .totals.malformed == 0' "${f%.har}.json" > /dev/null ||
    fail "$f: $(jq -c '.inputs[0] | {format, error, records}' "${f%.har}.json")"
done
rm -f one-line-*.har

# 100,000 small inputs (a day of S3 or CloudFront objects) in bounded memory: a finished input
# keeps only its row (guide, Limits: about 0.6 KB each) and the JSON report is written out as
# it is made (78 MB here; held whole it took the peak to 263 MB), named through --files-from. Under the
# sanitizers (STATUSLINT_SANITIZED, set by CMake), whose allocator doubles memory and time,
# 10,000 inputs and no bound.
/usr/bin/python3 - "$statuslint" "$good" "${STATUSLINT_SANITIZED:-0}" <<'PY' || fail "many small inputs"
import json, os, resource, subprocess, sys
statuslint, line, sanitized = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
count = 10_000 if sanitized else 100_000
os.makedirs("many", exist_ok=True)
names = []
for i in range(count):
    name = f"many/{i}.log"
    with open(name, "w") as f:
        f.write(line + "\n")
    names.append(name)
with open("many.txt", "w") as f:
    f.write("\n".join(names) + "\n")
rc = subprocess.run([statuslint, "scan", "-q", "--fail-on", "none", "--format", "json", "-o", "many.json",
                     "--files-from", "many.txt"]).returncode
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
report = json.load(open("many.json"))
ok = rc == 0 and len(report["inputs"]) == count and report["totals"]["records"] == count and (sanitized or peak_mb < 128)
print(f"{count} inputs: exit {rc}, {report['totals']['records']} records, peak {peak_mb:.0f} MB")
sys.exit(0 if ok else 1)
PY
rm -rf many many.txt many.json

# Write failures are said, with exit 2: a full disk, a closed pipe (SIGPIPE ignored, as some
# runners do), and an unwritable -o or --partial, found before any input is read (no format
# note on stderr: nothing was scanned).
"$statuslint" scan --fail-on none "$src/samples/combined.log" > /dev/full 2> full.err
rc=$?
{ [ "$rc" = 2 ] && grep -q "cannot write the report to standard output: No space left on device" full.err; } ||
  fail "full disk: exit $rc, $(cat full.err)"
(trap '' PIPE; "$statuslint" scan -q --fail-on none "$src/samples/combined.log" 2> pipe.err | true; exit "${PIPESTATUS[0]}")
rc=$?
{ [ "$rc" = 2 ] && grep -q "Broken pipe" pipe.err; } || fail "closed pipe: exit $rc, $(cat pipe.err)"
for option in -o --partial; do
  "$statuslint" scan --fail-on none $option /nonexistent-dir/r.json "$src/samples/combined.log" > /dev/null 2> unwritable.err
  rc=$?
  { [ "$rc" = 2 ] && grep -q "cannot write /nonexistent-dir/r.json: No such file or directory" unwritable.err &&
    ! grep -q "format combined" unwritable.err; } || fail "unwritable $option: exit $rc, $(cat unwritable.err)"
done
# -o replaces its file whole: the old report stays until the new one is complete.
echo old > kept.json
"$statuslint" scan -q --fail-on none --format json -o kept.json "$src/samples/combined.log" || fail "-o: exit $?"
jq -e '.totals.records > 0' kept.json > /dev/null || fail "-o: the report was not written"
[ -z "$(ls -A . | grep statuslint-)" ] || fail "-o: a temporary file was left: $(ls -A . | grep statuslint-)"

if [ "$failures" -gt 0 ]; then
  echo "$failures hostile-input checks failed"
  exit 1
fi
echo "all hostile-input checks passed"
