#!/usr/bin/env python3
"""Checks that every #include follows the layers of docs/ARCHITECTURE.md: a folder may include
its own headers and those of the layers below it, never a layer above (so there is no include
cycle between folders). Prints each offending include and exits 1 if any.

Usage: scripts/check-layers.py [REPO_DIR]"""

import os
import re
import sys

# Each layer and the layers it may include (besides itself). engine/smt is the Z3 engine.
ALLOWED = {
    "support": set(),
    "litmus": {"support"},
    "cat": {"support"},
    "engine": {"support", "litmus", "cat"},
    "engine/smt": {"support", "litmus", "cat", "engine"},
    # The runner renders nothing; report/ renders checks and hardware runs alike, so it sits
    # above the runner (and is the only product folder that includes nlohmann/json).
    "runner": {"support", "litmus", "cat", "engine"},
    "report": {"support", "litmus", "cat", "engine", "runner"},
    # The playground sits beside cli/: every layer but cli/ (cli/ only wires `memlit serve`).
    "web": {"support", "litmus", "cat", "engine", "engine/smt", "report", "runner"},
    "cli": {"support", "litmus", "cat", "engine", "engine/smt", "report", "runner", "web"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def layer(path):
    """The layer of a repository-relative path, or None outside the layered folders."""
    parts = path.split("/")
    if parts[0] == "engine" and len(parts) > 2 and parts[1] == "smt":
        return "engine/smt"
    return parts[0] if parts[0] in ALLOWED else None


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    bad = []
    for top in sorted(set(k.split("/")[0] for k in ALLOWED)):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if not name.endswith((".cpp", ".hpp", ".h")):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
                here = layer(rel)
                with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                    for inc in INCLUDE.findall(f.read()):
                        there = layer(inc)
                        if there is None or there == here or there in ALLOWED[here]:
                            continue
                        bad.append(f"{rel}: includes {inc} ({here} may not depend on {there})")
    for b in bad:
        print(b)
    if bad:
        print(f"{len(bad)} include(s) against the layers")
        return 1
    print("layers ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
