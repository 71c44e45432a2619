#!/usr/bin/env python3
"""nosecret.py SKFILE: SKFILE holds a 64-byte Ed25519 secret key in hex
(seed || public key). Fail if any file in $TWZ_STORE holds the secret
(the 32-byte seed, alone or as part of the 64 bytes); prints how many
files were searched and how many hold the public half (so that a search
that finds nothing at all does not pass for the wrong reason)."""
import os
import sys

from extents import extents

sk = bytes.fromhex(open(sys.argv[1]).read().split()[0])
assert len(sk) == 64, len(sk)
seed, pk = sk[:32], sk[32:]
store = os.environ["TWZ_STORE"]
files = with_pk = 0
bad = []


def contents(path):
    """The data extents of a (sparse, 1 GiB) object file, holes left out
    (with a gap of zeros, so nothing spans two extents)."""
    with open(path, "rb") as f:
        parts = [data for _, data in extents(f)]
    return b"\0".join(parts)


for root, _, names in os.walk(store):
    for n in names:
        data = contents(os.path.join(root, n))
        files += 1
        with_pk += pk in data
        if seed in data:
            bad.append(n)
print("searched %d files, public key in %d" % (files, with_pk))
if bad:
    print("SECRET KEY IN THE CLEAR in: " + " ".join(bad))
    sys.exit(1)
print("secret key in none")
