#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   1. release build, warnings as errors, all tests (unit, golden CLI, SARIF schema,
#      shard-and-merge, hostile inputs, output well-formedness, benchmark smoke run);
#   2. the same tests under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. every libFuzzer target for FUZZ_SECONDS (default 45) each;
#   4. clang-tidy on the sources;
#   5. a package configure that may find neither GTest nor Google Benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --workflow --preset ci-release
cmake --workflow --preset ci-asan
bash scripts/fuzz.sh "${FUZZ_SECONDS:-45}"
bash scripts/tidy.sh build/ci-release
cmake --preset package -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON > /dev/null
