#!/usr/bin/env python3
"""crash-loop.py PROGRAM N: N times, start `PROGRAM run`, SIGKILL it at a
random moment, then run `PROGRAM check LAST` where LAST is the last
transaction the worker reported committed; stop at the first inconsistency."""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

prog, rounds = sys.argv[1], int(sys.argv[2])
rng = random.Random(os.getpid())
consistent = 0
with tempfile.TemporaryFile() as out:
    for i in range(rounds):
        out.seek(0)
        out.truncate()
        worker = subprocess.Popen([prog, "run"], stdout=out)
        time.sleep(rng.uniform(0.002, 0.03))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        out.seek(0)
        lines = out.read().split()
        last = lines[-1].decode() if lines else "0"
        check = subprocess.run([prog, "check", last], capture_output=True, text=True)
        if check.returncode != 0 or not check.stdout.startswith("consistent"):
            print(f"round {i}: INCONSISTENT after kill: {check.stdout}{check.stderr}")
            break
        consistent += 1
print(f"{rounds} kills, {consistent} recoveries consistent")
