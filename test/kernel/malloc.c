// musl's malloc over brk and demand-paged mmap: one large block, many
// small ones, realloc growth (mremap is refused, musl copies), and the way
// libtwz starts: a 1 GiB and a 512 MiB MAP_NORESERVE reservation of which
// only a few pages are touched (more than QEMU's RAM if allocated eagerly);
// munmap really unmaps: the last read faults and kills the program.
// RUN: %musl-cc %s -o %t
// RUN: %exit 139 %twz-boot --mem 256M %t | FileCheck %s
// CHECK: large block ok
// CHECK-NEXT: small blocks ok
// CHECK-NEXT: realloc ok
// CHECK-NEXT: reservations ok
// CHECK-NEXT: mprotect ok; now reading unmapped memory
// CHECK-NEXT: twz-kernel: page fault: 1/1 read at 0x{{[0-9a-f]+}}2000 rip 0x{{[0-9a-f]+}}: unmapped address
// CHECK-NOT: compat:
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(void) {
  size_t big = 64u << 20;
  unsigned char *b = malloc(big);
  if (!b)
    return 1;
  for (size_t i = 0; i < big; i += 4096)
    b[i] = (unsigned char)(i >> 12);
  for (size_t i = 0; i < big; i += 4096)
    if (b[i] != (unsigned char)(i >> 12))
      return 2;
  free(b);
  printf("large block ok\n");

  enum { N = 50000 };
  static char *p[N];
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < N; i++) {
      p[i] = malloc(16 + i % 200);
      if (!p[i])
        return 3;
      memset(p[i], i & 0xff, 16 + i % 200);
    }
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < 16 + i % 200; k++)
        if (p[i][k] != (char)(i & 0xff))
          return 4;
      free(p[i]);
    }
  }
  printf("small blocks ok\n");

  char *r = 0;
  for (size_t n = 1000; n < (8u << 20); n *= 3) {
    r = realloc(r, n);
    if (!r)
      return 5;
    r[n - 1] = 7;
  }
  free(r);
  printf("realloc ok\n");

  char *g1 = mmap(0, 1u << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  char *g2 = mmap(0, 512u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (g1 == MAP_FAILED || g2 == MAP_FAILED)
    return 6;
  if (g1[12345] || g2[(512u << 20) - 1])
    return 7; /* demand-zero */
  g1[(1u << 30) - 1] = 1, g1[0] = 2, g2[4096 * 77] = 3;
  if (g1[(1u << 30) - 1] != 1 || g1[0] != 2 || g2[4096 * 77] != 3)
    return 8;
  printf("reservations ok\n");
  fflush(stdout);
  munmap(g2, 512u << 20);
  if (mprotect(g1, 4096, PROT_READ) != 0 || g1[0] != 2)
    return 9;
  printf("mprotect ok; now reading unmapped memory\n");
  fflush(stdout);
  return *(volatile char *)(g2 + 8192);
}
