#!/bin/sh
# kernel-npt.sh BUILD PROGRAM: boot bench/kernel-npt.c's program under the
# software back end and under --npt, one after the other, and print a table
# (docs/kernel.md "Nested-paging back end" quotes it). Objects in RAM
# (--no-pmem), so that runs neither share nor leave state.
set -eu
build=$1 prog=$2
soft=$(mktemp) npt=$(mktemp)
trap 'rm -f "$soft" "$npt"' EXIT
"$build/bin/twz-boot" --timeout 600 --no-pmem "$prog" | grep '^kernel-npt:' >"$soft"
"$build/bin/twz-boot" --timeout 600 --no-pmem --npt "$prog" | grep '^kernel-npt:' >"$npt"
printf '| %s | %s | %s |\n|---|---|---|\n' "what" "software back end" "--npt (SVM nested paging)"
paste -d'\t' "$soft" "$npt" | while IFS='	' read -r a b; do
  what=${a#kernel-npt: }
  what=${what% * *}
  printf '| %s | %s | %s |\n' "$what" "$(echo "$a" | awk '{print $(NF-1), $NF}')" \
    "$(echo "$b" | awk '{print $(NF-1), $NF}')"
done
