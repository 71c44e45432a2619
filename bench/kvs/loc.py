#!/usr/bin/env python3
"""Lines of C in each KVS, without comments and blank lines (the papers'
programmability measure). Usage: bench/kvs/loc.py [REPO_ROOT]

A line counts if anything but whitespace is left on it once /* */ and //
comments are removed (string and character literals are respected)."""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# name -> (implementation, interface header, what it includes)
KVSES = {
    "twzkvs": ("examples/twzkvs/kvs.c", "examples/twzkvs/kvs.h",
               "put/get/del/iter, data objects, 1 transaction per put, reader epochs, bulk load, stats"),
    "unixkvs": ("bench/kvs/unixkvs.c", "bench/kvs/peer.h",
                "put/get/del/iter, data files, ordered writes + fdatasync/msync, flock"),
    "pmdkkvs": ("bench/kvs/pmdkkvs.c", "bench/kvs/peer.h",
                "put/get/del/iter, data pools, 2 PMDK transactions per put"),
    "rawkvs": ("bench/kvs/rawkvs.c", "bench/kvs/peer.h", "put/get/del/iter, in memory only"),
}
CLI = "examples/twzkvs/twzkvs.c"
# Functions of twzkvs that the peers have no counterpart of.
TWZ_ONLY = {
    "reader epochs": ["alive", "pin", "reclaim", "retire", "kvs_release"],
    "bulk load": ["kvs_load"],
    "stats": ["kvs_stats"],
}


def code_lines(text):
    out, line, i, n = 0, "", 0, len(text)
    state = None  # None, "block", "line", '"', "'"
    while i < n:
        c, nxt = text[i], text[i + 1] if i + 1 < n else ""
        if state == "block":
            if c == "*" and nxt == "/":
                state, i = None, i + 2
                continue
            if c == "\n":
                out += bool(line.strip())
                line = ""
            i += 1
            continue
        if state == "line":
            if c == "\n":
                state = None
                out += bool(line.strip())
                line = ""
            i += 1
            continue
        if state in ('"', "'"):
            line += c
            if c == "\\":
                line += nxt
                i += 2
                continue
            if c == state:
                state = None
            i += 1
            continue
        if c == "/" and nxt == "*":
            state, i = "block", i + 2
            continue
        if c == "/" and nxt == "/":
            state, i = "line", i + 2
            continue
        if c in ('"', "'"):
            state = c
        if c == "\n":
            out += bool(line.strip())
            line = ""
        else:
            line += c
        i += 1
    return out + bool(line.strip())


FUNC = re.compile(r"^[A-Za-z_][^;=]*?\b([A-Za-z_][A-Za-z0-9_]*)\s*\(")


def per_function(text):
    """Code lines of each top-level function (by name) and of the rest."""
    out, name, depth, chunk = {}, None, 0, []
    for line in text.split("\n"):
        bare = re.sub(r"^__attribute__\(\(.*\)\)\s+", "", line)
        m = FUNC.match(bare) if depth == 0 and not line.startswith(("#", " ")) else None
        if m and name is None:
            out["(declarations)"] = out.get("(declarations)", 0) + code_lines("\n".join(chunk))
            name, chunk = m.group(1), []
        chunk.append(line)
        depth += line.count("{") - line.count("}")
        if name and depth == 0 and "}" in line:
            out[name] = out.get(name, 0) + code_lines("\n".join(chunk))
            name, chunk = None, []
    out["(declarations)"] = out.get("(declarations)", 0) + code_lines("\n".join(chunk))
    return out


def read(root, f):
    with open(os.path.join(root, f)) as fh:
        return fh.read()


def count(root=ROOT):
    """Rows (name, .c lines, header lines, .c lines without twz-only features, what)."""
    rows = []
    for name, (impl, hdr, what) in KVSES.items():
        text = read(root, impl)
        total = code_lines(text)
        core = total
        if name == "twzkvs":
            funcs = per_function(text)
            core -= sum(funcs.get(f, 0) for fs in TWZ_ONLY.values() for f in fs)
        rows.append((name, total, code_lines(read(root, hdr)), core, what))
    return rows


def twz_only(root=ROOT):
    funcs = per_function(read(root, KVSES["twzkvs"][0]))
    return [(feat, sum(funcs.get(f, 0) for f in fs)) for feat, fs in TWZ_ONLY.items()]


def report(root=ROOT):
    rows = count(root)
    print("lines of C without comments and blank lines (bench/kvs/loc.py)")
    print()
    print("%-8s  %6s  %6s  %13s  %s" % ("KVS", "impl", "header", "comparable", "what the implementation has"))
    print("%-8s  %6s  %6s  %13s  %s" % ("-" * 8, "-" * 6, "-" * 6, "-" * 13, "-" * 27))
    for name, total, hdr, core, what in rows:
        print("%-8s  %6d  %6d  %13d  %s" % (name, total, hdr, core, what))
    print()
    print("comparable = the implementation without what only twzkvs has: " +
          ", ".join("%s %d" % f for f in twz_only(root)) + " lines.")
    print("The twzkvs command-line tool (%s) is %d more lines." % (
        os.path.basename(CLI), code_lines(read(root, CLI))))


if __name__ == "__main__":
    report(sys.argv[1] if len(sys.argv) > 1 else ROOT)
