#!/usr/bin/env python3
"""Writes NAME.expected for Go fixtures from memlit's JSON answer under models go and sc, in
the format tests/engine/GoTest.cpp reads. The output is a proposal: read it against the
fixture's doc string before committing (golden files are reviewed, not trusted).

An example program (examples/go/N.go) gets tests/litmus/goprog/examples/N.expected.

usage: scripts/go-expected.py build/memlit tests/litmus/go/F01-call-result.litmus ..."""
import json, os, subprocess, sys

def site(s):
    return "P%d:%s (%d:%d)" % (s["thread"], s["text"], s["line"], s["col"])

def section(memlit, path, model):
    out = subprocess.run([memlit, "check", "--json", "--model", model, path], capture_output=True, text=True)
    r = json.loads(out.stdout)
    r = r[0] if isinstance(r, list) else r
    lines = ["model " + model]
    for st in r["states"]:
        lines.append(" ".join("%s=%s;" % (k, v) for k, v in st.items() if k != "condition"))
    lines.append("verdict " + r["verdict"])
    for h in r.get("halts", []):
        parts = []
        for s in h["sites"]:
            p = site(s) + " " + s["halt"].lower()
            if s.get("what"):
                p += ": " + s["what"]
            parts.append(p)
        lines.append(h["kind"].lower() + " " + "; ".join(parts))
    if model == "go":
        if r.get("dataRaceFree", True):
            lines.append("race-free")
        else:
            lines.append("flag data-race")
            for race in r["races"]:
                a, b = race["accesses"]
                lines.append("race %s / %s" % (site(a), site(b)))
    return lines

memlit = sys.argv[1]
for path in sys.argv[2:]:
    text = "\n".join(section(memlit, path, "go") + section(memlit, path, "sc")) + "\n"
    stem, _ = os.path.splitext(path)
    if os.path.basename(os.path.dirname(os.path.abspath(path))) == "go" and "examples" in path.split(os.sep):
        stem = os.path.join("tests", "litmus", "goprog", "examples", os.path.basename(stem))
    with open(stem + ".expected", "w") as f:
        f.write(text)
