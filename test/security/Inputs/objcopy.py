#!/usr/bin/env python3
"""objcopy.py NAME OUT: write to OUT the contents of the object bound to NAME
in $TWZ_STORE, to compare an object before and after with cmp. Object files
are sparse 1 GiB files: OUT lists each data extent (offset, length) and its
bytes, which is the whole file, holes being zeros."""
import os
import re
import subprocess
import sys

from extents import extents

name, out = sys.argv[1:3]
text = subprocess.run(["twz", "show", name], capture_output=True, text=True, check=True).stdout
m = re.search(r"^file\s+(\S+)$", text, re.M)
if not m:
    sys.exit("objcopy.py: 'twz show %s' names no file" % name)
with open(m.group(1), "rb") as f, open(out, "wb") as o:
    o.write(b"size %d\n" % os.fstat(f.fileno()).st_size)
    for start, data in extents(f):
        o.write(b"extent 0x%x 0x%x\n" % (start, len(data)))
        o.write(data)
