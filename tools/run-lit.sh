#!/bin/sh
# Runs the lit suite in build directory $1 and ends with one plain summary
# line ("N passed, N failed") that CI can read; exits non-zero on failure.
set -u
build=${1:-build}
lit=/usr/lib/llvm-19/build/utils/lit/lit.py
log=$(mktemp)
{ python3 "$lit" -sv "$build/test" 2>&1; echo $? > "$log.rc"; } | tee "$log"
status=$(cat "$log.rc")
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | tail -1)
failed=0
# A test that lit skips (UNSUPPORTED: no QEMU, no kernel image, no
# libFuzzer...) proves nothing, and `make check` installs everything the
# suite needs: count skips as failures so CI cannot go green without them.
for kind in Failed Unresolved "Timed Out" XPASS Unsupported; do
  n=$(sed -n "s/^ *$kind *: *\([0-9]*\).*/\1/p" "$log" | tail -1)
  failed=$((failed + ${n:-0}))
done
rm -f "$log" "$log.rc"
echo "lit: ${passed:-0} passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "${passed:-0}" -gt 0 ]
