#!/usr/bin/env python3
"""exit-status.py N COMMAND [ARGS...]: run COMMAND (stdin, stdout and stderr
passed through) and succeed only if it exits with status exactly N. A crash
(death by a signal) never matches, unlike lit's `not`, which accepts one."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.run(sys.argv[2:]).returncode
if got != want:
    how = "was killed by signal %d" % -got if got < 0 else "exited with status %d" % got
    sys.stderr.write("exit-status.py: %s %s, expected status %d\n" % (sys.argv[2], how, want))
    sys.exit(1)
