#!/usr/bin/env python3
"""multi-crash.py PROGRAM kill N | points N | torn N

kill N:   N times, start `PROGRAM run`, SIGKILL it at a random moment.
points N: for k = 1..N, run `PROGRAM run 40` with TWZ_TEST_CRASH_AFTER=k,
          so it dies right after its k-th flush (or finishes).
torn N:   the same, but the k-th flush is torn (TWZ_TEST_CRASH_PARTIAL, a
          random one of log, data, late: docs/abi.md) and the run ends in it.
After each, `PROGRAM check ORDER LAST` with ORDER a random order of the
objects (recovery starts from the first) and LAST the last transaction the
worker acknowledged; stop at the first inconsistency or lost commit."""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

prog, mode, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(os.getpid())
consistent = lost = 0
with tempfile.TemporaryFile() as out:
    for i in range(rounds):
        out.seek(0)
        out.truncate()
        if mode == "kill":
            worker = subprocess.Popen([prog, "run"], stdout=out)
            time.sleep(rng.uniform(0.002, 0.03))
            worker.send_signal(signal.SIGKILL)
            worker.wait()
        else:
            env = dict(os.environ, TWZ_TEST_CRASH_AFTER=str(i + 1))
            if mode == "torn":
                env["TWZ_TEST_CRASH_PARTIAL"] = rng.choice(["log", "data", "late"])
            worker = subprocess.run([prog, "run", "40"], stdout=out, env=env)
            if worker.returncode not in (0, 99):
                print(f"round {i}: worker failed with status {worker.returncode}")
                break
        out.seek(0)
        lines = out.read().split()
        last = lines[-1].decode() if lines else "0"
        order = "".join(rng.sample("abc", 3))
        check = subprocess.run([prog, "check", order, last], capture_output=True, text=True)
        if " LOST " in check.stdout:
            lost += 1
        if check.returncode != 0 or not check.stdout.startswith("consistent"):
            print(f"round {i} (opened {order}): INCONSISTENT after crash: {check.stdout}{check.stderr}")
            break
        consistent += 1
what = {"kill": "kills", "points": "crash points", "torn": "torn flushes"}[mode]
print(f"{rounds} {what}, {consistent} recoveries consistent, {lost} lost commits")
