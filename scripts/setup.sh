#!/usr/bin/env bash
# Installs the Debian packages memlit needs (only those missing), then configures and builds.
# Usage: scripts/setup.sh [--cross] [BUILD_DIR]   (default: build)
#   --cross   also the AArch64, RISC-V and Power cross compilers and qemu-user, for
#             `memlit run --target aarch64`, `--target riscv64` and `--target ppc64le`
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
pkgs=(g++ cmake make pkg-config libz3-dev nlohmann-json3-dev libcli11-dev catch2 python3 python3-yaml golang-go parallel
      libcpp-httplib-dev chromium)
build=
for arg in "$@"; do
  case "$arg" in
    --cross) pkgs+=(g++-aarch64-linux-gnu g++-riscv64-linux-gnu g++-powerpc64le-linux-gnu qemu-user) ;;
    -*) echo "setup: unknown option $arg (usage: scripts/setup.sh [--cross] [BUILD_DIR])" >&2; exit 2 ;;
    *) build=$arg ;;
  esac
done
build=${build:-"$here/build"}

need=()
for pkg in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release} ${MEMLIT_CMAKE_FLAGS:-}
cmake --build "$build" -j "$jobs"
