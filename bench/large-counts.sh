#!/bin/sh
# Each test of ../shared/bench/large (X86 tso, AArch64 aarch64, RISCV riscv, C11 rc11) checked
# alone with default counting: wall time, verdict, counts, whether the counts were partial.
# Usage: bench/large-counts.sh MEMLIT OUT [check options...]   (run from the project root or anywhere)
m=$1; out=$2; shift 2; : > $out
for pair in X86:tso AArch64:aarch64 RISCV:riscv C11:rc11; do set=${pair%%:*}; model=${pair#*:}
  for f in ${MEMLIT_LARGE:-$(dirname "$0")/../../shared/bench/large}/$set/*.litmus; do
    [ -e "$f" ] || continue
    s=$(date +%s.%N); r=$(timeout 120 $m check --model $model "$@" $f 2>&1); e=$(date +%s.%N)
    pn=$(echo "$r" | grep -E "^Positive" | tr -d '\n'); st=$(echo "$r" | grep -c "stopped after")
    obs=$(echo "$r" | grep -E "^Observation" | awk '{print $3}')
    printf "%s/%s %.2f %s %s partial=%s\n" $set $(basename $f .litmus) $(echo "$e - $s" | bc) "$obs" "$pn" $st >> $out
  done; done
