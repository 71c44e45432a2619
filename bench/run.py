#!/usr/bin/env python3
"""Runs every workload of bench.c in every build and prints the tables of
`make bench`: ns/op (median of BENCH_REPS repetitions, each >= BENCH_MIN_MS)
with ratios, then callgrind instructions/op for the workloads small enough to
run under valgrind.

Usage: bench/run.py [BINDIR]   (default build/bench; `make bench` builds it)

Each (workload, build) pair is one process with its own temporary store
directory (twz objects are sparse 1 GiB files, PMDK pools are ordinary files),
deleted as soon as the process exits. The directory is under $BENCH_TMP, else
/dev/shm (tmpfs: no writeback of the MAP_SHARED pages while timing), else the
system temporary directory.
"""
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

BINDIR = sys.argv[1] if len(sys.argv) > 1 else "build/bench"
# name in the tables -> (binary, extra environment)
BUILDS = {
    "raw": ("bench-raw", {}),
    "raw-slot": ("bench-raw", {"BENCH_RAW_SLOTS": "1"}),
    "twz": ("bench-twz", {}),
    "pmdk": ("bench-pmdk", {}),
    "explicit": ("bench-explicit", {}),
}
CALLGRIND_BUILDS = ["raw", "twz", "pmdk", "explicit"]  # raw-slot runs raw's instructions


def tmp_base():
    base = os.environ.get("BENCH_TMP")
    if base:
        return base
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize > (2 << 30):  # the 4M-node runs touch ~200 MiB
            return "/dev/shm"
    return tempfile.gettempdir()


def parse(line):
    return dict(f.split("=", 1) for f in line.split() if "=" in f)


def run_one(build, args, timeout, valgrind=None):
    """Runs one process in a fresh store; returns (fields, error)."""
    binary, extra = BUILDS[build]
    d = tempfile.mkdtemp(prefix="twz-bench.", dir=tmp_base())
    try:
        env = dict(os.environ, TWZ_STORE=d, BENCH_DIR=d, **extra)
        cmd = [os.path.join(BINDIR, binary)] + args
        if valgrind:
            out = os.path.join(d, "callgrind.out")
            cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no",
                   "--callgrind-out-file=" + out] + cmd
        try:
            p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, "timed out after %d s" % timeout
        lines = [l for l in p.stdout.splitlines() if l.startswith("name=")]
        if p.returncode != 0 or not lines:
            err = (p.stderr.strip().splitlines() or ["exit status %d" % p.returncode])[-1]
            return None, err
        fields = parse(lines[-1])
        if valgrind:
            ir = None
            with open(out) as f:
                for l in f:
                    if l.startswith(("totals:", "summary:")):
                        ir = int(l.split()[1])
            if ir is None:
                return None, "no totals in callgrind output"
            fields["ir"] = ir
        return fields, None
    finally:
        shutil.rmtree(d, ignore_errors=True)


def fmt_ns(x):
    return "-" if x is None else ("%.1f" % x if x >= 10 else "%.2f" % x)


