#!/bin/sh
# How far past --timeout a check runs: each file alone, one process each, wall clock measured
# outside memlit. Prints the slowest five and a summary line.
# Usage: bench/timeout-overshoot.sh MEMLIT SECONDS LIST [check options...]
#   LIST: a file naming one litmus file per line (relative to the current directory).
# e.g. (the 124 LKMM tests the reference took over 20 s on, or never finished):
#   cd ../shared/conformance/LKMM && python3 -c "import json; \
#     [print(r['file']) for r in map(json.loads, open('expected.jsonl')) \
#      if r.get('herd_ms') is None or r['herd_ms'] > 20000]" > /tmp/big.txt
#   ../../../main/bench/timeout-overshoot.sh ../../../main/build/memlit 1 /tmp/big.txt --model lkmm --engine z3
set -u
memlit=$1
limit=$2
list=$3
shift 3
out=$(mktemp)
while read -r f; do
    start=$(date +%s.%N)
    timeout 120 "$memlit" check --timeout "$limit" "$@" "$f" >/dev/null 2>&1
    rc=$?
    end=$(date +%s.%N)
    printf '%s %s %s\n' "$(echo "$end - $start" | bc)" "$rc" "$f" >>"$out"
done <"$list"
sort -rn "$out" | head -n 5
awk -v t="$limit" '{ n++; if ($1 > max) max = $1; if ($1 > t + 0.5) over++ }
    END { printf "%d files, slowest %.2f s at --timeout %s, %d over the timeout by more than 0.5 s\n", n, max, t, over }' "$out"
rm -f "$out"
