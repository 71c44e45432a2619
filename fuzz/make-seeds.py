#!/usr/bin/env python3
"""make-seeds.py DIR: write the seed corpus of twz-fuzz-object into DIR.

Input format (fuzz-object.c): header[128] | fot_len[2, LE] | fot | data,
FOT entries 1, 2, ... in order, data at object offset 0x1000 (DATA_START).
Every seed is a valid object, so the fuzzer starts past the header checks."""
import os
import struct
import sys

MAGIC = 0x00004A424F5A5754
DATA = 0x1000
VALID, READ, WRITE, EXEC, NAME = 1, 2, 4, 8, 16
LOG_MAGIC = 0x0032474F4C5A5754
M64 = (1 << 64) - 1
BLOCK_MAGIC = 0x4B4C425A


def header(oid, fot_count=1, alloc_top=DATA, root=0, flags=0, lock=0, log=0, heap=0, gen=0):
    h = struct.pack("<QII16sQQQQQQQ", MAGIC, 1, flags, oid, fot_count, alloc_top, root, lock,
                    log, heap, gen)
    return h + bytes(128 - len(h))


def fot_entry(target=b"", name=0, flags=VALID | READ | WRITE, resolver=0):
    return struct.pack("<16sQII", target, name, flags, resolver)


def seed(hdr, fot=b"", data=b""):
    return hdr + struct.pack("<H", len(fot)) + fot + data


def checksum(words):  # twz_log_checksum of <twz/abi.h>
    h = 0xCBF29CE484222325
    for w in words:
        h = ((h ^ w) * 0x100000001B3) & M64
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & M64
    h ^= h >> 33
    return h | 1


def log_header(size, txid=0, owner=0, nxt=0, coord=bytes(16)):
    return struct.pack("<QQQQQQ16s", LOG_MAGIC, size, nxt, txid, owner, 0, coord)


def log_record(offset, old, txid):
    body = old + bytes(-len(old) % 8)
    words = [offset, len(old), txid, 0] + list(struct.unpack("<%dQ" % (len(body) // 8), body))
    return struct.pack("<QQQQ", offset, len(old), txid, checksum(words)) + body


def ptr(idx, off):
    return idx << 30 | off


def oid(n):
    return bytes(15) + bytes([n])


seeds = {}

# A fresh object: nothing but the header.
seeds["empty"] = seed(header(oid(0x10)))

# An immutable object with 16 bytes of data.
seeds["immutable"] = seed(header(oid(0x11), alloc_top=DATA + 16, flags=1), data=b"hello, objects!\0")

# Two cross-object entries and a late-bound one; the root goes through entry 1.
name_off = DATA + 16
data = struct.pack("<QQ", ptr(2, 0x1000), 0) + b"target-name\0"
fot = fot_entry(oid(0x21)) + fot_entry(oid(0x22), flags=VALID | READ) + \
    fot_entry(name=name_off, flags=VALID | READ | WRITE | NAME)
seeds["fot"] = seed(header(oid(0x20), fot_count=4, alloc_top=DATA + len(data),
                           root=ptr(1, 0x1000)), fot, data)

# An entry that was claimed but never completed (no VALID), root in-object.
seeds["fot-unused"] = seed(header(oid(0x23), fot_count=2, alloc_top=DATA + 64, root=DATA),
                           fot_entry(oid(0x24), flags=READ | WRITE))

# An idle undo log at 0x1000 (1 MiB, as the runtime allocates it).
LOG = 1 << 20
seeds["log-idle"] = seed(header(oid(0x30), alloc_top=DATA + LOG, log=DATA),
                         data=log_header(LOG))

# An unfinished transaction: two records to roll back (data bytes and the root).
TXID = 0x2EED0000C0FFEE01  # bits 63 and 62 clear: they are flags (docs/abi.md)
records = log_record(DATA + LOG, struct.pack("<Q", 0x1122334455667788), TXID) + \
    log_record(0x3FFFF000 + 48, struct.pack("<Q", DATA + LOG), TXID)
seeds["log-active"] = seed(
    header(oid(0x31), alloc_top=DATA + LOG + 64, log=DATA, root=ptr(0, DATA + LOG + 8),
           lock=12345),
    data=log_header(LOG, TXID, 12345) + records)

# A heap (metadata at 0x1000) with one free 32-byte block and one in use.
heap = struct.pack("<16Q", 0x1080, *([0] * 15))
free_blk = struct.pack("<IIQ", BLOCK_MAGIC, 0, 32) + bytes(32)
used_blk = struct.pack("<IIQ", BLOCK_MAGIC, 1, 64) + bytes(64)
data = heap + free_blk + used_blk
seeds["heap"] = seed(header(oid(0x40), alloc_top=DATA + len(data), heap=DATA,
                            root=ptr(0, DATA + 128 + 48 + 16)), data=data)

if __name__ == "__main__":  # (test/fuzz/Inputs/make-regressions.py imports the format)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, blob in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(blob)
