#!/usr/bin/env bash
# bench/coverage.sh [SECONDS] [SET_DIR]: the coverage campaign of docs/hardware.md. Runs every
# test of a conformance set on this machine under its default model (tso for X86_64), each
# until every allowed state has been seen or SECONDS have passed (default 1), harnesses
# compiled ahead two at a time, and prints the wall time, the load average before and after,
# and the coverage summary (total, by thread count, unseen by family). Full text and JSON are
# kept in bench/out/coverage.{txt,json}. Run it on a quiet machine: other work on the CPUs
# desynchronises the pinned threads and hides weak states. Extra `memlit run` options come
# from RUN_FLAGS (e.g. RUN_FLAGS='--workers 1'); CACHE=DIR reuses compiled harnesses
# (default: a fresh cache, so the wall time includes every compilation).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-1}
set_dir=${2:-$here/../shared/conformance/X86_64/litmus-tests-x86}
memlit=${MEMLIT:-$here/build/memlit}
out=$here/bench/out
mkdir -p "$out"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); flags: ${RUN_FLAGS:-none}"
start=$(date +%s.%N)
status=0
cache=${CACHE:-$(mktemp -d)}
# shellcheck disable=SC2086
"$memlit" run "$set_dir" --seconds "$seconds" --until-covered --coverage --jobs 2 ${RUN_FLAGS:-} \
    --cache "$cache" --json "$out/coverage.json" >"$out/coverage.txt" 2>"$out/coverage.err" || status=$?
end=$(date +%s.%N)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "memlit run exit status $status; wall $(echo "$end - $start" | bc) s"
grep -c '^Test ' "$out/coverage.txt" | sed 's/^/tests run: /'
grep -c 'forbidden by' "$out/coverage.txt" | sed 's/^/forbidden states observed: /' || true
grep -E '^(Coverage|Unseen family)' "$out/coverage.txt"
