#!/usr/bin/env python3
"""kvs-crash-loop.py PROGRAM N: N times, start `PROGRAM run FIRST`, SIGKILL it
at a random moment, then run `PROGRAM check LAST` (LAST: the last operation
the worker acknowledged), which prints "consistent n=DONE ..." with the
operations the store holds; the next worker starts at DONE + 1. Stops at the
first inconsistency."""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

prog, rounds = sys.argv[1], int(sys.argv[2])
rng = random.Random(os.getpid())
consistent = acked = unacked_found = 0
first = 1
with tempfile.TemporaryFile() as out:
    for i in range(rounds):
        out.seek(0)
        out.truncate()
        worker = subprocess.Popen([prog, "run", str(first)], stdout=out)
        time.sleep(rng.uniform(0.005, 0.12))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        out.seek(0)
        lines = out.read().split()
        last = int(lines[-1]) if lines else first - 1
        acked += last - first + 1
        check = subprocess.run([prog, "check", str(last)], capture_output=True, text=True)
        fields = dict(f.split("=", 1) for f in check.stdout.split() if "=" in f)
        if check.returncode != 0 or not check.stdout.startswith("consistent") or "n" not in fields:
            print(f"round {i}: INCONSISTENT after kill: {check.stdout}{check.stderr}")
            break
        done = int(fields["n"])
        unacked_found += done == last + 1
        consistent += 1
        first = done + 1
print(f"{rounds} kills, {consistent} recoveries consistent")
print(f"{acked} operations acknowledged; {unacked_found} kills came after a commit and before its acknowledgement")
