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
# The text presets, in the order the fuzzers index them (LogFormat::presets(), which the
# binary lists first), each with its own sample: asked of the binary, never kept here.
mapfile -t text_presets < <("$root/build/fuzz/statuslint" detect --list-presets | awk -F'\t' '$2 == "text" {print $1 "\t" $3}')
[ "${#text_presets[@]}" -ge 40 ] || { echo "fuzz.sh: the binary lists ${#text_presets[@]} text presets"; exit 2; }
preset_index() {  # NAME: its selector byte
  local i
  for i in "${!text_presets[@]}"; do [ "${text_presets[$i]%%$'\t'*}" = "$1" ] && { echo "$i"; return; }; done
  echo "fuzz.sh: no text preset $1" >&2; exit 2
}
n=0
for i in "${!text_presets[@]}"; do  # each preset's sample lines, selected for that preset
  sample=samples/${text_presets[$i]#*$'\t'}
  for line in 1 2 3 5 8; do
    n=$((n + 1))
    head -c 16000 "$sample" | sed -n "${line}p" > "$seeds/line.tmp"
    [ -s "$seeds/line.tmp" ] || continue
    seed log_line "preset$i-$line" "$i" "$seeds/line.tmp"
    # fuzz_structural reads a second byte: the instruction set and the line's alignment.
    { printf "\\x$(printf %02x $((n % 256)))"; cat "$seeds/line.tmp"; } > "$seeds/line2.tmp"
    seed structural "preset$i-$line" "$i" "$seeds/line2.tmp"
  done
done
# fuzz_long_lines: a sample line whose part at 60% is repeated 2,000 to 60,000 times.
mkdir -p "$seeds/long_lines"
for name in combined vcombined haproxy envoy alb; do
  i=$(preset_index "$name")
  for times in 2000 16000 60000; do
    { printf "\\x$(printf %02x "$i")\\x99\\x07\\x$(printf %02x $((times >> 8)))\\x$(printf %02x $((times & 255)))\\x0$((times % 9))"
      head -n 12 "samples/$name.log"; } > "$seeds/long_lines/$name-$times"
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
# fuzz_distribution: request times as nginx writes them (a few hundred distinct values), and
# values spread past the exact bound (the first byte's high bits), to start on both sides of it.
mkdir -p "$seeds/distribution"
printf '\x03\x01\x2a\x01\x07\x02\x01\xf4\x02\x03\xe8\x01\x00' > "$seeds/distribution/exact"
printf '\xf9\x02\x01\xf4\x04\x00\x98\x96\x80\x08\x00\x00\x00\x0b\xad\xbe\xef\x01' > "$seeds/distribution/folded"
rm -f "$seeds"/*.tmp

status=0
for target in log_line format_compiler har json_lines rule_file decompress detect structural long_lines \
    distribution; do
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
