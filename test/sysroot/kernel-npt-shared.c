// REQUIRES: twz-kernel
// One nested table per security context, shared by every view in it
// (docs/kernel.md "Nested-paging back end"; issue 15). Three processes run
// at once (twz-boot --with), each with its own view, and take turns through
// a shared object: A and B in context "writer" (rw on obj), C in "reader"
// (r). Under --npt the kernel's counters (debug TWZ_DEBUG_NPT_STATS) show
// that B, attaching the context A already runs in, makes no nested table
// and gets A's N_CR3, and that B's first touches of the 8 pages A wrote
// take no nested page fault: the entries A's touches made serve B. C, in
// another context, gets a table of its own, takes a nested page fault per
// page, and its write is refused (NPF with P=1) although the writer's
// table maps the page writable. A's view object (a kernel state object: rw
// for A, nothing for anyone else) is refused to B, by view_set and by a
// view entry, and still after A mapped and touched it again in the same
// context (the kernel gives A's own KSOs a slot of A's own). Then B masks
// obj to r in the writer context and invalidates it: A's next store is
// refused (the translations A made with rw are gone, in the shared nested
// table or in A's page table).
// Without --npt the same program checks the same rights and values (the
// software back end; the counters are the nested back end's).
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --npt --module "%t a" --with "%t b" --with "%t c" %t setup \
// RUN:   | FileCheck %s --check-prefixes=CHECK,NPT --implicit-check-not=twz-kernel
// RUN: %twz-boot --module "%t a" --with "%t b" --with "%t c" %t setup \
// RUN:   | FileCheck %s --implicit-check-not=twz-kernel
// CHECK:      setup done
// NPT:        a: writer: 1 nested table made
// CHECK:      a: wrote 8 pages of obj; own view object: magic ok
// NPT:        b: attach writer: N_CR3 is A's, 0 nested tables made
// CHECK:      b: the 8 pages A wrote: values ok
// NPT:        b: ... 0 nested page faults, 0 guest page faults
// CHECK:      b: A's view object: view_set EACCES, by a view entry: fault: read at offset 0x1000, SEGV_ACCERR
// CHECK:      a: own view object after B's attempt: magic ok
// CHECK:      b: A's view object again: fault: read at offset 0x1000, SEGV_ACCERR
// CHECK:      b: masked obj to r in writer, kso_invalidate: rights r----
// CHECK:      a: store after B's invalidate: fault: write at offset 0x10000000, SEGV_ACCERR
// NPT:        c: attach reader: N_CR3 is not A's, 1 nested table made
// CHECK:      c: the 8 pages: values ok, rights r----
// NPT:        c: ... 8 nested page faults
// CHECK:      c: store: fault: write at offset 0x{{[0-9a-f]+}}, SEGV_ACCERR
// NPT:        c: ... NPF with P=1: 1
// CHECK:      a: done
// CHECK:      b: done
#include "Inputs/ksec.h"
#include <sched.h>

#define SA 5000 /* slots libtwz does not use here (as in kernel-kso-view.c) */
#define SB 5001
#define PAGES 8

struct sync {
  long step;
  unsigned long long n_cr3; /* A's, under --npt */
  uint8_t aview[16];        /* A's view object */
};
static volatile struct sync *sy;
static int npt;

static struct twz_npt_stats stats(void) {
  struct twz_npt_stats s = {0};
  npt = ksys(TWZ_SYS_DEBUG, TWZ_DEBUG_NPT_STATS, (long)&s, 0) == 0;
  return s;
}

static void wait_step(long n) {
  double t0 = mono_us();
  while (__atomic_load_n(&sy->step, __ATOMIC_ACQUIRE) < n) {
    if (mono_us() - t0 > 60e6) {
      fprintf(stderr, "timed out waiting for step %ld\n", n);
      exit(3);
    }
    sched_yield();
  }
}
static void step(long n) { __atomic_store_n(&sy->step, n, __ATOMIC_RELEASE); }

static uintptr_t slot(long s) { return (uintptr_t)s << TWZ_SLOT_BITS; }
static void load_long(void *p) { (void)*(volatile long *)p; }
static void store_long(void *p) { *(volatile long *)p = 8; }
/* Far from what libtwz keeps in the object (header, allocations, logs):
 * only this test's loads and stores touch these pages. */
static volatile long *page(twz_object *o, int i) {
  return (volatile long *)(twz_object_base(o) + (256u << 20) + (uintptr_t)i * 4096);
}

/* Map my own view object at slot SB and check its header. */
static const char *own_view(void) {
  twz_id v = k_self(TWZ_KSO_VIEW);
  OK(k_view_set(slot(SB), &v, TWZ_PROT_READ | TWZ_PROT_WRITE) == 0);
  return *(volatile uint64_t *)(slot(SB) + TWZ_DATA_START) == TWZ_VIEW_MAGIC ? "magic ok" : "bad";
}

