// Object IDs and getrandom come from a ChaCha20 generator (libsodium's)
// keyed from RDSEED/RDRAND: 64 IDs of new objects and 64 getrandom words
// are all distinct and none is zero; two boots give different IDs. Without
// a hardware entropy source (QEMU's qemu64 model) the kernel refuses to
// start rather than hand out guessable IDs.
// RUN: %musl-cc -I %twz-syscall-include %s -o %t
// RUN: %twz-boot %t > %t.1 && %twz-boot %t > %t.2
// RUN: FileCheck %s < %t.1
// RUN: not cmp -s %t.1 %t.2
// CHECK: ids: 64 distinct, 0 zero
// CHECK-NEXT: getrandom: 64 distinct, 0 zero
// CHECK-NEXT: first id {{[0-9a-f]+$}}
//
// RUN: %exit 125 %twz-boot --cpu qemu64 %t | FileCheck %s --check-prefix=NOENTROPY
// NOENTROPY: twz-kernel: panic: no hardware entropy source (RDSEED/RDRAND): object IDs would be guessable
// NOENTROPY-NOT: ids:
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <twz/syscall.h>

static long sys2(long n, long a, long b) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
  return r;
}

static int count_distinct(uint64_t (*v)[2], int n, int *zero) {
  int d = 0;
  *zero = 0;
  for (int i = 0; i < n; i++) {
    int seen = 0;
    for (int j = 0; j < i; j++)
      seen |= !memcmp(v[i], v[j], 16);
    d += !seen;
    *zero += !v[i][0] && !v[i][1];
  }
  return d;
}

int main(void) {
  static uint64_t ids[64][2], words[64][2];
  for (int i = 0; i < 64; i++)
    if (sys2(TWZ_SYS_OBJ_CREATE, (long)ids[i], 0) < 0)
      return 1;
  for (int i = 0; i < 64; i++)
    if (getrandom(words[i], 16, 0) != 16)
      return 1;
  int zero;
  int d = count_distinct(ids, 64, &zero);
  printf("ids: %d distinct, %d zero\n", d, zero);
  d = count_distinct(words, 64, &zero);
  printf("getrandom: %d distinct, %d zero\n", d, zero);
  printf("first id ");
  for (int i = 0; i < 16; i++)
    printf("%02x", ((uint8_t *)ids[0])[i]);
  printf("\n");
  return 0;
}
