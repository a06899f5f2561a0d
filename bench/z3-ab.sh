#!/bin/sh
# A/B of the Z3 engine: user seconds of two memlit builds on each file, `--engine z3` with
# witness counting off (--max-executions 0), so the time is the encoding and the state
# enumeration. Usage: bench/z3-ab.sh OLD_MEMLIT NEW_MEMLIT MODEL FILE...
set -eu
old=$1; new=$2; model=$3; shift 3
t=/tmp/z3-ab.$$
for f in "$@"; do
    /usr/bin/time -o $t -f "%U" "$old" check --model "$model" --engine z3 --max-executions 0 "$f" >$t.o1 2>/dev/null || true
    a=$(cat $t)
    /usr/bin/time -o $t -f "%U" "$new" check --model "$model" --engine z3 --max-executions 0 "$f" >$t.o2 2>/dev/null || true
    b=$(cat $t)
    same=$(if [ "$(grep -v '^Time' $t.o1)" = "$(grep -v '^Time' $t.o2)" ]; then echo same; else echo DIFFERENT; fi)
    printf '%s\told %ss\tnew %ss\t%s\n' "$(basename "$f" .litmus)" "$a" "$b" "$same"
done
rm -f $t $t.o1 $t.o2
