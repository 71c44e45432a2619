// Anonymous memory in the compatibility layer: MAP_FIXED placement and its
// refusals (null page, object slots), mprotect, madvise(MADV_DONTNEED), brk,
// and the fault messages for PROT_NONE, read-only and non-executable pages.
// RUN: %musl-cc %s -o %t
// RUN: %exit 0 %twz-boot %t | FileCheck %s
// CHECK: fixed at 0x7e0000000000: ok
// CHECK-NEXT: fixed at 0: errno 1
// CHECK-NEXT: fixed in slot 16: errno 22, munmap there: errno 22, mprotect there: errno 22
// CHECK-NEXT: file mapping: errno 9
// CHECK-NEXT: dontneed zeroes: yes
// CHECK-NEXT: brk grows and shrinks: yes
// CHECK-NOT: compat:
// RUN: %exit 139 %twz-boot %t none | FileCheck %s --check-prefix=NONE
// NONE: twz-kernel: page fault: 1/1 read at 0x7e0000001000 rip 0x{{[0-9a-f]+}}: access to PROT_NONE memory
// RUN: %exit 139 %twz-boot %t ro | FileCheck %s --check-prefix=RO
// RO: twz-kernel: page fault: 1/1 write at 0x7e0000000000 rip 0x{{[0-9a-f]+}}: write to read-only memory
// RUN: %exit 139 %twz-boot %t exec | FileCheck %s --check-prefix=EXEC
// EXEC: twz-kernel: page fault: 1/1 exec at 0x7e0000000000 rip 0x7e0000000000: exec of non-executable memory
// RUN: %exit 139 %twz-boot %t stack | FileCheck %s --check-prefix=STACK
// STACK: twz-kernel: page fault: 1/1 write at 0x{{[0-9a-f]+}} rip 0x{{[0-9a-f]+}}: unmapped address
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FIXED ((char *)0x7e0000000000)

static int recurse(int n) {
  volatile char pad[4096];
  pad[0] = (char)n;
  return recurse(n + 1) + pad[0];
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  int prot = PROT_READ | PROT_WRITE;
  char *m = mmap(FIXED, 1 << 20, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (m != FIXED)
    return 1;
  m[0] = 1, m[4096] = 2;
  if (!strcmp(mode, "none")) {
    mprotect(m + 4096, 4096, PROT_NONE);
    return *(volatile char *)(m + 4096);
  }
  if (!strcmp(mode, "ro")) {
    mprotect(m, 4096, PROT_READ);
    *(volatile char *)m = 3;
  }
  if (!strcmp(mode, "exec")) {
    m[0] = (char)0xc3; /* ret, but the page is not executable */
    ((void (*)(void))m)();
  }
  if (!strcmp(mode, "stack"))
    return recurse(0); /* past the 8 MiB main stack */
  printf("fixed at %p: %s\n", (void *)m, m[0] == 1 && m[4096] == 2 ? "ok" : "bad");
  errno = 0;
  mmap(0, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  printf("fixed at 0: errno %d\n", errno);
  char *slot16 = (char *)(16ull << 30);
  int e1, e2, e3;
  errno = 0, mmap(slot16, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), e1 = errno;
  errno = 0, munmap(slot16, 4096), e2 = errno;
  errno = 0, mprotect(slot16, 4096, PROT_READ), e3 = errno;
  printf("fixed in slot 16: errno %d, munmap there: errno %d, mprotect there: errno %d\n", e1, e2, e3);
  errno = 0;
  mmap(0, 4096, PROT_READ, MAP_PRIVATE, 3, 0);
  printf("file mapping: errno %d\n", errno);
  madvise(m, 8192, MADV_DONTNEED);
  printf("dontneed zeroes: %s\n", m[0] == 0 && m[4096] == 0 ? "yes" : "no");
  /* raw brk: musl's sbrk only answers sbrk(0) */
  char *b0 = (char *)syscall(SYS_brk, 0);
  char *b1 = (char *)syscall(SYS_brk, b0 + (1 << 20));
  if (b1 == b0 + (1 << 20))
    b1[-1] = 9;
  char *b2 = (char *)syscall(SYS_brk, b0);
  printf("brk grows and shrinks: %s\n", b1 == b0 + (1 << 20) && b2 == b0 ? "yes" : "no");
  return 0;
}
