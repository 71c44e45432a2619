#!/usr/bin/env python3
"""Differential test of twz-clang with random pointer-graph programs.

For every seed, gen.py writes one program in two variants. The plain variant
is built with clang -O0 and run: its output is the reference. The twz variant
is built with twz-clang at each -O level and run in a fresh store; its output
must be identical. Then (cross-process check) the same binary is run again as
`prog walk` on that store: a second process reopens the objects by name and
must print the same digest.

Seeds are compiled in batches (one program holds up to 25 seeds, `prog N`
runs seed N; each seed's code is the same as in its own program) so that the
shared helpers are compiled and linked once per batch, not once per seed.

A mismatch prints the seed, the variant and -O level and the diff, and keeps
the seed's sources, outputs and a repro.sh under --keep. Exit status: 0 if
every program matched, 1 otherwise.

  run.py --seeds 1..50 --jobs 2 --keep /tmp/keep
"""
import argparse
import concurrent.futures
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DIGEST_MARK = "--- digest\n"


def parse_seeds(text):
    """'A..B' (inclusive), 'N', or a comma-separated list of those."""
    seeds = []
    for part in text.split(","):
        if ".." in part:
            a, b = part.split("..")
            seeds += range(int(a), int(b) + 1)
        elif part:
            seeds.append(int(part))
    return seeds


def run(cmd, env=None, timeout=None):
    """(status, stdout, stderr); status is None on a timeout."""
    try:
        p = subprocess.run(cmd, env=env, timeout=timeout, capture_output=True, text=True, errors="replace")
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out, "timed out after %ss\n" % timeout


def describe(status):
    if status == 0:
        return "exit 0"
    if status is None:
        return "timeout"
    if status < 0:
        return "killed by signal %d" % -status
    return "exit %d" % status


