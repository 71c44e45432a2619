// Kernel panics print "twz-kernel: panic: ..." and end QEMU; twz-boot
// exits 125. Two paths: an explicit panic (debug syscall) and a kernel page
// fault (exception panic with vector, error code, RIP and CR2).
// RUN: %musl-cc -I %twz-syscall-include %s -o %t
// RUN: %exit 125 %twz-boot %t panic | FileCheck %s --check-prefix=PANIC
// RUN: %exit 125 %twz-boot %t kfault | FileCheck %s --check-prefix=KFAULT
// A program that prints the panic text itself does not fool the runner:
// RUN: %exit 0 %twz-boot %t fake | FileCheck %s --check-prefix=FAKE
// PANIC: before
// PANIC-NEXT: twz-kernel: panic: requested by user program (pid 1)
// KFAULT: before
// KFAULT-NEXT: twz-kernel: panic: exception 14 (#PF page fault) in kernel: error 0x0 rip 0xffffffff8{{[0-9a-f]+}} cr2 0xffff9000deadb000
// FAKE: twz-kernel: panic: not really
#include <stdio.h>
#include <string.h>
#include <twz/syscall.h>

static long sys1(long n, long a) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a) : "rcx", "r11", "memory");
  return r;
}

int main(int argc, char **argv) {
  printf("before\n");
  fflush(stdout);
  if (argc > 1 && !strcmp(argv[1], "panic"))
    sys1(TWZ_SYS_DEBUG, TWZ_DEBUG_PANIC);
  if (argc > 1 && !strcmp(argv[1], "kfault"))
    sys1(TWZ_SYS_DEBUG, TWZ_DEBUG_KFAULT);
  if (argc > 1 && !strcmp(argv[1], "fake"))
    printf("twz-kernel: panic: not really\n");
  return 0;
}
