#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite through ctest under
# AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, in build-san/: one
# -O1 sanitised build of everything (docs/contributing.md, "Testing"). Any sanitizer report
# fails the test that triggered it (UBSan is built with -fno-sanitize-recover).
#   MEMLIT_SANITIZE=OFF bash scripts/test.sh   the same suite on a plain Release build in build/
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ "${MEMLIT_SANITIZE:-ON}" = OFF ]; then
  build="$here/build"
  "$here/scripts/setup.sh" "$build"
else
  build="$here/build-san"
  MEMLIT_CMAKE_FLAGS="-DMEMLIT_SANITIZE=ON ${MEMLIT_CMAKE_FLAGS:-}" "$here/scripts/setup.sh" "$build"
  # halt_on_error and abort_on_error: a report ends the process with an error status, so
  # the test fails; detect_leaks: LeakSanitizer at exit (memlit releases nothing on purpose
  # without telling it, cli/TestChecker.cpp).
  export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:detect_odr_violation=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
  # ASan's stack frames are several times a release build's: the tests that feed deep input
  # (a 3,000-term cat union evaluated recursively) are sized for the default 8 MB stack of a
  # release build, so the sanitised run gets a proportionally larger one.
  ulimit -s 65536 2>/dev/null || ulimit -s unlimited 2>/dev/null || true
fi
cd "$build"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" --timeout 600
