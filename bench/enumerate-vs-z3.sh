#!/bin/sh
# Times the two engines on each litmus file given (exact counts: --max-executions 0) and prints
# one line per test: user seconds of the enumerator, of Z3, and the enumerator's counts. What
# the `--engine auto` thresholds in engine/EngineSelector.hpp were chosen from
# (docs/performance.md). Usage: bench/enumerate-vs-z3.sh MEMLIT MODEL FILE...
set -eu
memlit=$1; model=$2; shift 2
for f in "$@"; do
    /usr/bin/time -o /tmp/enumerate-vs-z3.t$$ -f "%U" "$memlit" check --model "$model" --engine enumerate \
        --max-executions 0 "$f" >/tmp/enumerate-vs-z3.$$ 2>/dev/null || true
    e=$(cat /tmp/enumerate-vs-z3.t$$)
    obs=$(grep '^Observation' /tmp/enumerate-vs-z3.$$ | cut -d' ' -f3- || true)
    /usr/bin/time -o /tmp/enumerate-vs-z3.t$$ -f "%U" "$memlit" check --model "$model" --engine z3 \
        --max-executions 0 "$f" >/dev/null 2>&1 || true
    z=$(cat /tmp/enumerate-vs-z3.t$$)
    printf '%s\tenumerate %ss\tz3 %ss\t%s\n' "$(basename "$f" .litmus)" "$e" "$z" "$obs"
done
rm -f /tmp/enumerate-vs-z3.$$ /tmp/enumerate-vs-z3.t$$
