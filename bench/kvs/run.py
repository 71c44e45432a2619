#!/usr/bin/env python3
"""The KVS benchmark of `make bench`: insert and lookup latency of twzkvs
(with transactions, and with its no-log bulk load), unixkvs, pmdkkvs and
rawkvs for 1K, 100K and 1M keys, then lines of code (loc.py).

Usage: bench/kvs/run.py [BINDIR]   (default build/bench/kvs; `make -C bench/kvs` builds it)

Every run is one process (kvsbench.c) with a fresh store in a temporary
directory, deleted afterwards; the KVSes of one repetition run back to back.
The table gives mean ± standard deviation over the repetitions of each
process's ns/op; each repetition runs the KVSes in a rotated order, so drift
of the machine does not always hit the same one. Knobs: BENCH_KVS_ONLY (a comma-separated list of rows to run),
BENCH_KVS_REPS ("10,5,5": repetitions for 1K, 100K,
1M keys), BENCH_KVS_DISK (directory for the on-disk insert runs, default the
system temporary directory; "none" skips them), BENCH_TMP (as bench/run.py).
"""
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import loc  # noqa: E402

BINDIR = sys.argv[1] if len(sys.argv) > 1 else "build/bench/kvs"
# table name -> (binary, extra arguments, extra environment)
KVSES = {
    "twzkvs": ("kvsbench-twz", [], {}),
    "twzkvs no-log": ("kvsbench-twz", ["load"], {}),
    "unixkvs": ("kvsbench-unix", [], {}),
    "pmdkkvs": ("kvsbench-pmdk", [], {}),
    "raw": ("kvsbench-raw", [], {}),
    # Forced cache-line flushing (clwb + sfence instead of msync), as on
    # persistent memory: twz's TWZ_PMEM=1 and PMDK's PMEM_IS_PMEM_FORCE=1.
    "twzkvs clwb": ("kvsbench-twz", [], {"TWZ_PMEM": "1"}),
    "pmdkkvs clwb": ("kvsbench-pmdk", [], {"PMEM_IS_PMEM_FORCE": "1"}),
    # The ordered map (a B-tree): examples/twzmap and its PMDK twin pmdkmap.c.
    "twzmap": ("kvsbench-twzmap", [], {}),
    "pmdkmap": ("kvsbench-pmdkmap", [], {}),
    "twzmap clwb": ("kvsbench-twzmap", [], {"TWZ_PMEM": "1"}),
    "pmdkmap clwb": ("kvsbench-pmdkmap", [], {"PMEM_IS_PMEM_FORCE": "1"}),
}
# BENCH_KVS_ONLY="twzmap,pmdkmap,...": run only these rows.
if os.environ.get("BENCH_KVS_ONLY"):
    KVSES = {k: v for k, v in KVSES.items() if k in os.environ["BENCH_KVS_ONLY"].split(",")}
SIZES = [1000, 100000, 1000000]
DISK_KEYS = 200  # on-disk inserts: msync/fdatasync wait for the device


