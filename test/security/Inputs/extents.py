"""The data extents of a sparse file (a 1 GiB object file): shared by
objcopy.py and nosecret.py, which must not read the holes."""
import os


def extents(f):
    """Yield (offset, bytes) for every data extent of open file f."""
    fd, off = f.fileno(), 0
    while True:
        try:
            start = os.lseek(fd, off, os.SEEK_DATA)
        except OSError:  # ENXIO: no data after off
            return
        end = os.lseek(fd, start, os.SEEK_HOLE)
        f.seek(start)
        yield start, f.read(end - start)
        off = end
