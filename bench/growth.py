#!/usr/bin/env python3
"""Growth curves on ../shared/bench/large: per test of each family (SB-n, IRIW-n, CoStress-T-K,
...), memlit's wall and user seconds with default options, its observation and whether its
counts are exact (no "stopped after" note), beside the reference's time (herd_ms in that
folder's expected.jsonl; "TO" where it did not finish). Prints a markdown table, and a CSV with
--csv. One test at a time, so the figures are per test.

Usage: bench/growth.py ARCH MODEL [--memlit build/memlit] [--csv out.csv] [--timeout 60]
"""

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import time

LARGE = os.path.join(os.environ.get("MEMLIT_SHARED", "/work/shared"), "bench", "large")


def key(name):
    fam, _, rest = name.partition("-")
    return (fam, [int(x) for x in re.findall(r"\d+", rest)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("arch")
    ap.add_argument("model")
    ap.add_argument("--memlit", default="build/memlit")
    ap.add_argument("--csv")
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    d = os.path.join(LARGE, a.arch)
    ref = {}
    for l in open(os.path.join(d, "expected.jsonl")):
        r = json.loads(l)
        ref[r["file"]] = r
    rows = []
    for f in sorted((f for f in os.listdir(d) if f.endswith(".litmus")), key=lambda f: key(f[:-7])):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        t0 = time.monotonic()
        try:
            p = subprocess.run([a.memlit, "check", "--model", a.model, os.path.join(d, f)], capture_output=True,
                               text=True, timeout=a.timeout)
            out, err = p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            out, err = "", "timeout"
        wall = time.monotonic() - t0
        user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
        obs = next((" ".join(l.split()[2:]) for l in out.splitlines() if l.startswith("Observation")), err[-40:])
        r = ref.get(f, {})
        herd = f"{r['herd_ms'] / 1000:.2f}" if r.get("status") == "ok" else "TO"
        same = ""
        if r.get("status") == "ok" and out:
            same = "yes" if obs.split()[1:] == [str(r.get("positive")), str(r.get("negative"))] else "NO"
        rows.append({"test": f[:-7], "memlit_wall_s": round(wall, 3), "memlit_user_s": round(user, 3),
                     "observation": obs, "exact": "no" if "stopped after" in err else "yes",
                     "reference_s": herd, "same_counts": same})
    print(f"| {a.arch} test | memlit wall s | user s | observation | exact | reference s | same counts |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['test']} | {r['memlit_wall_s']} | {r['memlit_user_s']} | {r['observation']} | {r['exact']} |"
              f" {r['reference_s']} | {r['same_counts']} |")
    print(f"load average {open('/proc/loadavg').read().split()[0]}")
    if a.csv:
        with open(a.csv, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)


if __name__ == "__main__":
    main()
