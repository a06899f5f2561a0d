#!/usr/bin/env python3
"""Score the tests of a conformance set whose text contains WORD (e.g. `srcu`).

usage: scripts/score-subset.py SET WORD [score options...]

Builds a temporary folder holding those tests and their expected.jsonl lines (symlinks to the
originals) and runs ../shared/conformance/score on it with --dir; the options after WORD
(--model, --memlit, --jobs, --timeout, ...) are passed through.
"""
import json
import os
import subprocess
import sys
import tempfile

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "conformance")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/conformance"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    name, word, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    src = os.path.join(SHARED, name)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, name)
        os.makedirs(out)
        kept = []
        with open(os.path.join(src, "expected.jsonl")) as f:
            for line in f:
                entry = json.loads(line)
                path = os.path.join(src, entry["file"])
                if not os.path.isfile(path):
                    continue
                with open(path, errors="replace") as t:
                    if word not in t.read():
                        continue
                dst = os.path.join(out, entry["file"])
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                if not os.path.exists(dst):
                    os.symlink(path, dst)
                kept.append(line)
        with open(os.path.join(out, "expected.jsonl"), "w") as f:
            f.writelines(kept)
        cmd = [os.path.join(SHARED, "score"), name, "--dir", tmp] + rest
        sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
