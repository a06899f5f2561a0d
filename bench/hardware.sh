#!/bin/sh
# Hardware-runner benchmark: iterations per second on SB and MP, and SB's weak outcome
# (both loads 0) per million iterations, from `memlit run --json`.
#
#   bench/hardware.sh [SECONDS] [extra memlit run options...]
#
# MEMLIT selects the binary (default: build/memlit next to this script). Runs each test
# REPEAT times (default 3) and prints one line per run, then the median.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
memlit=${MEMLIT:-$here/../build/memlit}
seconds=${1:-2}
[ $# -gt 0 ] && shift
repeat=${REPEAT:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/memlit-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

i=1
while [ "$i" -le "$repeat" ]; do
    "$memlit" run "$here/litmus/SB.litmus" "$here/litmus/MP.litmus" --seconds "$seconds" \
        --json "$work/run$i.json" "$@" > /dev/null || [ $? -eq 1 ]
    i=$((i + 1))
done

python3 - "$work"/run*.json <<'PY'
import json, statistics, sys
runs = [json.load(open(p)) for p in sys.argv[1:]]
h = runs[0]
print(f"host: {h['host']['cpu']}, {h['host']['cores']} CPUs; compiler: {h['compiler']['version']} {h['compiler']['flags']}")
rates, weak = {}, []
for r in runs:
    for t in r["tests"]:
        if t["status"] != "ok":
            print(f"{t['name']}: {t['status']}: {t['message']}")
            continue
        rate = t["iterations"] / t["seconds"]
        rates.setdefault(t["name"], []).append(rate)
        line = f"{t['name']:3} {t['iterations']:>10} iterations in {t['seconds']:.2f} s = {rate / 1e6:.2f} M/s"
        line += f", {t['threads']} threads on {t['cpus']} CPUs{' pinned' if t['pinned'] else ''}"
        if t["name"] == "SB":
            per_m = t["verdict"]["positive"] * 1e6 / t["iterations"]
            weak.append(per_m)
            line += f", weak {per_m:.0f} per M"
        if t["verdict"]["forbidden"]:
            line += f", {t['verdict']['forbidden']} FORBIDDEN state(s)"
        print(line)
for name, rs in rates.items():
    print(f"median {name}: {statistics.median(rs) / 1e6:.2f} M iterations/s")
if weak:
    print(f"median SB weak outcomes: {statistics.median(weak):.0f} per million")
PY
