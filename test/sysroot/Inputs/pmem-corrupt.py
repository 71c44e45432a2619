"""pmem-corrupt.py FILE WHAT: damage the twz kernel's persistent object
store in FILE (layout: docs/kernel.md "Persistent memory") for
kernel-pmem-corrupt.test. WHAT: super (a superblock byte), state (a live
entry's state word), twice (a live object's directory names its own
directory page again), range (a page number past the end)."""
import struct
import sys

path, what = sys.argv[1:3]
PAGE, LIVE = 4096, 0x4556494C4A424F54
with open(path, "r+b") as f:
    data = bytearray(f.read(PAGE * 65))

    def live():
        for i in range(4096):
            off = PAGE + 64 * i
            if struct.unpack_from("<Q", data, off + 24)[0] == LIVE:
                return off
        sys.exit("no live entry")

    if what == "super":
        data[16] ^= 1
        f.seek(0)
        f.write(data[:PAGE])
    elif what == "state":
        off = live()
        struct.pack_into("<Q", data, off + 24, LIVE ^ 1)
        f.seek(off)
        f.write(data[off:off + 64])
    else:
        off = live()
        d = struct.unpack_from("<Q", data, off + 16)[0]
        f.seek(d * PAGE + 8 * 511)  # the top directory's last slot, unused by small objects
        f.write(struct.pack("<Q", d if what == "twice" else 1 << 40))
