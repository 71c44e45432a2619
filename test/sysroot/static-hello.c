// A program built with the twizzler target is a static x86-64 executable
// (no program interpreter, no dynamic section) whose image lies in slot 0,
// below 1 GiB, and it runs on Linux too: musl speaks the Linux system call
// ABI that the twz kernel's compatibility layer serves.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O2 %s -o %t
// RUN: llvm-readelf -h -l %t | FileCheck %s --check-prefix=ELF --implicit-check-not=INTERP --implicit-check-not=DYNAMIC
// ELF: Type: EXEC (Executable file)
// ELF: Program Headers:
// ELF: LOAD
// ELF-NOT: {{^ *LOAD +0x[0-9a-f]+ 0x(0000000[1-9a-f]|00000000[4-9a-f])}}
// ELF: Section to Segment mapping:
// RUN: %t one two | FileCheck %s
// CHECK: hello from twz, argc 3, 4 MiB allocated, 7! = 5040, 2^0.5 = 1.41421
// CHECK-NEXT: 128-bit: 2^100 / 3 = 422550200076076467165567735125
//
// 128-bit division comes from compiler-rt's builtins (musl has no libgcc):
// RUN: llvm-nm %t | FileCheck %s --check-prefix=RT
// RT: {{[tT]}} __udivti3
//
// The same source built for the host is dynamic (so the INTERP check can fail).
// RUN: %twz-clang -O2 %s -o %t.hosted -lm
// RUN: llvm-readelf -l %t.hosted | FileCheck %s --check-prefix=HOSTED
// HOSTED: INTERP
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long fact(long n) { return n <= 1 ? 1 : n * fact(n - 1); }

int main(int argc, char **argv) {
  (void)argv;
  size_t sz = 4u << 20;
  char *p = malloc(sz); /* musl's malloc: mmap-backed for a block this size */
  if (!p)
    return 1;
  memset(p, 1, sz);
  volatile double two = 2.0;
  printf("hello from twz, argc %d, %zu MiB allocated, 7! = %ld, 2^0.5 = %g\n", argc, sz >> 20,
         fact(7), sqrt(two));
  free(p);
  volatile unsigned __int128 big = (unsigned __int128)1 << 100, three = 3;
  unsigned __int128 q = big / three;
  char digits[64], *d = digits + sizeof digits - 1;
  *d = 0;
  do
    *--d = (char)('0' + (int)(q % 10));
  while ((q /= 10) != 0);
  printf("128-bit: 2^100 / 3 = %s\n", d);
  return 0;
}