def label(n):
    return "%dK" % (n // 1000) if n < 1000000 else "%dM" % (n // 1000000)


def tmp_base():
    base = os.environ.get("BENCH_TMP")
    if base:
        return base
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize > (2 << 30):  # 1M keys: ~400 MiB of PMDK pools
            return "/dev/shm"
    return tempfile.gettempdir()


def run_one(kvs, n, base, lookups=None):
    binary, extra, more_env = KVSES[kvs]
    d = tempfile.mkdtemp(prefix="twz-kvsbench.", dir=base)
    try:
        env = dict(os.environ, TWZ_STORE=d, KVS_DIR=os.path.join(d, "kvs"), **more_env)
        if lookups:
            env["KVS_LOOKUPS"] = str(lookups)
        p = subprocess.run([os.path.join(BINDIR, binary), str(n)] + extra, env=env,
                           capture_output=True, text=True, timeout=600)
        lines = [l for l in p.stdout.splitlines() if l.startswith("n=")]
        if p.returncode != 0 or not lines:
            err = (p.stderr.strip().splitlines() or ["exit status %d" % p.returncode])[-1]
            return None, err
        return dict(f.split("=", 1) for f in lines[-1].split()), None
    finally:
        shutil.rmtree(d, ignore_errors=True)


def fs_type(path):
    try:
        out = subprocess.run(["findmnt", "-no", "FSTYPE", "--target", path], capture_output=True,
                             text=True).stdout
        return (out.split() or ["?"])[0]
    except OSError:
        return "?"


def mean_sd(xs):
    if not xs:
        return None
    return statistics.mean(xs), (statistics.stdev(xs) if len(xs) > 1 else 0.0)


def fmt(ms):
    if ms is None:
        return "-"
    m, s = ms
    return ("%.0f ± %.0f" % (m, s)) if m >= 1000 else ("%.1f ± %.1f" % (m, s))


def table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i])
                               for i, c in enumerate(r))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def main():
    start = time.time()
    reps = [int(x) for x in os.environ.get("BENCH_KVS_REPS", "10,5,5").split(",")]
    base = tmp_base()
    ins, look, problems = {}, {}, []
    for n, r in zip(SIZES, reps):
        checks = {}
        names = list(KVSES)
        for rep in range(r):
            for kvs in names[rep % len(names):] + names[:rep % len(names)]:
                print("kvsbench: %-4s keys  %-13s rep %d/%d" % (label(n), kvs, rep + 1, r),
                      end="", file=sys.stderr, flush=True)
                f, err = run_one(kvs, n, base)
                if err:
                    print(" FAILED: " + err, file=sys.stderr)
                    problems.append("%s/%s: %s" % (kvs, label(n), err))
                    continue
                ins.setdefault((kvs, n), []).append(float(f["insert_ns"]))
                look.setdefault((kvs, n), []).append(float(f["lookup_ns"]))
                checks.setdefault(f["check"], []).append(kvs)
                print("  insert %9.1f  lookup %7.2f ns/op" % (ins[kvs, n][-1], look[kvs, n][-1]),
                      file=sys.stderr)
        if len(checks) > 1:  # every KVS must return the same values
            problems.append("%s keys: value checksums differ: %s" % (label(n), checks))

    disk = os.environ.get("BENCH_KVS_DISK", tempfile.gettempdir())
    disk_ins = {}
    if disk != "none":
        for rep in range(3):
            for kvs in [k for k in ("twzkvs", "unixkvs", "pmdkkvs", "twzmap", "pmdkmap") if k in KVSES]:
                print("kvsbench: on disk %s, %d keys, %s" % (disk, DISK_KEYS, kvs), file=sys.stderr)
                f, err = run_one(kvs, DISK_KEYS, disk, lookups=DISK_KEYS)
                if err:
                    problems.append("disk %s: %s" % (kvs, err))
                    continue
                disk_ins.setdefault(kvs, []).append(float(f["insert_ns"]) / 1000)

    print()
    print("twzkvs and its peers, %s, %s, Linux %s" % (time.strftime("%Y-%m-%d %H:%M"), cpu_model(),
                                                       platform.release()))
    print("ns/op, mean ± stddev over %s processes (1K, 100K, 1M keys); stores on %s (%s)"
          % ("/".join(str(x) for x in reps), base, fs_type(base)))
    print("keys: 16-byte strings; values: 32 bytes; index: 2N slots rounded up to a power of two;")
    print("lookup = kvs_get of every key in a shuffled order (>= 2M gets) + reading the value in place")
    print()
    rows = []
    for kvs in KVSES:
        rows.append([kvs] + [fmt(mean_sd(ins.get((kvs, n), []))) for n in SIZES] +
                    [fmt(mean_sd(look.get((kvs, n), []))) for n in SIZES])
    table(["KVS"] + ["insert %s" % label(n) for n in SIZES] + ["lookup %s" % label(n) for n in SIZES], rows)
    print()

    def ratio(a, b, n):
        x, y = mean_sd(look.get((a, n), [])), mean_sd(look.get((b, n), []))
        return "-" if not x or not y else "%.2fx" % (x[0] / y[0])
    table(["lookup ratio"] + [label(n) for n in SIZES],
          [["twzkvs / raw"] + [ratio("twzkvs", "raw", n) for n in SIZES],
           ["twzkvs / pmdkkvs"] + [ratio("twzkvs", "pmdkkvs", n) for n in SIZES],
           ["twzkvs / unixkvs"] + [ratio("twzkvs", "unixkvs", n) for n in SIZES]])
    print()
    print("durability of an insert: twzkvs = 1 twz transaction over the index and the data")
    print("  object: msync of the index's undo records, then of the index's new bytes with the")
    print("  commit record that carries a copy of them and of the data object's new pair (2")
    print("  msyncs; the data object's carried bytes are flushed every 2 KiB); *clwb: new")
    print("  bytes, then a commit mark (no record);")
    print("  twzkvs no-log = kvs_load: no undo log, no msync,")
    print("  no lock; unixkvs = pwrite + fdatasync of the record, msync of the header and the slot,")
    print("  flock; pmdkkvs = 2 PMDK transactions (data pool, index pool: a PMDK transaction")
    print("  cannot span pools; pmem_msync, the pools are not on DAX memory);")
    print("  *clwb = the same with cache-line flushes + sfence instead of msync (TWZ_PMEM=1,")
    print("  PMEM_IS_PMEM_FORCE=1), as on persistent memory; raw = malloc, nothing persists.")
    print("ordered maps (B-tree of order 16, keys inline, values in blobs): twzmap = 1 twz")
    print("  transaction per put (the path's nodes recorded in one batch, new nodes and values")
    print("  fresh, commit record: 2 msyncs); pmdkmap = 1 PMDK transaction (TX_ADD of the path's nodes,")
    print("  TX_NEW/TX_ALLOC).")
    if disk_ins:
        print()
        print("the same durable inserts on %s (%s), %d keys, 3 processes: µs/op" % (
            disk, fs_type(disk), DISK_KEYS))
        print()
        table(["KVS", "insert µs"], [[k, fmt(mean_sd(v))] for k, v in disk_ins.items()])
    print()
    print("paper (PLOS'19, i5-7600K): twzkvs insert 179.5 ns, lookup 63.6 ns; unixkvs 180.3 / 66.0 ns")
    print()
    loc.report()
    print()
    for p in problems:
        print("PROBLEM: " + p)
    print("(%.0f s)" % (time.time() - start))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for l in f:
                if l.startswith("model name"):
                    return "%s x%d" % (l.split(":", 1)[1].strip(), os.cpu_count())
    except OSError:
        pass
    return platform.machine()


if __name__ == "__main__":
    main()
