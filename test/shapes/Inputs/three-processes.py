#!/usr/bin/env python3
"""three-processes.py STORE PROGRAM: run `PROGRAM build` (process 1), then
`PROGRAM show` twice (processes 2 and 3), each a fresh process with
TWZ_STORE=STORE, so each maps the objects at its own addresses. Their
outputs go to stdout one after the other; stderr passes through. Stops at
the first process that does not exit with status 0 (a fault, a failed
check), saying which, and fails."""
import os
import subprocess
import sys

store, program = sys.argv[1], sys.argv[2]
env = dict(os.environ, TWZ_STORE=store)
for n, mode in enumerate(["build", "show", "show"], 1):
    sys.stdout.flush()
    got = subprocess.run([program, mode], env=env).returncode
    if got != 0:
        how = "was killed by signal %d" % -got if got < 0 else "exited with status %d" % got
        sys.stdout.flush()
        sys.stderr.write("three-processes.py: process %d (%s %s) %s\n" % (n, program, mode, how))
        sys.exit(1)