class Tester:
    def __init__(self, args):
        self.args = args
        self.levels = [int(x) for x in args.levels.split(",")]
        self.disabled = [c for c in args.disable.split(",") if c]
        self.lock = threading.Lock()
        self.compared = 0  # twz programs run and compared with the reference
        self.cross = 0  # cross-process digests compared
        self.failures = []  # (seed, what)
        self.keep = args.keep
        # Object stores: fsync on a disk makes every run take 0.3 s, on tmpfs 10 ms.
        self.stores = args.stores
        if self.stores is None and os.access("/dev/shm", os.W_OK):
            self.stores = "/dev/shm"

    def say(self, text):
        with self.lock:
            print(text, flush=True)

    def env(self, store):
        env = dict(os.environ)
        env["TWZ_STORE"] = store
        env.pop("TWZ_CONTEXT", None)
        return env

    def plain_cmd(self, src, exe):
        cmd = [self.args.clang, "-O0", src, "-o", exe]
        if self.args.sanitize:
            cmd[2:2] = ["-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
        return cmd

    def twz_cmd(self, level, src, exe):
        return [self.args.twz_clang, "-O%d" % level, src, "-o", exe]

    # --- one batch of seeds ---

    def check_batch(self, seeds, work):
        os.makedirs(work, exist_ok=True)
        plain, twz = gen.generate(seeds, self.disabled, self.args.inject_bug)
        psrc, tsrc = os.path.join(work, "plain.c"), os.path.join(work, "twz.c")
        with open(psrc, "w") as f:
            f.write(plain)
        with open(tsrc, "w") as f:
            f.write(twz)
        pexe = os.path.join(work, "plain")
        status, _, err = run(self.plain_cmd(psrc, pexe), timeout=600)
        if status != 0:
            for seed in seeds:
                self.fail(seed, "plain -O0 does not compile (generator bug)", err, None, None)
            return
        refs = {}
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
        for seed in seeds:
            status, out, err = run([pexe, str(seed)], env=env, timeout=self.args.timeout)
            if status != 0:
                self.fail(seed, "plain -O0 fails, %s (generator bug)" % describe(status), err, None, None)
            else:
                refs[seed] = out
        for level in self.levels:
            exe = os.path.join(work, "twz-O%d" % level)
            status, _, err = run(self.twz_cmd(level, tsrc, exe), timeout=600)
            if status == 0:
                for seed in seeds:
                    if seed in refs:
                        self.check_run(seed, level, exe, refs[seed], work)
                continue
            # Find the seeds that do not compile: each alone.
            for seed in seeds:
                if seed not in refs:
                    continue
                one = os.path.join(work, "seed%d" % seed)
                os.makedirs(one, exist_ok=True)
                src = os.path.join(one, "twz.c")
                with open(src, "w") as f:
                    f.write(gen.generate([seed], self.disabled, self.args.inject_bug)[1])
                exe = os.path.join(one, "twz-O%d" % level)
                status, _, err = run(self.twz_cmd(level, src, exe), timeout=600)
                if status != 0:
                    self.fail(seed, "twz -O%d does not compile" % level, err, refs[seed], None, level)
                else:
                    self.check_run(seed, level, exe, refs[seed], one)

    def check_run(self, seed, level, exe, ref, work):
        store = tempfile.mkdtemp(prefix="twz-random-store-s%d-O%d-" % (seed, level), dir=self.stores or work)
        try:
            status, out, err = run([exe, str(seed)], env=self.env(store), timeout=self.args.timeout)
            with self.lock:
                self.compared += 1
            if status != 0 or out != ref:
                self.fail(seed, "twz -O%d differs from plain -O0 (%s)" % (level, describe(status)), err, ref,
                          out, level)
                return
            if self.args.no_cross:
                return
            status, out, err = run([exe, "walk"], env=self.env(store), timeout=self.args.timeout)
            with self.lock:
                self.cross += 1
            want = ref[ref.index(DIGEST_MARK):]
            if status != 0 or out != want:
                self.fail(seed, "twz -O%d: a second process (walk) prints another digest (%s)"
                          % (level, describe(status)), err, want, out, level, walk=True)
        finally:
            shutil.rmtree(store, ignore_errors=True)

    # --- reporting ---

    def fail(self, seed, what, err, ref, out, level=None, walk=False):
        lines = ["MISMATCH seed %d: %s" % (seed, what)]
        diff = []
        if ref is not None and out is not None:
            diff = list(difflib.unified_diff(ref.splitlines(True), out.splitlines(True),
                                             "plain -O0", "twz -O%d%s" % (level, " walk" if walk else ""), n=2))
            lines += ["  " + d.rstrip("\n") for d in diff[:40]]
            if len(diff) > 40:
                lines.append("  ... (%d more diff lines)" % (len(diff) - 40))
        if err:
            # A compile failure: its errors, not the warnings before them.
            errl = err.splitlines()
            errors = [i for i, e in enumerate(errl) if " error: " in e]
            if errors:
                errl = [e for i in errors for e in errl[i:i + 2]]
            lines += ["  stderr: " + e for e in errl[:12]]
            if len(errl) > 12:
                lines.append("  ... (%d more stderr lines)" % (len(errl) - 12))
        kept = self.keep_seed(seed, level, ref, out, err, "".join(diff), walk)
        lines.append("  kept in %s (reproduce: sh %s)" % (kept, os.path.join(kept, "repro.sh")))
        with self.lock:
            self.failures.append((seed, what))
            print("\n".join(lines), flush=True)

    def keep_seed(self, seed, level, ref, out, err, diff, walk):
        with self.lock:
            if not self.keep:
                self.keep = tempfile.mkdtemp(prefix="twz-random-")
        d = os.path.join(os.path.abspath(self.keep), "seed%d" % seed)
        os.makedirs(d, exist_ok=True)
        # The same text as `gen.py SEED -o d` (with the run's options) writes.
        plain, twz = gen.generate([seed], self.disabled, self.args.inject_bug)
        for variant, text in (("plain", plain), ("twz", twz)):
            with open(os.path.join(d, "seed%d-%s.c" % (seed, variant)), "w") as f:
                f.write(text)
        tag = "O%d%s" % (level, "-walk" if walk else "") if level is not None else "plain"
        for name, text in (("plain.out", ref), ("twz-%s.out" % tag, out), ("twz-%s.err" % tag, err),
                           ("twz-%s.diff" % tag, diff)):
            if text:
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
        lvl = level if level is not None else 0
        plain = " ".join(self.plain_cmd("seed%d-plain.c" % seed, "plain"))
        twz = " ".join(self.twz_cmd(lvl, "seed%d-twz.c" % seed, "twz-O%d" % lvl))
        with open(os.path.join(d, "repro.sh"), "w") as f:
            f.write("# seed %d%s: build both variants, run, compare (then the walk)\n"
                    % (seed, " (disabled: %s)" % ",".join(self.disabled) if self.disabled else ""))
            f.write("set -x\ncd \"$(dirname \"$0\")\"\n")
            f.write("%s && ./plain > plain.out\n" % plain)
            f.write("%s || exit 1\n" % twz)
            f.write("rm -rf store && TWZ_STORE=store ./twz-O%d > twz.out; diff plain.out twz.out\n" % lvl)
            f.write("TWZ_STORE=store ./twz-O%d walk > walk.out\n" % lvl)
            f.write("sed -n '/^--- digest/,$p' plain.out | diff - walk.out\n")
        return d


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="1..50", help="A..B, N, or a comma-separated list (default 1..50)")
    ap.add_argument("--jobs", type=int, default=2, help="batches compiled and run at once (default 2)")
    ap.add_argument("--batch", type=int, default=0, help="seeds per compiled program (default: at most 25)")
    ap.add_argument("--levels", default="0,1,2,3", help="twz-clang -O levels (default 0,1,2,3)")
    ap.add_argument("--keep", help="keep failing seeds here (default: a new temporary directory)")
    ap.add_argument("--work", help="build here and keep everything (default: a temporary directory, removed)")
    ap.add_argument("--clang", default="/usr/lib/llvm-19/bin/clang", help="compiler of the plain variant")
    ap.add_argument("--twz-clang", default=os.path.join(REPO, "build", "bin", "twz-clang"))
    ap.add_argument("--disable", default="", help="op categories to leave out: " + ", ".join(gen.CATEGORIES))
    ap.add_argument("--inject-bug", choices=["raw-copy"],
                    help="generate a bug into the programs (must be reported: tests the tester)")
    ap.add_argument("--no-cross", action="store_true", help="skip the second-process (walk) check")
    ap.add_argument("--sanitize", action="store_true",
                    help="build the plain reference with ASan and UBSan (checks the generator)")
    ap.add_argument("--stores", help="directory for the fresh per-run object stores (default: /dev/shm "
                    "if writable, else the work directory)")
    ap.add_argument("--progress", action="store_true", help="print a line after each batch")
    ap.add_argument("--timeout", type=float, default=30, help="seconds per program run (default 30)")
    args = ap.parse_args()
    seeds = parse_seeds(args.seeds)
    if not seeds:
        sys.exit("run.py: no seeds")
    for c in args.disable.split(","):
        if c and c not in gen.CATEGORIES:
            sys.exit("run.py: unknown category %r (have: %s)" % (c, ", ".join(gen.CATEGORIES)))
    size = args.batch
    if size <= 0:  # at most 25 seeds a program, and a multiple of --jobs programs
        nbatch = -(-len(seeds) // (25 * args.jobs)) * args.jobs
        size = -(-len(seeds) // nbatch)
    batches = [seeds[i:i + size] for i in range(0, len(seeds), size)]

    t = Tester(args)
    start = time.time()
    work = args.work or tempfile.mkdtemp(prefix="twz-random-work-")
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(t.check_batch, b, os.path.join(work, "batch%d-%d" % (b[0], b[-1])))
                       for b in batches]
            for done, f in enumerate(concurrent.futures.as_completed(futures), 1):
                f.result()
                if args.progress:
                    t.say("... %d/%d batches, %d programs, %d mismatches, %.0f s"
                          % (done, len(batches), t.compared, len(t.failures), time.time() - start))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    seeds_failed = sorted({s for s, _ in t.failures})
    print("random programs: %d seeds, %d twz programs (-O%s) compared with plain -O0, %d cross-process "
          "digests, %d mismatches in %.1f s%s"
          % (len(seeds), t.compared, ",".join(map(str, t.levels)), t.cross, len(t.failures),
             time.time() - start,
             "" if not args.disable else " (disabled: %s)" % args.disable))
    if t.failures:
        print("failing seeds: %s (kept in %s)" % (" ".join(map(str, seeds_failed)), t.keep))
    sys.exit(1 if t.failures else 0)


if __name__ == "__main__":
    main()
