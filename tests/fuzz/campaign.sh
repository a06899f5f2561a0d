#!/bin/sh
# The fuzzing campaign of docs/fuzzing.md: builds every libFuzzer target once, then runs them
# all at once under `nice -n 19` for SECONDS each (libFuzzer's -max_total_time, wall clock),
# one log per target in build-fuzz/logs/, and prints each target's final stats.
#   tests/fuzz/campaign.sh SECONDS [TARGET...]
set -eu
if [ $# -lt 1 ]; then
    echo "usage: tests/fuzz/campaign.sh SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
targets=${*:-"litmus_X86 litmus_X86_64 litmus_AArch64 litmus_RISCV litmus_PPC litmus_Go litmus_C cat check"}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MEMLIT_FUZZ_BUILD:-$root/build-fuzz}
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -g -O1"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="" -DMEMLIT_WERROR=OFF \
    -DBUILD_TESTING=OFF -DMEMLIT_FUZZ=ON >/dev/null
set --  # the build targets, from the names (the arguments were the names)
for t in $targets; do set -- "$@" "fuzz_$t"; done
nice -n 19 cmake --build "$build" -j2 --target "$@" >/dev/null

mkdir -p "$build/logs"
pids=""
for t in $targets; do
    MEMLIT_FUZZ_NOBUILD=1 nice -n 19 sh "$root/tests/fuzz/run.sh" "$t" "$seconds" \
        >"$build/logs/$t.log" 2>&1 &
    pids="$pids $!"
done
status=0
for p in $pids; do wait "$p" || status=1; done
for t in $targets; do
    printf '%s: ' "$t"
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|Done [0-9]+ runs)' \
        "$build/logs/$t.log" | tr '\n' ' '
    echo
done
exit $status
