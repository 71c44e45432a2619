"""status.py N CMD...: run CMD (output passes through) and succeed only if
its exit status is exactly N."""
import subprocess, sys

want = int(sys.argv[1])
rc = subprocess.call(sys.argv[2:])
if rc != want:
    sys.stderr.write("status.py: expected exit status %d, got %d\n" % (want, rc))
    sys.exit(1)
