#!/usr/bin/env bash
# compare on two logs == compare on their partial summaries (scan --partial of each side, one
# side split in two files and joined by merge --partial), for -j1 and -j2 and a small chunk
# size: the whole JSON report, but for the names of the inputs.
# Usage: partials_match.sh STATUSLINT SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
/usr/bin/python3 - "$src" <<'PY'
import random, sys
sys.path.insert(0, sys.argv[1] + "/tests/compare")
import simulate
simulate.write_log("base.log", random.Random(1), 6000, 0.002)
simulate.write_log("cand.log", random.Random(2), 6000, 0.02, latency_factor={3: 1.5})
PY
head -n 2500 base.log > base1.log
tail -n +2501 base.log > base2.log
fmt='$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time'
run() { "$bin" "$@" -q --no-config -l "$fmt" || [ $? -eq 1 ]; }
strip() { grep -v '"input":' "$1"; }
run compare -j1 --format json -o direct-j1.json base.log cand.log
run compare -j2 --chunk-size 64K --format json -o direct-j2.json base.log cand.log
run scan -j2 --latency --trends --fail-on none --partial b1.json -o /dev/null base1.log
run scan -j1 --latency --trends --fail-on none --partial b2.json -o /dev/null base2.log
"$bin" merge --no-config --fail-on none --partial base.partial.json -o /dev/null b1.json b2.json
run scan -j2 --latency --trends --fail-on none --partial cand.partial.json -o /dev/null cand.log
"$bin" compare -q --no-config --format json -o partials.json base.partial.json cand.partial.json || [ $? -eq 1 ]
grep -q '"verdict": "fail"' direct-j1.json || { echo "the candidate should fail"; exit 1; }
diff <(strip direct-j1.json) <(strip direct-j2.json) || { echo "-j1 and -j2 differ"; exit 1; }
diff <(strip direct-j1.json) <(strip partials.json) || { echo "logs and partials differ"; exit 1; }
echo "compare on logs, on -j2 with 64K chunks, and on partials: identical"
