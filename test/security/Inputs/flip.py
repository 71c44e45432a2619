#!/usr/bin/env python3
"""flip.py FILE OFFSET OUT [XOR]: copy FILE to OUT with byte OFFSET xor'ed
with XOR (default 0xff: every bit inverted). OFFSET and XOR are Python
integer literals (0x38, 30)."""
import sys

data = bytearray(open(sys.argv[1], "rb").read())
off = int(sys.argv[2], 0)
data[off] ^= int(sys.argv[4], 0) if len(sys.argv) > 4 else 0xFF
open(sys.argv[3], "wb").write(bytes(data))
