// REQUIRES: twz-kernel
// Without w the kernel lets nothing change an object: libtwz's API calls
// that would write fail, system calls that would make the kernel write into
// the object for the program (getrandom, clock_gettime into object memory)
// are -EFAULT, and a store by compiled code is a kernel page fault (caught
// here with a SIGSEGV handler, so the program goes on; by default it ends
// the program). The object's bytes (data up to alloc_top, FOT, header; a
// BLAKE2b sum) stay the same across processes; without r the kernel does not
// read it for the program either. test/security/write-denied.test on the
// kernel.
//
// The sums are taken by a process in the reader context after its refused
// writes (the caught store included), and by one in the writer context,
// which then changes the value and the sum for the last process to see,
// whose store libtwz's handler reports (the kernel runs boot modules until
// one exits nonzero, so it comes last).
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: not %twz-boot --module "%t tamper" --module "%t noread" --module "%t writer" \
// RUN:   --module "%t store" %t setup | FileCheck %s --implicit-check-not=twz-kernel:
//
// CHECK:      setup: obj [[OBJ:[0-9a-f]{32}]], value 41, sum [[SUM:[0-9a-f]{32}]]
// CHECK-NEXT: tamper: rights r----, view prot 3, value 41, sum [[SUM]]
// CHECK-NEXT: tamper: alloc: cannot allocate in object [[OBJ]]: the security context grants r---- on it, not write (w)
// CHECK-NEXT: tamper: tx_begin: cannot begin a transaction on object [[OBJ]]: the security context grants r---- on it, not write (w)
// CHECK-NEXT: tamper: set_root: cannot set the root of object [[OBJ]]: the security context grants r---- on it, not write (w)
// CHECK-NEXT: tamper: malloc: cannot begin a transaction on object [[OBJ]]: the security context grants r---- on it, not write (w)
// CHECK-NEXT: tamper: getrandom into the object: -1 EFAULT
// CHECK-NEXT: tamper: clock_gettime into the object: -1 EFAULT
// CHECK-NEXT: tamper: getrandom into the header: -1 EFAULT
// CHECK-NEXT: tamper: compiled store of 7: fault: write at offset 0x[[OFF:[0-9a-f]+]], SEGV_ACCERR
// CHECK-NEXT: tamper: compiled store into the header: fault: write at offset 0x3ffff068, SEGV_ACCERR
// CHECK-NEXT: tamper: value 41 at offset 0x[[OFF]], sum [[SUM]]
//
// No r (a context with no capability; obj has no default rights): the
// kernel maps the object in no readable slot, a slot with no protections
// is allowed (libtwz opens it so, as on the host) but the kernel reads
// nothing from it for the program.
// CHECK-NEXT: noread: rights -----, open: opened, libtwz rights -----
// CHECK-NEXT: noread: view_set r: EACCES, view_set none: 0, view prot 0
// CHECK-NEXT: noread: write(1) from the object: -1 EFAULT
//
// CHECK-NEXT: writer: rights rw---, view prot 3, value 41, sum [[SUM]]
// CHECK-NEXT: writer: wrote 99, sum [[SUM2:[0-9a-f]{32}]]
// CHECK-NEXT: store: rights r----, view prot 3, value 99, sum [[SUM2]]
// CHECK-NEXT: store: storing 7
// The kernel's fault reaches libtwz's handler, which says what was denied:
// CHECK-NEXT: twz: fault: write of object [[OBJ]] at offset 0x[[OFF]] denied: security context 'reader' grants r---- on it, not write (w)
// CHECK-NEXT: twz-kernel: {{[0-9]+/[0-9]+}} killed by signal 6
// CHECK-NOT:  {{.}}
#include <sys/random.h>
#include <unistd.h>

#include "Inputs/ksec.h"

static int setup(void) {
  twz_id k;
  uint8_t sk[TWZ_SK_BYTES];
  make_key("k", &k, sk);
  twz_object *o = make_obj("obj", 41, &k, 0);
  twz_object *reader, *writer;
  OK(reader = twz_ctx_create("reader", &k));
  OK(writer = twz_ctx_create("writer", &k));
  OK(twz_ctx_create("nobody", &k));
  twz_id oid = twz_object_id(o), rid = twz_object_id(reader), wid = twz_object_id(writer);
  make_cap(&oid, &rid, TWZ_PERM_READ, 0, &k, sk, reader);
  make_cap(&oid, &wid, TWZ_PERM_READ | TWZ_PERM_WRITE, 0, &k, sk, writer);
  char hex[33];
  twz_id_format(&oid, hex);
  printf("setup: obj %s, value %ld, sum %s\n", hex, *(long __persistent *)twz_object_root(o),
         obj_sum(o));
  return 0;
}

