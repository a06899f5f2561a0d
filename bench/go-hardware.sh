#!/bin/sh
# Go hardware-runner benchmark: `memlit run` on the MP and SB variants (plain, sync/atomic,
# mutex, channel, WaitGroup), once as is and once with --race. Per test and mode it prints the
# iterations, iterations per second, how often the weak outcome (the test's `exists`) was
# seen, the forbidden outcomes seen (runs in states the go model forbids: must be 0), and with
# --race whether Go's race detector fired, next to the model's data-race verdict.
#
#   bench/go-hardware.sh [SECONDS] [extra memlit run options...]
#
# MEMLIT selects the binary (default: build/memlit next to this script). Exits 1 when a
# forbidden outcome was seen or the detector disagrees with the model.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
memlit=${MEMLIT:-$here/../build/memlit}
seconds=${1:-2}
[ $# -gt 0 ] && shift
go_dir=$here/../tests/litmus/go
# SB: plain, atomic, two mutexes, unbuffered channel, capacity-1 channel, WaitGroup barrier.
# MP: plain, atomic, mutex, channel, WaitGroup.
tests="G05-SB-plain G06-SB-atomic M03-SB-two-locks C05-rendezvous R01-SB-chan R02-SB-waitgroup
G01-MP-plain G02-MP-atomic M02-MP-in-CS C01-send-recv W01-waitgroup"
files=
for t in $tests; do files="$files $go_dir/$t.litmus"; done
work=$(mktemp -d "${TMPDIR:-/tmp}/memlit-gobench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# shellcheck disable=SC2086 # $files is a list of paths without blanks
"$memlit" run $files --seconds "$seconds" --json "$work/plain.json" "$@" > /dev/null || [ $? -eq 1 ]
# shellcheck disable=SC2086
"$memlit" run $files --seconds "$seconds" --race --json "$work/race.json" "$@" > /dev/null || [ $? -eq 1 ]

python3 - "$work/plain.json" "$work/race.json" <<'PY'
import json, sys
bad = False
host = json.load(open(sys.argv[1]))["host"]
print(f"host: {host['cpu']}, {host['cores']} CPUs")
print(f"{'test':22} {'mode':5} {'iterations':>11} {'iter/s':>10} {'weak':>10} {'forbidden':>9}  race detector / model")
for mode, path in (("", sys.argv[1]), ("race", sys.argv[2])):
    for t in json.load(open(path))["tests"]:
        if t["status"] != "ok":
            print(f"{t['name']:22} {mode:5} {t['status']}: {t['message']}")
            bad = True
            continue
        forbidden = sum(r["count"] for r in t["histogram"] if not r["allowed"])
        rate = t["iterations"] / t["seconds"] if t["seconds"] > 0 else 0
        line = (f"{t['name']:22} {mode:5} {t['iterations']:>11} {rate:>10.0f} {t['verdict']['positive']:>10}"
                f" {forbidden:>9}")
        if "raceDetector" in t:
            r = t["raceDetector"]
            line += (f"  {'fired' if r['fired'] else 'silent'} / {'data-race' if r['modelRace'] else 'race-free'}"
                     f"{'  DISAGREEMENT' if r['disagreement'] else ''}")
            bad = bad or r["disagreement"]
        bad = bad or forbidden > 0
        print(line)
sys.exit(1 if bad else 0)
PY
