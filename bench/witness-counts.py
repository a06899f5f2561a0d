#!/usr/bin/env python3
"""Compares memlit's witness counts (Positive/Negative) with herd's on a conformance set.

usage: bench/witness-counts.py SET [--memlit PATH] [--shared DIR]
Runs `memlit check --json` once over the whole set folder and prints how many tests have
exactly herd's counts, listing the first differences.
"""
import argparse
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("set")
ap.add_argument("--memlit", default=os.path.join(here, "..", "build", "memlit"))
ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared", "conformance"))
a = ap.parse_args()

base = os.path.join(a.shared, a.set)
expected = {}
for line in open(os.path.join(base, "expected.jsonl")):
    r = json.loads(line)
    if r.get("status") == "ok":
        expected[os.path.realpath(os.path.join(base, r["file"]))] = r
out = subprocess.run([a.memlit, "check", "--json", base], capture_output=True, text=True).stdout
same = differ = 0
for line in out.splitlines():
    o = json.loads(line)
    r = expected.get(os.path.realpath(o["file"]))
    if r is None or o.get("status") != "ok":
        continue
    if (o["positive"], o["negative"]) == (r["positive"], r["negative"]):
        same += 1
    else:
        differ += 1
        if differ <= 10:
            print(f"differ {r['file']}: memlit {o['positive']}/{o['negative']} herd {r['positive']}/{r['negative']}")
print(f"{a.set}: witness counts equal herd's on {same}/{same + differ} tests")
sys.exit(0 if differ == 0 else 1)
