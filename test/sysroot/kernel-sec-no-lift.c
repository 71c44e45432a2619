// REQUIRES: twz-kernel
// A program cannot lift its own rights. In a context that grants r on obj:
//  - view_set with prot rw (the raw system call, past libtwz) is accepted,
//    and view_get reports the view's rw, but the kernel composes the view's
//    protections with the context's rights: the kernel's own writes into the
//    slot for the program are -EFAULT and a store by compiled code is a
//    kernel page fault ("security context denies access"; caught here as
//    SIGSEGV, and once with the default action for the kernel's message),
//    also after a read has mapped the page; the same for a fresh slot asked for rwx;
//    mprotect and mmap cannot touch object slots;
//  - its own context object, which the kernel lets it read (r) and nothing
//    more, cannot be changed to add a capability or lift a mask: libtwz's
//    twz_ctx_add fails, a slot remapped rw takes no kernel write, and a
//    compiled store into it is a kernel page fault. The rights stay r.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: not %twz-boot --module "%t lift" --module "%t store obj" %t setup \
// RUN: | FileCheck %s --implicit-check-not=twz-kernel
// RUN: not %twz-boot --module "%t store ctx" %t setup | FileCheck %s --check-prefix=CTX --implicit-check-not=twz-kernel
//
// CHECK:      lift: obj rights r----, view prot 3, value 41
// CHECK-NEXT: lift: view_set rw 0, view prot 3, obj rights r----, value 41
// CHECK-NEXT: lift: getrandom into obj: -1 EFAULT
// CHECK-NEXT: lift: compiled store into obj: fault: write at offset 0x{{[0-9a-f]+}}, SEGV_ACCERR
// CHECK-NEXT: lift: fresh slot view_set rwx 0, view prot 7, read same, getrandom: -1 EFAULT, store: fault: write at offset 0x1000, SEGV_ACCERR
// CHECK-NEXT: lift: mprotect rw: -1 EINVAL, mmap fixed: EINVAL
// CHECK-NEXT: lift: own context rights r--u-, view prot 3, global mask rwxud, entries 1, sum [[CSUM:[0-9a-f]{32}]]
// CHECK-NEXT: lift: twz_ctx_add: cannot allocate in object [[CTXID:[0-9a-f]{32}]]: the security context grants r--u- on it, not write (w)
// CHECK-NEXT: lift: own context view_set rw 0, getrandom into global mask: -1 EFAULT, into count: -1 EFAULT
// CHECK-NEXT: lift: compiled store into the global mask: fault: write at offset 0x{{[0-9a-f]+}}, SEGV_ACCERR
// CHECK-NEXT: lift: own context rights r--u-, view prot 3, global mask rwxud, entries 1, sum [[CSUM]], obj rights r----, value 41
// CHECK-NEXT: store obj: view_set rw 0, obj rights r----, value 41, storing
// CHECK-NEXT: twz-kernel: page fault: {{[0-9]+/[0-9]+}} write at 0x{{[0-9a-f]+}} rip 0x{{[0-9a-f]+}}: security context denies access
// CHECK-NOT:  {{.}}
//
// CTX:      store ctx: view_set rw 0, own context rights r--u-, global mask rwxud, storing
// CTX-NEXT: twz-kernel: page fault: {{[0-9]+/[0-9]+}} write at 0x{{[0-9a-f]+}} rip 0x{{[0-9a-f]+}}: security context denies access
// CTX-NOT:  {{.}}
#include <signal.h>
#include <sys/mman.h>
#include <sys/random.h>

#include "Inputs/ksec.h"

static void store7(void *p) { *(volatile long *)p = 7; }
static void lift_mask(void *p) { *(volatile uint32_t *)p = TWZ_PERM_ALL; }

