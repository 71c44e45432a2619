"""powercut.py TWZ_BOOT WORK PMEM DETERMINISTIC RANDOM SEED ATLEAST: power cuts on
the twz kernel while a workload (Inputs/cut-work.c) runs twzkvs puts and
counter transactions on persistent memory. Each boot first verifies what
the previous boots left (recovery ran, keys consecutive, counter array
consistent) and that everything acknowledged is there, then works until
the cut. DETERMINISTIC boots cut at the k-th persistence point (--cut k,
k spread over one boot's points, measured first); RANDOM boots are killed
with SIGKILL after a random delay (QEMU and all). Prints one summary line;
exits 1 on the first lost acknowledgement, inconsistency or damaged store,
or if fewer than ATLEAST boots were really cut or killed."""
import os
import random
import re
import signal
import subprocess
import sys
import time

boot, work, pmem, ndet, nrand, seed, atleast = sys.argv[1:8]
ndet, nrand = int(ndet), int(nrand)
rng = random.Random(int(seed))
acked_kvs = acked_tx = -1  # highest key index / counter value acknowledged
boots = 0
# TWZ_CUT_STRICT=1: every boot in strict mode, so that only what libtwz and
# twzkvs flush survives a cut (a missing flush shows as a lost commit).
STRICT = ["--strict-pmem"] if os.environ.get("TWZ_CUT_STRICT") == "1" else []


def fail(msg, out):
    print("powercut: FAIL after %d boots: %s\n--- output ---\n%s" % (boots, msg, out))
    sys.exit(1)


verified = 0


def check(out, cut):
    """The verify line against what was acknowledged, then the new acks. A
    cut may land before the verify is done (it recovers and persists too:
    a cut during recovery); then the next boot verifies."""
    global acked_kvs, acked_tx, verified
    if "persistent memory at" in out and "left as it is" in out:
        fail("the kernel found the store damaged", out)
    if re.search(r"^verify: BAD", out, re.M) or (not cut and "verify:" not in out):
        fail("verify failed", out)
    m = re.search(r"^verify: keys (\d+) counter (\d+) ok$", out, re.M)
    if not m:
        return
    verified += 1
    keys, n = int(m.group(1)), int(m.group(2))
    if keys < acked_kvs + 1 or n < acked_tx:
        fail("lost acknowledged commits: have %d keys, counter %d; acknowledged key %d, tx %d"
             % (keys, n, acked_kvs, acked_tx), out)
    for kind, v in re.findall(r"^ack (kvs|tx) (\d+)$", out, re.M):
        if kind == "kvs":
            acked_kvs = max(acked_kvs, int(v))
        else:
            acked_tx = max(acked_tx, int(v))


def run(extra, kill_after=None):
    global boots
    cmd = [boot, "--timeout", "120", "--pmem", pmem] + STRICT + extra + [
        "--module", work + " work 10", work, "verify"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         start_new_session=True)
    if kill_after is not None:
        try:
            out, _ = p.communicate(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)  # kill -9 of twz-boot and QEMU
            out, _ = p.communicate()
    else:
        out, _ = p.communicate()
    boots += 1
    return p.returncode, out


r = subprocess.run([boot, "--fresh", "--pmem", pmem, work, "init"], capture_output=True, text=True)
if r.returncode != 0 or "init done" not in r.stdout:
    fail("init", r.stdout + r.stderr)
# One boot counting, not cutting: how many persistence points a boot has.
t0 = time.time()
rc, out = run(["--cut", "1000000000"])
boot_time = time.time() - t0
check(out, False)
m = re.search(r"twz-kernel: (\d+) persistence points", out)
if rc != 0 or not m:
    fail("the counting boot", out)
points = int(m.group(1))
# Distinct k over 95% of the counted boot's points (boots differ a little
# as the store grows; a k past a boot's last point cuts nothing), by a prime
# stride rather than evenly: the workload repeats with a period of a few
# dozen points, and an even grid can miss the same step of every repeat.
span = points * 95 // 100
ks = sorted(set(1 + (i * 97) % span for i in range(min(ndet, span))))
cuts = 0
for k in ks:
    rc, out = run(["--cut", str(k)])
    if rc not in (0, 123):
        fail("status %d at cut %d" % (rc, k), out)
    cuts += rc == 123
    check(out, rc == 123)
kills = 0
for i in range(nrand):
    rc, out = run([], kill_after=rng.uniform(0.1, 0.7) * boot_time)
    kills += rc != 0
    check(out, rc != 0)
rc, out = run([])
check(out, False)
if cuts + kills < int(atleast):
    fail("only %d cuts and %d kills" % (cuts, kills), "")
print("powercut: %d boots, %d cut at distinct persistence points of %d, %d killed at random, "
      "%d verified, 0 lost acknowledged commits, 0 inconsistent; %d keys and %d transactions "
      "acknowledged" % (boots, cuts, points, kills, verified, acked_kvs + 1, acked_tx))
