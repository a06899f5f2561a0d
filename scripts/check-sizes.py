#!/usr/bin/env python3
"""Checks the size rules of docs/contributing.md: no hand-written C++ file over 500 lines, and
no function over 80 lines in the engine and CLI layers. Prints each offender and exits 1 if any.

Usage: scripts/check-sizes.py [REPO_DIR]

A function is a brace block opened at namespace or class scope after a parameter list; its
length runs from the line of that block's first brace to its closing brace, lambdas and local
classes included. Strings, character literals and comments are skipped."""

import os
import re
import sys

MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 80
FILE_DIRS = ("support", "litmus", "cat", "engine", "report", "runner", "cli", "tests")
FUNCTION_DIRS = ("engine", "cli")
SOURCE = (".cpp", ".hpp", ".h", ".cc")


def strip(text):
    """The text with comments, strings and character literals blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (j + 1 - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """(name, first line, line count) of every function body at namespace or class scope."""
    code = strip(text)
    stack = []  # per open brace: (kind, start line, name); kind: 'scope', 'function', 'other'
    header_start = 0
    line = 1
    found = []
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c == "{":
            header = code[header_start:i]
            inside = any(k != "scope" for k, _, _ in stack)
            kind = "other"
            name = ""
            if not inside:
                flat = " ".join(header.split())
                if re.search(r"\b(namespace|class|struct|union)\b[^()]*$", flat) or flat.startswith("extern"):
                    kind = "scope"
                elif re.search(r"\)\s*(const|noexcept|override|final|mutable|->[^;{}]*|:[^;{}]*|\s)*$", flat) \
                        and not re.search(r"=\s*[^=]*$", flat.split(")")[0] if ")" in flat else flat):
                    kind = "function"
                    m = re.search(r"([~\w:<>]+)\s*\(", flat)
                    name = m.group(1) if m else "?"
            stack.append((kind, line, name))
            header_start = i + 1
        elif c == "}":
            if stack:
                kind, start, name = stack.pop()
                if kind == "function":
                    found.append((name, start, line - start + 1))
            header_start = i + 1
        elif c == ";":
            if not any(k != "scope" for k, _, _ in stack):
                header_start = i + 1
    return found


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    bad = []
    for top in FILE_DIRS:
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if not name.endswith(SOURCE):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if "DO NOT EDIT" in text[:400]:
                    continue
                lines = text.count("\n")
                if lines > MAX_FILE_LINES:
                    bad.append(f"{rel}: {lines} lines (at most {MAX_FILE_LINES})")
                if rel.split(os.sep)[0] in FUNCTION_DIRS:
                    for fn, start, count in functions(text):
                        if count > MAX_FUNCTION_LINES:
                            bad.append(f"{rel}:{start}: function '{fn}' has {count} lines (at most {MAX_FUNCTION_LINES})")
    for b in bad:
        print(b)
    if bad:
        print(f"{len(bad)} size rule(s) broken")
        return 1
    print("sizes ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
