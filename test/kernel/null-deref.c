// A user null-pointer dereference is reported on one line and kills the
// process with status 139 (128 + SIGSEGV); QEMU exits, it does not hang.
// RUN: %musl-cc %s -o %t
// RUN: %exit 139 %twz-boot %t | FileCheck %s
// CHECK: before the fault
// CHECK-NEXT: twz-kernel: page fault: 1/1 write at 0x10 rip 0x{{[0-9a-f]+}}: null page of slot 0
// CHECK-NOT: after the fault
#include <stdio.h>

int main(void) {
  printf("before the fault\n");
  fflush(stdout);
  volatile int *p = (int *)0x10;
  *p = 1;
  printf("after the fault\n");
  return 0;
}
