#!/bin/sh
# Builds one libFuzzer target in its own build directory (build-fuzz/, not the main build) and
# runs it for SECONDS (one process), with a corpus seeded from our fixtures and models.
#   tests/fuzz/run.sh TARGET SECONDS
# TARGET: litmus_X86 litmus_X86_64 litmus_AArch64 litmus_RISCV litmus_PPC litmus_Go litmus_C cat check
# MEMLIT_FUZZ_NOBUILD=1 skips the build (tests/fuzz/campaign.sh builds every target first).
# Crashes, hangs and sanitizer reports are written to build-fuzz/artifacts/TARGET/.
set -eu
if [ $# -ne 2 ]; then
    echo "usage: tests/fuzz/run.sh TARGET SECONDS" >&2
    exit 2
fi
target=$1
seconds=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MEMLIT_FUZZ_BUILD:-$root/build-fuzz}
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -g -O1"
if [ -z "${MEMLIT_FUZZ_NOBUILD:-}" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="" -DMEMLIT_WERROR=OFF \
        -DBUILD_TESTING=OFF -DMEMLIT_FUZZ=ON >/dev/null
    cmake --build "$build" --target "fuzz_$target" -j2 >/dev/null
fi

# Seeds: for a front end, the bodies of our fixtures of that architecture (the target writes
# the header); for cat, our models; for check, every fixture whole.
corpus=$build/corpus/$target
mkdir -p "$corpus" "$build/artifacts/$target"
case $target in
cat)
    cp "$root"/models/*.cat "$corpus"/ ;;
check)
    find "$root/tests/litmus" -name '*.litmus' -exec cp {} "$corpus"/ \; ;;
litmus_*)
    arch=${target#litmus_}
    # X86_64 has no fixtures of its own: it starts from the X86 bodies.
    [ "$arch" = X86_64 ] && seedarch=X86 || seedarch=$arch
    find "$root/tests/litmus" -name '*.litmus' | while read -r f; do
        if head -n 1 "$f" | grep -q "^$seedarch "; then tail -n +2 "$f" >"$corpus/$(basename "$f")"; fi
    done ;;
*)
    echo "unknown target '$target'" >&2
    exit 2 ;;
esac

# -timeout: an input that takes more than 10 s is reported as a hang; -rss_limit_mb bounds
# memory on a shared machine.
exec "$build/fuzz_$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target/"