/* B: show A's view object in slot SA through B's own view object, touch it. */
static const char *by_entry(void) {
  struct twz_view *view = (struct twz_view *)(slot(SB) + TWZ_DATA_START);
  struct twz_view_entry *e = &view->entries[SA];
  e->flags = 0;
  memcpy(e->id, (const void *)sy->aview, 16);
  e->prot = TWZ_PROT_READ;
  e->flags = TWZ_VE_VALID;
  OK(k_invalidate(NULL, SA, 1) == 0);
  return fault_text(try_fault(load_long, (void *)(slot(SA) + 0x1000)), slot(SA));
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "setup")) {
    /* make_reader_writer's objects, but "writer" unprotected: B changes it */
    twz_id k;
    uint8_t sk[TWZ_SK_BYTES];
    make_key("k", &k, sk);
    twz_id oid = twz_object_id(make_obj("obj", 41, &k, TWZ_PERM_READ));
    twz_object *w, *s;
    OK(twz_ctx_create("reader", &k));
    OK(w = twz_ctx_create("writer", NULL));
    twz_id wid = twz_object_id(w);
    make_cap(&oid, &wid, TWZ_PERM_READ | TWZ_PERM_WRITE, 0, &k, sk, w);
    OK(s = twz_object_create("sync"));
    struct sync __persistent *p = twz_object_alloc(s, sizeof *p, 8);
    OK(p);
    memset((void *)(uintptr_t)p, 0, sizeof *p);
    OK(twz_object_set_root(s, p) == 0);
    printf("setup done\n");
    return 0;
  }
  char who = argv[1][0];
  twz_object *so = twz_object_open("sync");
  OK(so);
  sy = (volatile struct sync *)(uintptr_t)twz_object_root(so);
  twz_object *o;

  if (who == 'a') {
    struct twz_npt_stats s0 = stats();
    OK(twz_context_attach("writer") == 0);
    struct twz_npt_stats s1 = stats();
    if (npt)
      printf("a: writer: %llu nested table made\n", s1.nested_tables - s0.nested_tables);
    OK(o = twz_object_open("obj"));
    for (int i = 0; i < PAGES; i++)
      *page(o, i) = 100 + i;
    printf("a: wrote %d pages of obj; own view object: %s\n", PAGES, own_view());
    twz_id v = k_self(TWZ_KSO_VIEW);
    memcpy((void *)sy->aview, v.b, 16);
    sy->n_cr3 = stats().n_cr3;
    step(1);
    wait_step(2);
    printf("a: own view object after B's attempt: %s\n", own_view());
    step(3);
    wait_step(4);
    printf("a: store after B's invalidate: %s\n",
           fault_text(try_fault(store_long, (void *)page(o, 0)), twz_object_base(o)));
    step(5);
    wait_step(6);
    printf("a: done\n");
    step(7);
    return 0;
  }

  if (who == 'b') {
    wait_step(1);
    struct twz_npt_stats s0 = stats();
    OK(twz_context_attach("writer") == 0);
    struct twz_npt_stats s1 = stats();
    if (npt)
      printf("b: attach writer: N_CR3 %s A's, %llu nested tables made\n",
             s1.n_cr3 == sy->n_cr3 ? "is" : "is not", s1.nested_tables - s0.nested_tables);
    OK(o = twz_object_open("obj"));
    struct twz_npt_stats s2 = stats();
    int ok = 1;
    for (int i = 0; i < PAGES; i++)
      ok &= *page(o, i) == 100 + i;
    struct twz_npt_stats s3 = stats();
    printf("b: the %d pages A wrote: values %s\n", PAGES, ok ? "ok" : "WRONG");
    if (npt)
      printf("b: ... %llu nested page faults, %llu guest page faults\n",
             s3.exits_npf - s2.exits_npf, s3.exits_pf - s2.exits_pf);
    twz_id av;
    memcpy(av.b, (const void *)sy->aview, 16);
    long r = k_view_set(slot(SA), &av, TWZ_PROT_READ);
    own_view();
    printf("b: A's view object: view_set %s, by a view entry: %s\n", errname(r), by_entry());
    step(2);
    wait_step(3);
    /* The entry is still cached, computed for B: A's touch gave B nothing. */
    printf("b: A's view object again: %s\n",
           fault_text(try_fault(load_long, (void *)(slot(SA) + 0x1000)), slot(SA)));
    /* A rights change in the shared context: computed once, and A's
     * translations (its PTEs, or the shared nested table's entries) go. */
    twz_object *w = twz_object_open("writer");
    twz_id id = twz_object_id(o), wid = twz_object_id(w);
    OK(w && twz_ctx_add(w, &id, TWZ_CTX_MASK, TWZ_PERM_READ, NULL, 0) == 0);
    OK(k_invalidate(&wid, 0, 0) == 0);
    printf("b: masked obj to r in writer, kso_invalidate: rights %s\n", rstr(k_rights(&id)));
    step(4);
    wait_step(7);
    printf("b: done\n");
    return 0;
  }

  wait_step(5);
  struct twz_npt_stats s0 = stats();
  OK(twz_context_attach("reader") == 0);
  struct twz_npt_stats s1 = stats();
  if (npt)
    printf("c: attach reader: N_CR3 %s A's, %llu nested table made\n",
           s1.n_cr3 == sy->n_cr3 ? "is" : "is not", s1.nested_tables - s0.nested_tables);
  OK(o = twz_object_open("obj"));
  twz_id id = twz_object_id(o);
  struct twz_npt_stats s2 = stats();
  int ok = 1;
  for (int i = 0; i < PAGES; i++)
    ok &= *page(o, i) == 100 + i;
  struct twz_npt_stats s3 = stats();
  printf("c: the %d pages: values %s, rights %s\n", PAGES, ok ? "ok" : "WRONG", rstr(k_rights(&id)));
  if (npt)
    printf("c: ... %llu nested page faults\n", s3.exits_npf - s2.exits_npf);
  int f = try_fault(store_long, (void *)page(o, 0));
  struct twz_npt_stats s4 = stats();
  printf("c: store: %s\n", fault_text(f, twz_object_base(o)));
  if (npt)
    printf("c: ... NPF with P=1: %llu\n", s4.npf_present - s3.npf_present);
  step(6);
  return 0;
}
