// rt_sigreturn restores what the frame says, so the kernel checks it: a
// handler that points the saved rip at the kernel half (or makes it
// non-canonical) gets its process killed with a message, not a kernel
// fault on the way back to user mode.
// RUN: %musl-cc %s -o %t
// RUN: %exit 139 %twz-boot %t kernel | FileCheck %s
// RUN: %exit 139 %twz-boot %t noncanonical | FileCheck %s
// CHECK: handler ran
// CHECK-NEXT: twz-kernel: {{[0-9]+/[0-9]+}}: rt_sigreturn to a kernel or non-canonical address
// CHECK-NOT: panic
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static const char *how;

static void handler(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  (void)sig, (void)si;
  printf("handler ran\n");
  fflush(stdout);
  uc->uc_mcontext.gregs[REG_RIP] =
      !strcmp(how, "kernel") ? (greg_t)0xffffffff80100000ull : (greg_t)0x0000800000000000ull;
}

int main(int argc, char **argv) {
  how = argc > 1 ? argv[1] : "kernel";
  struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
  sigaction(SIGSEGV, &sa, NULL);
  (void)*(volatile int *)0x10;
  printf("not reached\n");
  return 0;
}
