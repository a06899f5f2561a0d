#!/usr/bin/env python3
"""Growth curves on ../shared/bench/large: per test of each family (SB-n, IRIW-n, CoStress-T-K,
...), memlit's wall and user seconds with default options, its observation and whether its
counts are exact (no "stopped after" note) and equal to the reference's, beside the
reference's time (herd_ms in that folder's expected.jsonl; "TO" where it did not finish).
Prints a markdown table per set, then one line per family (the growth curve: time against the
family's size, memlit / reference), then how many tests met "exact counts in under 1 s".
Writes every row to a CSV with --csv. One test at a time, so the figures are per test.

Usage: bench/growth.py ARCH MODEL [--memlit build/memlit] [--csv out.csv] [--timeout 60]
       bench/growth.py --sets X86:tso,AArch64:aarch64,RISCV:riscv,C11:rc11 [...]
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


def run_one(memlit, model, path, timeout):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    t0 = time.monotonic()
    try:
        p = subprocess.run([memlit, "check", "--model", model, path], capture_output=True, text=True,
                           timeout=timeout)
        out, err = p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        out, err = "", "timeout"
    wall = time.monotonic() - t0
    user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    return out, err, wall, user


def run_set(arch, model, memlit, timeout):
    d = os.path.join(LARGE, arch)
    ref = {}
    for line in open(os.path.join(d, "expected.jsonl")):
        r = json.loads(line)
        ref[r["file"]] = r
    rows = []
    for f in sorted((f for f in os.listdir(d) if f.endswith(".litmus")), key=lambda f: key(f[:-7])):
        out, err, wall, user = run_one(memlit, model, os.path.join(d, f), timeout)
        obs = next((" ".join(line.split()[2:]) for line in out.splitlines() if line.startswith("Observation")),
                   err.strip()[-40:])
        r = ref.get(f, {})
        herd = f"{r['herd_ms'] / 1000:.2f}" if r.get("status") == "ok" else "TO"
        exact = "yes" if out and "stopped after" not in err else "no"
        same = ""   # compared where both counts are exact
        if r.get("status") == "ok" and out:
            same = "partial" if exact == "no" else \
                "yes" if obs.split()[1:] == [str(r.get("positive")), str(r.get("negative"))] else "NO"
        rows.append({"set": arch, "test": f[:-7], "memlit_wall_s": round(wall, 3), "memlit_user_s": round(user, 3),
                     "observation": obs, "exact": exact, "reference_s": herd, "same_counts": same,
                     "under_1s_exact": "yes" if exact == "yes" and same in ("", "yes") and wall < 1 else "no"})
    return rows


def print_set(arch, rows):
    print(f"| {arch} test | memlit wall s | user s | observation | exact | reference s | same counts |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['test']} | {r['memlit_wall_s']} | {r['memlit_user_s']} | {r['observation']} | {r['exact']} |"
              f" {r['reference_s']} | {r['same_counts']} |")
    print()


def print_curves(rows):
    """One line per set and family: each size's memlit wall seconds / reference seconds."""
    print("| set | family | size: memlit wall s / reference s |")
    print("|---|---|---|")
    families = {}
    for r in rows:
        fam, _ = key(r["test"])
        families.setdefault((r["set"], fam), []).append(r)
    for (arch, fam), rs in families.items():
        points = ", ".join(f"{r['test'][len(fam) + 1:]}: {r['memlit_wall_s']} / {r['reference_s']}"
                           + ("" if r["exact"] == "yes" else " (partial)") for r in rs)
        print(f"| {arch} | {fam} | {points} |")
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("arch", nargs="?")
    ap.add_argument("model", nargs="?")
    ap.add_argument("--sets", help="ARCH:MODEL,... instead of one ARCH MODEL")
    ap.add_argument("--memlit", default="build/memlit")
    ap.add_argument("--csv")
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    sets = [tuple(s.split(":")) for s in a.sets.split(",")] if a.sets else [(a.arch, a.model)]
    if any(len(s) != 2 or not s[0] for s in sets):
        ap.error("give ARCH MODEL or --sets ARCH:MODEL,...")
    rows = []
    for arch, model in sets:
        got = run_set(arch, model, a.memlit, a.timeout)
        print_set(arch, got)
        rows += got
    print_curves(rows)
    met = sum(r["under_1s_exact"] == "yes" for r in rows)
    differ = sum(r["same_counts"] == "NO" for r in rows)
    print(f"exact counts in under 1 s: {met}/{len(rows)}; counts differing from the reference: {differ}")
    print(f"load average {open('/proc/loadavg').read().split()[0]}")
    if a.csv:
        with open(a.csv, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)


if __name__ == "__main__":
    main()
