#!/usr/bin/env bash
# Installs what statuslint needs to build and test on Debian 12, from Debian's packages only.
# Run as root (or with sudo). Safe to run again: apt skips what is already installed.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libsimdjson-dev libre2-dev libboost-program-options-dev libgtest-dev libbenchmark-dev
  libtomlplusplus-dev libyaml-cpp-dev libisal-dev libzstd-dev zlib1g-dev libxxhash-dev
  python3 jq zstd libxml2-utils clang libclang-rt-14-dev clang-tidy
  chromium python3-distributed python3-scipy cmark-gfm prometheus help2man dpkg-dev file man-db bash-completion zsh
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Microsoft's SARIF validator (npm), for the SARIF schema test. Installed outside the
# repository; CMake finds it there.
# Node and npm come from Debian when the machine has none (some images ship their own).
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
tools=${STATUSLINT_TOOLS:-$HOME/.cache/statuslint-tools}
multitool=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$multitool" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" @microsoft/sarif-multitool-linux@5.7.0 >/dev/null
  chmod u+x "$multitool"
fi
