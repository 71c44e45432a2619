// Page faults reach a program's SIGSEGV handler as on Linux (kernel/signal.c):
// siginfo's si_addr and si_code, the ucontext's REG_ERR (page-fault error
// code), REG_CR2 and REG_RIP; a handler that fixes the fault (mprotect)
// returns through rt_sigreturn and the access is retried with every
// register and the FPU state as they were; a handler installed with
// SA_RESETHAND that fixes nothing gets the default again: the kernel's
// fault line and status 139.
// RUN: %musl-cc %s -o %t
// RUN: %exit 139 %twz-boot %t | FileCheck %s
// CHECK: handler: signal 11, code 2 (SEGV_ACCERR), addr matches, write fault, cr2 matches, rip in main
// CHECK-NEXT: retried: value 42, sum 4950, fpu 3.140625
// CHECK-NEXT: handler: signal 11, code 1 (SEGV_MAPERR), addr matches, read fault, cr2 matches, rip in main
// CHECK-NEXT: twz-kernel: page fault: {{[0-9]+/[0-9]+}} read at 0x{{0*}}dead000 rip 0x{{[0-9a-f]+}}: unmapped address
// CHECK-NOT: not reached
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <ucontext.h>

static char *page;
static volatile uintptr_t expect;

static void handler(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  uint64_t err = (uint64_t)uc->uc_mcontext.gregs[REG_ERR];
  uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  printf("handler: signal %d, code %d (%s), addr %s, %s fault, cr2 %s, rip %s\n", sig, si->si_code,
         si->si_code == SEGV_ACCERR ? "SEGV_ACCERR" : "SEGV_MAPERR",
         (uintptr_t)si->si_addr == expect ? "matches" : "differs", err & 2 ? "write" : "read",
         (uintptr_t)uc->uc_mcontext.gregs[REG_CR2] == expect ? "matches" : "differs",
         rip > 0x1000 && rip < 0x40000000 ? "in main" : "elsewhere");
  fflush(stdout);
  if (si->si_code == SEGV_ACCERR)
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

int main(void) {
  struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
  sigaction(SIGSEGV, &sa, NULL);
  page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  expect = (uintptr_t)page + 8;
  volatile double f = 3.140625;
  unsigned sum = 0;
  for (unsigned i = 0; i < 100; i++)
    sum += i;
  double g = f * 2.0; /* in an xmm register across the fault, with luck */
  *(volatile int *)(page + 8) = 42; /* read-only: the handler makes it writable */
  printf("retried: value %d, sum %u, fpu %.6f\n", *(int *)(page + 8), sum, g / 2.0);
  fflush(stdout);

  sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigaction(SIGSEGV, &sa, NULL);
  expect = 0xdead000;
  (void)*(volatile int *)0xdead000; /* the handler fixes nothing: default next time */
  printf("not reached\n");
  return 0;
}
