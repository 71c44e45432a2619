// REQUIRES: twz-kernel
// Security contexts on the native back end: the kernel computes the rights
// the attached context grants (kernel/security.c) and bounds the view slot
// with them, so the kernel itself stops a write the context does not allow. One program makes
// a key, an object readable by default only, and a context; the next ones
// attach the context: reading works, writing is a kernel page fault.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: not %twz-boot --module "%t read" --module "%t write" %t setup | FileCheck %s
// CHECK: setup done
// CHECK-NEXT: read: rights r----, value 1234, view prot 3
// CHECK-NEXT: read: done
// CHECK-NEXT: write: rights r----, value 1234, view prot 3
// The kernel delivers the fault to libtwz's SIGSEGV handler (kernel/signal.c),
// which names the object, the offset and the missing right as on the host.
// CHECK-NEXT: twz: fault: write of object {{[0-9a-f]+}} at offset 0x{{[0-9a-f]+}} denied: security context 'ctx' grants r---- on it, not write (w)
// CHECK-NEXT: twz-kernel: {{[0-9]+/[0-9]+}} killed by signal 6
// CHECK-NOT: write: done
//
// Without a context the kernel grants what an empty context has: the
// object's default rights (r), so the write is a kernel page fault even
// though libtwz asked for nothing less than rw.
// RUN: not %twz-boot --module "%t nocontext" %t setup | FileCheck %s --check-prefix=NOCTX
// NOCTX: nocontext: rights r----, value 1234, view prot 3
// NOCTX-NEXT: twz-kernel: page fault: {{[0-9]+/[0-9]+}} write at 0x{{[0-9a-f]+}} rip 0x{{[0-9a-f]+}}: security context denies access
// NOCTX-NOT: nocontext: done
#include <stdio.h>
#include <string.h>
#include <twz/syscall.h>
#include <twz/twz.h>

#define OK(x)                                                                                      \
  do {                                                                                             \
    if (!(x)) {                                                                                    \
      fprintf(stderr, "%s: %s\n", #x, twz_error());                                                \
      return 1;                                                                                    \
    }                                                                                              \
  } while (0)

static long slot_prot(uintptr_t base) {
  unsigned char id[16];
  unsigned long prot = 0;
  long r;
  __asm__ volatile("syscall"
                   : "=a"(r)
                   : "a"(TWZ_SYS_VIEW_GET), "D"(base >> 30), "S"(id), "d"(&prot)
                   : "rcx", "r11", "memory");
  return r < 0 ? r : (long)prot;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "setup")) {
    twz_id kid;
    OK(twz_key_create("k", "pw", &kid) == 0);
    twz_object *o = twz_object_create("secret");
    OK(o);
    long __persistent *v = twz_object_alloc(o, sizeof *v, 8);
    *v = 1234;
    twz_object_set_root(o, v);
    OK(twz_object_protect(o, &kid, TWZ_PERM_READ) == 0);
    OK(twz_ctx_create("ctx", &kid));
    printf("setup done\n");
    return 0;
  }
  if (strcmp(argv[1], "nocontext"))
    OK(twz_context_attach("ctx") == 0);
  twz_object *o = twz_object_open("secret");
  OK(o);
  char r[6];
  long __persistent *v = twz_object_root(o);
  printf("%s: rights %s, value %ld, view prot %ld\n", argv[1],
         twz_perm_format(twz_object_rights(o), r), *v, slot_prot(twz_object_base(o)));
  fflush(stdout);
  if (strcmp(argv[1], "read"))
    *v = 1;
  printf("%s: done\n", argv[1]);
  return 0;
}
