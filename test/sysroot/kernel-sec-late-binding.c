// REQUIRES: twz-kernel
// Late binding on the kernel: a program in a reader context writes an
// object; the kernel delivers the fault to the program's own SIGSEGV
// handler, which attaches and activates a writer context (system calls)
// and returns; the store is retried and succeeds. The second store needs
// no handler. Without a handler of the program's own, libtwz's says what
// was denied (kernel-sec-write-denied.c).
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t run" %t setup | FileCheck %s --implicit-check-not=twz-kernel
// CHECK:      setup done
// CHECK-NEXT: run: in reader: rights r----, value 41
// CHECK-NEXT: handler: write fault at offset 0x{{[0-9a-f]+}} of obj; attach writer 0, activate 0
// CHECK-NEXT: run: store retried: value 99, faults 1, rights rw---, active writer
// CHECK-NEXT: run: second store: value 100, faults 1
#include <unistd.h>

#include "Inputs/ksec.h"

static uintptr_t obj_base;
static int faults;
static twz_id writer; /* resolved before: a handler makes only system calls */

static void handler(int sig, siginfo_t *si, void *ucv) {
  (void)sig;
  uintptr_t a = (uintptr_t)si->si_addr;
  long err = (long)((ucontext_t *)ucv)->uc_mcontext.gregs[19]; /* REG_ERR */
  if ((a & ~(uintptr_t)TWZ_OFFSET_MASK) != obj_base || faults++)
    _exit(3); /* not the expected fault, or the retry faulted again */
  long at = k_attach(&writer), ac = k_activate(&writer);
  char line[160];
  int n = snprintf(line, sizeof line, "handler: %s fault at offset 0x%llx of obj; attach writer %s, activate %s\n",
                   err & 2 ? "write" : "read", (unsigned long long)(a - obj_base), errname(at),
                   errname(ac));
  write(1, line, (size_t)n);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "setup")) {
    make_reader_writer();
    printf("setup done\n");
    return 0;
  }
  OK(twz_context_attach("reader") == 0);
  twz_object *o = twz_object_open("obj");
  OK(o);
  twz_id id = twz_object_id(o);
  obj_base = twz_object_base(o);
  writer = id_of("writer");
  long __persistent *v = twz_object_root(o);
  printf("run: in reader: rights %s, value %ld\n", rstr(k_rights(&id)), *v);
  struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
  sigemptyset(&sa.sa_mask);
  OK(sigaction(SIGSEGV, &sa, NULL) == 0);
  *v = 99; /* faults once; the handler changes the context; retried */
  twz_id active = k_self(TWZ_KSO_SCTX), w = id_of("writer");
  printf("run: store retried: value %ld, faults %d, rights %s, active %s\n", *v, faults,
         rstr(k_rights(&id)), !memcmp(active.b, w.b, 16) ? "writer" : "?");
  *v = 100;
  printf("run: second store: value %ld, faults %d\n", *v, faults);
  return 0;
}
