#!/usr/bin/env python3
"""poke.py IDFILE OP ARGS... [OP ARGS...]: patch the object file of a twz
object in $TWZ_STORE (default ./twz-store), to make corrupt objects.

IDFILE holds the object's ID: the first 32-hex-digit word in it (the output
of `twz new`, or a line of `twz name list`).

Offsets are Python expressions over META (0x3FFFF000, the header), DATA
(0x1000) and fot(i) (offset of FOT entry i = META - 32 i); values are ints.
  u64 OFFSET VALUE    write a little-endian 64-bit value
  u32 OFFSET VALUE    write a little-endian 32-bit value
  truncate SIZE       cut the file to SIZE bytes
  rename IDFILE2      move the file to the name of another ID (wrong ID)
"""
import os
import re
import struct
import sys

META, DATA = 0x3FFFF000, 0x1000


def fot(i):
    return META - 32 * i


def num(text):
    return int(eval(text, {"META": META, "DATA": DATA, "fot": fot}))


def id_in(path):
    with open(path) as f:
        m = re.search(r"\b[0-9a-f]{32}\b", f.read())
    if not m:
        sys.exit("poke.py: no object ID in %s" % path)
    return m.group(0)


store = os.environ.get("TWZ_STORE") or "./twz-store"
path = os.path.join(store, id_in(sys.argv[1]) + ".obj")
args = sys.argv[2:]
while args:
    op = args.pop(0)
    if op in ("u64", "u32"):
        off, val = num(args.pop(0)), num(args.pop(0))
        with open(path, "r+b") as f:
            f.seek(off)
            f.write(struct.pack("<Q" if op == "u64" else "<I", val & (2 ** (64 if op == "u64" else 32) - 1)))
    elif op == "truncate":
        os.truncate(path, num(args.pop(0)))
    elif op == "rename":
        os.rename(path, os.path.join(store, id_in(args.pop(0)) + ".obj"))
    else:
        sys.exit("poke.py: unknown operation " + op)