static twz_object *open_in(const char *ctx, const char *who) {
  OK(twz_context_attach(ctx) == 0);
  twz_object *o = twz_object_open("obj");
  OK(o);
  printf("%s: rights %s, view prot %ld, value %ld, sum %s\n", who, rstr(twz_object_rights(o)),
         k_slot_prot(twz_object_base(o)), *(long __persistent *)twz_object_root(o), obj_sum(o));
  return o;
}

static void store7(void *p) { *(long __persistent *)(uintptr_t)p = 7; }
/* Give every context every right: default rights in the header. */
static void all_rights(void *hdr) { ((volatile struct twz_obj_header *)hdr)->dflt_prot = TWZ_PERM_ALL; }

static void result(const char *who, const char *what, long r) {
  printf("%s: %s: %ld %s\n", who, what, r, r < 0 ? rstr(-errno) : "");
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  OK(argc == 2);
  if (!strcmp(argv[1], "setup"))
    return setup();
  if (!strcmp(argv[1], "tamper")) {
    twz_object *o = open_in("reader", "tamper");
    if (!twz_object_alloc(o, 8, 8))
      printf("tamper: alloc: %s\n", twz_error());
    if (twz_tx_begin(o) < 0)
      printf("tamper: tx_begin: %s\n", twz_error());
    if (twz_object_set_root(o, NULL) < 0)
      printf("tamper: set_root: %s\n", twz_error());
    if (!twz_malloc(o, 16))
      printf("tamper: malloc: %s\n", twz_error());
    /* The kernel writing into the object for the program: as the program. */
    long __persistent *v = twz_object_root(o);
    void *p = (void *)(uintptr_t)v;
    result("tamper", "getrandom into the object", getrandom(p, 8, 0));
    result("tamper", "clock_gettime into the object", clock_gettime(CLOCK_REALTIME, p));
    result("tamper", "getrandom into the header",
           getrandom((void *)(twz_object_base(o) + TWZ_META_OFFSET + 104), 4, 0));
    printf("tamper: compiled store of 7: %s\n", fault_text(try_fault(store7, (void *)(uintptr_t)v), twz_object_base(o)));
    printf("tamper: compiled store into the header: %s\n",
           fault_text(try_fault(all_rights, (void *)(twz_object_base(o) + TWZ_META_OFFSET)),
                      twz_object_base(o)));
    printf("tamper: value %ld at offset 0x%llx, sum %s\n", *v,
           (unsigned long long)((uintptr_t)v - twz_object_base(o)), obj_sum(o));
    return 0;
  }
  if (!strcmp(argv[1], "noread")) {
    twz_id id = id_of("obj");
    OK(twz_context_attach("nobody") == 0);
    twz_object *o = twz_object_open("obj");
    printf("noread: rights %s, open: %s, libtwz rights %s\n", rstr(k_rights(&id)),
           o ? "opened" : twz_error(), o ? rstr(twz_object_rights(o)) : "-");
    uintptr_t slot = (uintptr_t)4000 << TWZ_SLOT_BITS;
    long r1 = k_view_set(slot, &id, TWZ_PROT_READ), r2 = k_view_set(slot, &id, 0);
    printf("noread: view_set r: %s, view_set none: %s, view prot %ld\n", errname(r1), errname(r2),
           k_slot_prot(slot));
    fflush(stdout);
    result("noread", "write(1) from the object", write(1, (void *)(slot + TWZ_DATA_START), 8));
    return 0;
  }
  if (!strcmp(argv[1], "writer")) {
    twz_object *o = open_in("writer", "writer");
    long __persistent *v = twz_object_root(o);
    *v = 99;
    printf("writer: wrote %ld, sum %s\n", *v, obj_sum(o));
    return 0;
  }
  if (!strcmp(argv[1], "store")) {
    twz_object *o = open_in("reader", "store");
    long __persistent *v = twz_object_root(o);
    printf("store: storing 7\n");
    *v = 7;
    printf("store: stored %ld\n", *v);
    return 0;
  }
  return 2;
}
