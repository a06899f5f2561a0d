#!/usr/bin/env python3
"""memlit against the reference (herd7) on the conformance sets, in one run on this machine.

For each set: the tests the reference decided (status ok in expected.jsonl, as the scorer
takes them), checked by one `memlit check --jobs J` process over an index of them (wall clock),
against the reference's per-test times summed and divided by J (`herd_ms`, taken on another
run: J reference processes side by side). Answers are the scorer's: `score SET --jobs J` is
run too and its agreement line is reported. The load average before and after each set is
recorded: the machine is shared, so wall times under load are pessimistic.

Usage: bench/vs-reference.py [--memlit build/memlit] [--jobs 2] [--sample N] [--sets X86_64:tso:SAMPLE,...]
       [--csv out.csv] [--no-score]
Prints one table row per set (markdown) and, with --csv, writes the same as CSV.
"""

import argparse
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time

SHARED = os.environ.get("MEMLIT_SHARED", "/work/shared")
DEFAULT_SETS = "X86_64:tso,AArch64:aarch64,RISCV:riscv,PPC:power,C11:rc11,LKMM:lkmm"


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def decided_rows(set_dir, sample):
    rows = [json.loads(l) for l in open(os.path.join(set_dir, "expected.jsonl")) if l.strip()]
    rows = [r for r in rows if r.get("status") == "ok"]
    if sample:   # the scorer's sample: the first N by name hash
        rows.sort(key=lambda r: hashlib.sha1(r["file"].encode()).hexdigest())
        rows = rows[:sample]
    return rows


def run_batch(memlit, model, set_dir, rows, jobs, timeout):
    with tempfile.NamedTemporaryFile("w", suffix=".index", delete=False) as idx:
        for r in rows:
            idx.write(os.path.join(set_dir, r["file"]) + "\n")
    cmd = [memlit, "check", "--quiet", "--json", "--jobs", str(jobs), "--model", model,
           "--timeout", str(timeout), "@" + idx.name]
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    wall = time.monotonic() - t0
    os.unlink(idx.name)
    unknown = sum(1 for l in p.stdout.splitlines() if '"Unknown' in l or '"unknown":true' in l)
    return wall, unknown


def run_score(memlit, set_name, model, jobs, sample, timeout):
    cmd = [os.path.join(SHARED, "conformance", "score"), set_name, "--model", model, "--memlit", memlit,
           "--jobs", str(jobs), "--timeout", str(timeout), "--failures", "0"]
    if sample:
        cmd += ["--sample", str(sample)]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=tempfile.gettempdir())
    last = (p.stdout.strip().splitlines() or ["?"])[-1]
    m = re.search(r"agree (\d+)/(\d+)", last)
    return (m.group(1), m.group(2)) if m else ("?", "?")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--memlit", default="build/memlit")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--sets", default=DEFAULT_SETS)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--csv")
    ap.add_argument("--no-score", action="store_true", help="time only; do not run the scorer")
    a = ap.parse_args()
    memlit = os.path.abspath(a.memlit)
    out = []
    print("| set | model | tests | memlit wall (s) | reference sum/%d (s) | ratio | agree (scorer) | load before/after |"
          % a.jobs)
    print("|---|---|---|---|---|---|---|---|")
    for spec in a.sets.split(","):
        name, model, *n = spec.split(":")   # SET:MODEL or SET:MODEL:SAMPLE
        sample = int(n[0]) if n else a.sample
        set_dir = os.path.join(SHARED, "conformance", name)
        rows = decided_rows(set_dir, sample)
        ref = sum(r.get("herd_ms") or 0 for r in rows) / 1000 / a.jobs
        before = load()
        wall, unknown = run_batch(memlit, model, set_dir, rows, a.jobs, a.timeout)
        after = load()
        agree, total = ("-", "-") if a.no_score else run_score(memlit, name, model, a.jobs, sample, a.timeout)
        ratio = wall / ref if ref else float("nan")
        row = {"set": name, "model": model, "tests": len(rows), "memlit_s": round(wall, 2),
               "reference_s": round(ref, 2), "ratio": round(ratio, 4), "unknown": unknown,
               "agree": agree, "scored": total, "load_before": before, "load_after": after}
        out.append(row)
        print(f"| {name} | {model} | {len(rows)} | {wall:.2f} | {ref:.1f} | {ratio:.3f}× | {agree}/{total} |"
              f" {before}/{after} |", flush=True)
    if a.csv:
        with open(a.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(out[0].keys()))
            w.writeheader()
            w.writerows(out)


if __name__ == "__main__":
    sys.exit(main())
