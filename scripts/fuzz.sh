#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for SECONDS (default 30).
# Seeds come from samples/, the rule packs and tests/fuzz/corpus/ (inputs kept from earlier
# runs); new inputs the fuzzers find go to build/fuzz-corpus/. A crash stops with its input
# saved as build/fuzz-artifacts/crash-*, and the script exits non-zero.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz
root=$PWD
bin=$root/build/fuzz/tests/fuzz
seeds=$root/build/fuzz-seeds
corpus=$root/build/fuzz-corpus
artifacts=$root/build/fuzz-artifacts
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"

# Seeds: real inputs, each prefixed with the selector byte the target reads first.
seed() {  # target name selector-byte file
  mkdir -p "$seeds/$1"
  { printf "\\x$(printf %02x "$3")"; cat "$4"; } > "$seeds/$1/$2"
}
n=0
for f in samples/*.log; do  # one line per preset file; selector = preset index
  i=0
  for preset in traefik vcombined vcommon combined common haproxy istio envoy ingress-nginx awselb awss3 cloudstorage squid alb cloudfront w3c; do
    n=$((n + 1))
    head -c 4000 "$f" | head -n 3 | tail -n 1 > "$seeds/line.tmp"
    seed log_line "$preset-$n" $i "$seeds/line.tmp"
    # fuzz_structural reads a second byte: the instruction set and the line's alignment.
    { printf "\\x$(printf %02x $((n % 256)))"; cat "$seeds/line.tmp"; } > "$seeds/line2.tmp"
    seed structural "$preset-$n" $i "$seeds/line2.tmp"
    i=$((i + 1))
  done
done
# fuzz_long_lines: a sample line whose part at 60% is repeated 2,000 to 60,000 times.
mkdir -p "$seeds/long_lines"
for sample in combined:3 vcombined:1 haproxy:5 envoy:7 alb:13; do  # sample:preset index (the order above)
  for times in 2000 16000 60000; do
    { printf "\\x$(printf %02x "${sample#*:}")\\x99\\x07\\x$(printf %02x $((times >> 8)))\\x$(printf %02x $((times & 255)))\\x0$((times % 9))"
      head -n 12 "samples/${sample%:*}.log"; } > "$seeds/long_lines/${sample%:*}-$times"
  done
done
seed format_compiler nginx 0 samples/nginx-custom.format
printf '%%h %%l %%u %%t "%%r" %%>s %%b "%%{Referer}i" "%%{User-Agent}i"' > "$seeds/fmt.tmp"
seed format_compiler apache 1 "$seeds/fmt.tmp"
printf 'date time c-ip cs-method cs-uri-stem sc-status' > "$seeds/fmt.tmp"
seed format_compiler w3c 2 "$seeds/fmt.tmp"
mkdir -p "$seeds/har" "$seeds/rule_file" "$seeds/json_lines" "$seeds/decompress" "$seeds/detect"
k=0
for f in samples/*.log samples/*.jsonl samples/*.csv; do  # every format and envelope, detected
  seed detect "sample-$k" $(((k * 7) % 256)) "$f"
  k=$((k + 1))
done
cp samples/*.har "$seeds/har/"
cp rules/builtin/*.toml tests/data/rules/*.toml "$seeds/rule_file/"
k=0
for f in samples/*.jsonl; do seed json_lines "jsonl-$k" $k "$f"; k=$((k + 1)); done
seed decompress gzip 7 samples/access.log.2.gz
seed decompress plain 1 samples/combined.log
zstd -q -c samples/common.log > "$seeds/zst.tmp" && seed decompress zstd 3 "$seeds/zst.tmp"
rm -f "$seeds"/*.tmp

status=0
for target in log_line format_compiler har json_lines rule_file decompress detect structural long_lines; do
  mkdir -p "$corpus/$target"
  dirs=("$corpus/$target" "$seeds/$target")
  [ -d "tests/fuzz/corpus/$target" ] && dirs+=("tests/fuzz/corpus/$target")
  echo "== fuzz_$target for ${seconds}s"
  if ! "$bin/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
      -artifact_prefix="$artifacts/" -print_final_stats=1 "${dirs[@]}" > "$artifacts/$target.log" 2>&1; then
    echo "fuzz_$target FAILED:"
    tail -40 "$artifacts/$target.log"
    status=1
  else
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$artifacts/$target.log" | tail -2
  fi
done
exit $status
