// REQUIRES: twz-kernel
// The nested-paging back end's two levels (docs/kernel.md "Nested-paging
// back end"), counted by the kernel (debug TWZ_DEBUG_NPT_STATS): a program
// reads an object in a reader context, activates a writer context holding
// a capability for w, writes, and goes back to the reader. Switching
// contexts writes no guest page-table entry (the view's level is the same
// for both) and switches N_CR3 to the context's own nested table: a new one
// the first time, the reader's old one on the way back. The reader's write
// is then a nested page fault with P=1 (the page is there, read-only in the
// reader's table), which the kernel turns into the same SIGSEGV the
// software back end delivers (ACCERR, at the virtual address).
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --npt --module "%t run" %t setup | FileCheck %s --implicit-check-not=twz-kernel
// CHECK:      setup done
// CHECK-NEXT: reader: value 41, rights r----
// CHECK-NEXT: activate writer: 0 guest slot entries written, N_CR3 changed, 1 nested table made
// CHECK-NEXT: writer: value 7, rights rw---, 0 guest slot entries written, nested page faults 1
// CHECK-NEXT: activate reader: 0 guest slot entries written, N_CR3 back to the reader's, 0 nested tables made
// CHECK-NEXT: reader: value 7, store: fault: write at offset 0x{{[0-9a-f]+}}, SEGV_ACCERR; NPF with P=1: 1, reflected to the guest: 1
#include "Inputs/ksec.h"

static struct twz_npt_stats stats(void) {
  struct twz_npt_stats s;
  OK(ksys(TWZ_SYS_DEBUG, TWZ_DEBUG_NPT_STATS, (long)&s, 0) == 0);
  return s;
}

static void store(void *p) { *(volatile long *)p = 8; }

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
  twz_id reader = id_of("reader"), writer = id_of("writer");
  twz_object *o = twz_object_open("obj");
  OK(o);
  twz_id id = twz_object_id(o);
  long __persistent *v = twz_object_root(o);
  volatile long *pv = (volatile long *)(uintptr_t)v;
  printf("reader: value %ld, rights %s\n", *pv, rstr(k_rights(&id)));

  struct twz_npt_stats a = stats();
  OK(k_attach(&writer) == 0);
  OK(k_activate(&writer) == 0);
  struct twz_npt_stats b = stats();
  printf("activate writer: %llu guest slot entries written, N_CR3 %s, %llu nested table made\n",
         b.guest_slot_writes - a.guest_slot_writes, b.n_cr3 != a.n_cr3 ? "changed" : "unchanged",
         b.nested_tables - a.nested_tables);

  *pv = 7;
  struct twz_npt_stats c = stats();
  printf("writer: value %ld, rights %s, %llu guest slot entries written, nested page faults %llu\n",
         *pv, rstr(k_rights(&id)), c.guest_slot_writes - b.guest_slot_writes,
         c.exits_npf - b.exits_npf);

  OK(k_activate(&reader) == 0);
  struct twz_npt_stats d = stats();
  printf("activate reader: %llu guest slot entries written, N_CR3 %s, %llu nested tables made\n",
         d.guest_slot_writes - c.guest_slot_writes,
         d.n_cr3 == a.n_cr3 ? "back to the reader's" : "not the reader's",
         d.nested_tables - c.nested_tables);

  long now = *pv;
  struct twz_npt_stats e0 = stats();
  int f = try_fault(store, (void *)pv);
  struct twz_npt_stats e = stats();
  printf("reader: value %ld, store: %s; NPF with P=1: %llu, reflected to the guest: %llu\n", now,
         fault_text(f, twz_object_base(o)), e.npf_present - e0.npf_present,
         e.npf_reflected - e0.npf_reflected);
  return 0;
}
