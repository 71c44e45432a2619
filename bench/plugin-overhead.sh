#!/bin/sh
# Compile time of an ordinary 5,000-line C file through clang-19 with and
# without the clang-attrs plugin (everything else identical), -fsyntax-only
# and -O2 -c, best of REPS interleaved runs each. Usage: bench/plugin-overhead.sh [build]
set -eu
build=${1:-build}
reps=${REPS:-7}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/gen-ordinary-c.py" 5000 > "$dir/ordinary.c"
clang=/usr/lib/llvm-19/bin/clang
common="-D__twz_translate__=1 -isystem $build/include -include twz/persistent.h"
plugin="-fplugin=$build/lib/TwzAttrs.so"

ms() { # wall time of "$@" in ms
  s=$(date +%s%N)
  "$@" > /dev/null
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

echo "file: $(wc -l < "$dir/ordinary.c") lines; best of $reps interleaved runs"
for mode in "-fsyntax-only" "-O2 -c -o $dir/o.o"; do
  off= on=
  for _ in $(seq "$reps"); do # alternate, so drift hits both alike
    t=$(ms $clang $common $mode "$dir/ordinary.c")
    if [ -z "$off" ] || [ "$t" -lt "$off" ]; then off=$t; fi
    t=$(ms $clang $common $plugin $mode "$dir/ordinary.c")
    if [ -z "$on" ] || [ "$t" -lt "$on" ]; then on=$t; fi
  done
  echo "$mode: plugin off ${off} ms, on ${on} ms" | sed "s| -o $dir/o.o||"
done