def fmt_ratio(a, b):
    return "-" if a is None or b is None else "%.2fx" % (a / b)


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
    raw_bin = os.path.join(BINDIR, "bench-raw")
    listing = subprocess.run([raw_bin, "list"], capture_output=True, text=True, check=True).stdout
    workloads = [(l.split()[0], l.split()[1] == "1", l.split(None, 2)[2])
                 for l in listing.splitlines()]
    have_vg = shutil.which("valgrind") is not None

    # -- timing: workload by workload, every build back to back (drift hits all alike)
    ns, problems = {}, []
    for name, _, _ in workloads:
        checks = {}
        for b in BUILDS:
            print("bench: %-22s %-9s" % (name, b), end="", file=sys.stderr, flush=True)
            f, err = run_one(b, ["run", name], timeout=300)
            if err:
                print(" FAILED: " + err, file=sys.stderr)
                problems.append("%s/%s: %s" % (name, b, err))
                ns[name, b] = None
                continue
            ns[name, b] = float(f["ns_per_op"])
            checks[b] = f["check"]
            print(" %8s ns/op" % fmt_ns(ns[name, b]), file=sys.stderr)
        if len(set(checks.values())) > 1:  # every build must see the same structure
            problems.append("%s: checksums differ: %s" % (name, checks))

    # -- callgrind: instructions per op of the kernels (no DRAM-sized workloads)
    ir = {}
    if have_vg:
        for name, small, _ in workloads:
            if not small:
                continue
            for b in CALLGRIND_BUILDS:
                print("callgrind: %-22s %-9s" % (name, b), end="", file=sys.stderr, flush=True)
                f, err = run_one(b, ["callgrind", name], timeout=300, valgrind=True)
                if err:
                    print(" FAILED: " + err, file=sys.stderr)
                    problems.append("callgrind %s/%s: %s" % (name, b, err))
                    ir[name, b] = None
                    continue
                ir[name, b] = f["ir"] / int(f["ops"])
                print(" %8.1f Ir/op" % ir[name, b], file=sys.stderr)
    else:
        problems.append("valgrind not found: no instruction counts")

    # -- the tables
    reps = os.environ.get("BENCH_REPS", "7")
    min_ms = os.environ.get("BENCH_MIN_MS", "60")
    print()
    print("twz pointer benchmarks, %s, %s, %s" % (
        time.strftime("%Y-%m-%d %H:%M"), cpu_model(), "Linux " + platform.release()))
    print("ns/op: median of %s repetitions of >= %s ms each; lower is better" % (reps, min_ms))
    print()
    rows = []
    for name, _, _ in workloads:
        g = lambda b: ns.get((name, b))
        rows.append([name, fmt_ns(g("raw")), fmt_ns(g("twz")), fmt_ratio(g("twz"), g("raw")),
                     fmt_ns(g("pmdk")), fmt_ratio(g("pmdk"), g("raw")),
                     fmt_ratio(g("pmdk"), g("twz")),
                     fmt_ns(g("explicit")), fmt_ratio(g("explicit"), g("raw")),
                     fmt_ns(g("raw-slot")), fmt_ratio(g("twz"), g("raw-slot"))])
    table(["workload", "raw", "twz", "twz/raw", "pmdk", "pmdk/raw", "twz vs pmdk",
           "explicit", "expl/raw", "raw-slot", "twz/raw-slot"], rows)
    print()
    print("twz vs pmdk = pmdk time / twz time (>1: twz faster). raw-slot = the raw build with")
    print("twz's layout (each object a 1 GiB-aligned slot, data from offset 0x1000):")
    print("twz/raw-slot is translation alone, raw-slot/raw the layout alone.")
    if ir:
        print()
        print("instructions/op (callgrind, one warmed-up run of each kernel)")
        print()
        rows = []
        for name, small, _ in workloads:
            if not small:
                continue
            g = lambda b: ir.get((name, b))
            f = lambda x: "-" if x is None else "%.1f" % x
            rows.append([name] + [f(g(b)) for b in CALLGRIND_BUILDS] +
                        [("%+.1f" % (g("twz") - g("raw"))) if g("twz") and g("raw") else "-"])
        table(["workload"] + CALLGRIND_BUILDS + ["twz-raw"], rows)
    print()
    goals(ns)
    for p in problems:
        print("PROBLEM: " + p)
    print("(%.0f s)" % (time.time() - start))


def goals(ns):
    """The issue's targets, reported (not asserted)."""
    def r(w, a, b):
        x, y = ns.get((w, a)), ns.get((w, b))
        return None if x is None or y is None else x / y
    def say(text, val, ok):
        v = "n/a" if val is None else "%.2fx" % val
        print("goal %-44s %7s  %s" % (text, v, "-" if val is None else ("met" if ok(val) else "NOT met")))
    say("intra-object chase (4K, 1 obj) twz/raw <= 1.15", r("chase-4K-1obj", "twz", "raw"), lambda v: v <= 1.15)
    say("intra-object chase (4M, 1 obj) twz/raw <= 1.15", r("chase-4M-1obj", "twz", "raw"), lambda v: v <= 1.15)
    say("cross-object chase (4K, 8 obj) twz/raw <= 1.5", r("chase-4K-8obj", "twz", "raw"), lambda v: v <= 1.5)
    say("cross-object chase (4M, 8 obj) twz/raw <= 1.5", r("chase-4M-8obj", "twz", "raw"), lambda v: v <= 1.5)
    for w in ("chase-4K-8obj", "chase-4K-64obj", "chase-4M-8obj", "chase-4M-64obj", "hash-64K-8obj",
              "tree-64K-8obj"):
        say("%s pmdk/twz >= 1.5" % w, r(w, "pmdk", "twz"), lambda v: v >= 1.5)
    for w in ("build-list-64K-1obj", "build-list-64K-8obj", "build-tree-64K-1obj", "build-tree-64K-8obj"):
        say("%s twz/raw <= 2" % w, r(w, "twz", "raw"), lambda v: v <= 2)


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
