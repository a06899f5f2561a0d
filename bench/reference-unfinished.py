#!/usr/bin/env python3
"""Checks the tests of a conformance set that the reference did not finish (status `timeout`
in expected.jsonl) and prints, per test, memlit's observation and wall time, then how many got
an answer. One memlit process per test, J at a time, default options but --model.

Usage: bench/reference-unfinished.py SET MODEL [--memlit build/memlit] [--jobs 2] [--timeout 60]
       [--csv out.csv]
"""

import argparse
import concurrent.futures as cf
import csv
import json
import os
import subprocess
import time

SHARED = os.environ.get("MEMLIT_SHARED", "/work/shared")


def run(memlit, model, path, timeout):
    t0 = time.monotonic()
    try:
        p = subprocess.run([memlit, "check", "--model", model, path], capture_output=True, text=True,
                           timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - t0
    wall = time.monotonic() - t0
    obs = [l for l in p.stdout.splitlines() if l.startswith("Observation ")]
    if p.returncode == 0 and obs:
        return " ".join(obs[0].split()[2:]), wall
    err = (p.stderr.strip().splitlines() or ["no output"])[-1]
    return ("unsupported" if "unsupported" in err else "error") + ": " + err[-120:], wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("model")
    ap.add_argument("--memlit", default="build/memlit")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--csv")
    a = ap.parse_args()
    base = os.path.join(SHARED, "conformance", a.set)
    rows = [json.loads(l) for l in open(os.path.join(base, "expected.jsonl")) if l.strip()]
    rows = [r for r in rows if r.get("status") == "timeout"]
    memlit = os.path.abspath(a.memlit)
    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        futs = {ex.submit(run, memlit, a.model, os.path.join(base, r["file"]), a.timeout): r for r in rows}
        out = []
        for fut in cf.as_completed(futs):   # printed as they finish, so a cut run still says something
            out.append((futs[fut]["file"], *fut.result()))
            f, answer, secs = out[-1]
            print(f"{secs:7.2f} s  {answer:28s} {f}", flush=True)
    wall = time.monotonic() - t0
    out.sort()
    answered = [s for _, a_, s in out if a_.split()[0] in ("Never", "Sometimes", "Always")]
    print(f"{a.set}: {len(answered)}/{len(out)} answered; wall {wall:.1f} s with {a.jobs} jobs;"
          f" per-test max {max(answered, default=0):.2f} s, median {sorted(answered)[len(answered) // 2] if answered else 0:.2f} s;"
          f" load {open('/proc/loadavg').read().split()[0]}")
    if a.csv:
        with open(a.csv, "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "answer", "seconds"])
            w.writerows(out)


if __name__ == "__main__":
    main()
