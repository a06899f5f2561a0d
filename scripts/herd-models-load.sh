#!/bin/sh
# Which of herd's stock .cat files memlit loads: each FILE.cat given is checked against one
# litmus test of the architecture it is for, and the result is its first line on stderr
# (or "loads" when memlit answers). Usage:
#   scripts/herd-models-load.sh MEMLIT TEST.litmus FILE.cat...
# e.g. scripts/herd-models-load.sh build/memlit \
#        ../shared/conformance/RISCV/.../MP.litmus ../shared/herd-models/riscv*.cat
# The file's directory and its parent are on the include path (--cat-dir), as herd's -I
# would put them (herd's lkmm/ files include ../cross.cat's neighbours).
set -u
memlit=$1
test=$2
shift 2
for cat in "$@"; do
    dir=$(dirname "$cat")
    err=$("$memlit" check --timeout 30 --cat-dir "$dir" --cat-dir "$dir/.." --model "$cat" "$test" 2>&1 >/dev/null)
    rc=$?
    case $rc in
    0 | 3) printf '%s: loads\n' "$(basename "$cat")" ;;
    *) printf '%s: exit %s: %s\n' "$(basename "$cat")" "$rc" "$(printf '%s\n' "$err" | head -n 1)" ;;
    esac
done
