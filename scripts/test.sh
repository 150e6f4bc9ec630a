#!/usr/bin/env bash
# The whole test suite, as CI runs it: a release build and an AddressSanitizer +
# UndefinedBehaviorSanitizer build, both with warnings as errors, each followed by ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --workflow --preset ci-release
cmake --workflow --preset ci-asan