static void show_ctx(twz_object *c) {
  twz_id id = twz_object_id(c);
  struct twz_ctx *x = (struct twz_ctx *)(uintptr_t)twz_object_root(c);
  printf("lift: own context rights %s, view prot %ld, global mask %s, entries %llu, sum %s",
         rstr(k_rights(&id)), k_slot_prot(twz_object_base(c)), rstr(x->global_mask),
         (unsigned long long)x->count, obj_sum(c));
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc == 2 && !strcmp(argv[1], "setup")) {
    twz_id k;
    uint8_t sk[TWZ_SK_BYTES];
    make_key("k", &k, sk);
    twz_id obj = twz_object_id(make_obj("obj", 41, &k, 0));
    twz_object *r;
    OK(r = twz_ctx_create("reader", &k));
    twz_id rid = twz_object_id(r);
    make_cap(&obj, &rid, TWZ_PERM_READ, 0, &k, sk, r);
    return 0;
  }
  twz_id obj = id_of("obj");
  OK(twz_context_attach("reader") == 0);
  twz_object *o = twz_object_open("obj"), *c = twz_context();
  OK(o && c);
  uintptr_t base = twz_object_base(o), cbase = twz_object_base(c);
  twz_id cid = twz_object_id(c);
  long __persistent *v = twz_object_root(o);
  struct twz_ctx *x = (struct twz_ctx *)(uintptr_t)twz_object_root(c);

  if (argc == 3 && !strcmp(argv[1], "store")) {
    /* libtwz's SIGSEGV handler would report the fault in its own words:
     * the default action shows the kernel's reason instead. */
    signal(SIGSEGV, SIG_DFL);
    if (!strcmp(argv[2], "obj")) {
      long r = k_view_set(base, &obj, TWZ_PROT_READ | TWZ_PROT_WRITE);
      printf("store obj: view_set rw %s, obj rights %s, value %ld, storing\n", errname(r),
             rstr(k_rights(&obj)), *v);
      *v = 7;
    } else {
      long r = k_view_set(cbase, &cid, TWZ_PROT_READ | TWZ_PROT_WRITE);
      printf("store ctx: view_set rw %s, own context rights %s, global mask %s, storing\n",
             errname(r), rstr(k_rights(&cid)), rstr(x->global_mask));
      x->global_mask = TWZ_PERM_ALL;
      x->count = 0; /* drop every mask entry */
    }
    printf("stored\n");
    return 0;
  }
  OK(argc == 2 && !strcmp(argv[1], "lift"));
  printf("lift: obj rights %s, view prot %ld, value %ld\n", rstr(k_rights(&obj)), k_slot_prot(base), *v);
  long r = k_view_set(base, &obj, TWZ_PROT_READ | TWZ_PROT_WRITE);
  /* A read first: the page it maps must not be writable either. */
  printf("lift: view_set rw %s, view prot %ld, obj rights %s, value %ld\n", errname(r),
         k_slot_prot(base), rstr(k_rights(&obj)), *v);
  printf("lift: getrandom into obj: %ld %s\n", getrandom((void *)(uintptr_t)v, 8, 0), rstr(-errno));
  printf("lift: compiled store into obj: %s\n", fault_text(try_fault(store7, (void *)(uintptr_t)v), base));
  uintptr_t fresh = (uintptr_t)4000 << TWZ_SLOT_BITS;
  r = k_view_set(fresh, &obj, TWZ_PROT_READ | TWZ_PROT_WRITE | TWZ_PROT_EXEC);
  long first = *(volatile long *)(fresh + TWZ_DATA_START);
  long gr = getrandom((void *)(fresh + TWZ_DATA_START), 8, 0), gre = -errno;
  int f = try_fault(store7, (void *)(fresh + TWZ_DATA_START));
  printf("lift: fresh slot view_set rwx %s, view prot %ld, read %s, getrandom: %ld %s, store: %s\n",
         errname(r), k_slot_prot(fresh),
         first == *(volatile long *)(fresh + TWZ_DATA_START) ? "same" : "changed", gr, rstr(gre),
         fault_text(f, fresh));
  long m = mprotect((void *)(base + TWZ_DATA_START), 4096, PROT_READ | PROT_WRITE);
  long me = -errno;
  void *p = mmap((void *)(base + TWZ_DATA_START), 4096, PROT_READ | PROT_WRITE,
                 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("lift: mprotect rw: %ld %s, mmap fixed: %s\n", m, rstr(me),
         p == MAP_FAILED ? rstr(-errno) : "mapped");

  /* The own context: add the capability again (any blob would do), lift
   * the global mask, drop the entries. */
  show_ctx(c);
  printf("\n");
  const void *blob;
  size_t len;
  OK(twz_ctx_find(c, &obj, &blob, &len) == 0);
  if (twz_ctx_add(c, &obj, TWZ_CTX_CAP, 0, blob, len) < 0)
    printf("lift: twz_ctx_add: %s\n", twz_error());
  r = k_view_set(cbase, &cid, TWZ_PROT_READ | TWZ_PROT_WRITE);
  (void)*(volatile uint32_t *)&x->global_mask; /* mapped by a read first */
  long g = getrandom(&x->global_mask, 4, 0), ge = -errno;
  long n = getrandom(&x->count, 8, 0), ne = -errno;
  printf("lift: own context view_set rw %s, getrandom into global mask: %ld %s, into count: %ld %s\n",
         errname(r), g, rstr(ge), n, rstr(ne));
  printf("lift: compiled store into the global mask: %s\n",
         fault_text(try_fault(lift_mask, &x->global_mask), cbase));
  show_ctx(c);
  printf(", obj rights %s, value %ld\n", rstr(k_rights(&obj)), *v);
  return 0;
}
