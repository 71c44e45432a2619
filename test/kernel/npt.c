// The nested-paging back end (twz-boot --npt): the program runs as a CPL-3
// SVM guest. It makes system calls (each a #UD exit: the guest has
// EFER.SCE clear), touches fresh anonymous memory (guest page faults) and
// spins until the timer has interrupted it (INTR exits); with --verbose the
// kernel prints its exit counters, which must show each kind. Without
// --npt there is no such line (the software back end), and a CPU without
// SVM stops an --npt boot with a panic that says so.
// RUN: %musl-cc %s -o %t
// RUN: %exit 5 %twz-boot --npt --verbose %t 2>&1 | FileCheck %s
// RUN: %exit 5 env -u TWZ_BOOT_NPT %twz-boot --verbose %t 2>&1 | FileCheck %s --check-prefix=SOFT
// RUN: %exit 125 %twz-boot --npt --cpu max,-svm %t 2>&1 | FileCheck %s --check-prefix=NOSVM
// CHECK: touched 1024 pages, sum 523776
// CHECK-NEXT: spun
// CHECK: twz-kernel: npt: {{[0-9]+}} vmruns; exits: {{[1-9][0-9]*}} syscall, {{[1-9][0-9][0-9]+}} #PF, 0 NPF (0 P=1, 0 reflected), {{[1-9][0-9]*}} timer;
// SOFT: spun
// SOFT-NOT: npt:
// NOSVM: twz-kernel: panic: npt: the CPU has no SVM (AMD-V); QEMU needs -cpu max
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
  volatile char *m = malloc(1024 * 4096);
  long sum = 0;
  for (int i = 0; i < 1024; i++)
    m[i * 4096] = (char)1, sum += i;
  printf("touched 1024 pages, sum %ld\n", sum);
  double t0 = now();
  volatile unsigned long n = 0;
  while (now() - t0 < 0.05)
    for (int i = 0; i < 100000; i++)
      n++;
  printf("spun\n");
  fflush(stdout);
  return 5;
}
