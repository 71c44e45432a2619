// REQUIRES: twz-kernel
// The view is an object (<twz/kso.h>) the process edits with ordinary
// stores: an entry names an object and the protections asked for; the
// kernel reads an entry when a thread first touches the slot and caches
// it until kso_invalidate. An entry never yields more than the active
// context grants: a reader that asks for rw on an object, on its own
// context or on its own thread object still cannot write them. view_get
// reports what the entry asks for, obj_rights what the context grants.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t run" %t setup | FileCheck %s --implicit-check-not=twz-kernel
// CHECK:      setup done
// CHECK-NEXT: view: magic ok, version 1, rights rw---
// CHECK-NEXT: libtwz's slot of data: entry names data, prot 3, flags 1
// CHECK-NEXT: stored entry for other, no system call: value 42
// CHECK-NEXT: entry changed to data, not invalidated: value 42
// CHECK-NEXT: after kso_invalidate: value 41
// CHECK-NEXT: entry asks rw: view_get prot 3, obj_rights r----, store: fault: write at offset 0x{{[0-9a-f]+}}, SEGV_ACCERR, value 41
// CHECK-NEXT: own context asked rw: context rights r--u-, store: fault: write at offset 0x3ffff068, SEGV_ACCERR
// CHECK-NEXT: own thread object asked rw: rights r----, store: fault: write at offset 0x1000, SEGV_ACCERR
// CHECK-NEXT: entry with unknown flags: fault: read at offset 0x1000, SEGV_ACCERR
// CHECK-NEXT: entry naming no object: fault: read at offset 0x1000, SEGV_MAPERR
// CHECK-NEXT: entry cleared: view_get ENOENT, fault: read at offset 0x1000, SEGV_MAPERR
// CHECK-NEXT: invalidate of an object that is no KSO of mine: EINVAL
#include "Inputs/ksec.h"

#define S 5000 /* a slot libtwz does not use here (it picks at random; checked) */

static struct twz_view *view;

static void set_entry(uint64_t slot, const twz_id *id, uint32_t prot, uint32_t flags) {
  struct twz_view_entry *e = &view->entries[slot];
  e->flags = 0; /* the ID is never read with VALID set and half written */
  if (id)
    memcpy(e->id, id->b, 16);
  e->prot = prot;
  e->flags = flags;
}

static long root_of(uintptr_t base) {
  uint64_t root = ((const struct twz_obj_header *)(base + TWZ_META_OFFSET))->root;
  return *(volatile long *)(base + TWZ_PTR_OFFSET(root));
}

static void store_long(void *p) { *(volatile long *)p = 7; }
static void load_long(void *p) { (void)*(volatile long *)p; }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "setup")) {
    twz_id did = twz_object_id(make_obj("data", 41, NULL, 0));
    twz_id oid = twz_object_id(make_obj("other", 42, NULL, 0));
    twz_object *r;
    twz_id k;
    uint8_t sk[TWZ_SK_BYTES];
    make_key("k", &k, sk); /* protects the context: an unprotected one anybody may change */
    OK(r = twz_ctx_create("reader", &k));
    OK(twz_ctx_add(r, &did, TWZ_CTX_MASK, TWZ_PERM_READ, NULL, 0) == 0);
    OK(twz_ctx_add(r, &oid, TWZ_CTX_MASK, TWZ_PERM_READ, NULL, 0) == 0);
    printf("setup done\n");
    return 0;
  }
  OK(twz_context_attach("reader") == 0);
  twz_id vid = k_self(TWZ_KSO_VIEW);
  twz_object *vo = twz_object_open_id(&vid);
  OK(vo);
  view = (struct twz_view *)(twz_object_base(vo) + TWZ_DATA_START);
  printf("view: magic %s, version %u, rights %s\n", view->magic == TWZ_VIEW_MAGIC ? "ok" : "bad",
         view->version, rstr(k_rights(&vid)));

  twz_id data = id_of("data"), other = id_of("other"), ctx = k_self(TWZ_KSO_SCTX);
  twz_object *d = twz_object_open("data");
  OK(d);
  uint64_t dslot = twz_object_base(d) >> TWZ_SLOT_BITS;
  const struct twz_view_entry *de = &view->entries[dslot];
  printf("libtwz's slot of data: entry names %s, prot %u, flags %u\n",
         !memcmp(de->id, data.b, 16) ? "data" : "?", de->prot, de->flags);

  OK(!(view->entries[S].flags & TWZ_VE_VALID)); /* libtwz left S alone */
  uintptr_t base = (uintptr_t)S << TWZ_SLOT_BITS;
  set_entry(S, &other, TWZ_PROT_READ, TWZ_VE_VALID);
  printf("stored entry for other, no system call: value %ld\n", root_of(base));
  set_entry(S, &data, TWZ_PROT_READ, TWZ_VE_VALID);
  printf("entry changed to data, not invalidated: value %ld\n", root_of(base));
  OK(k_invalidate(NULL, S, 1) == 0);
  printf("after kso_invalidate: value %ld\n", root_of(base));

  set_entry(S, &data, TWZ_PROT_READ | TWZ_PROT_WRITE, TWZ_VE_VALID);
  OK(k_invalidate(NULL, S, 1) == 0);
  /* A read first: the page it maps must not be writable either. */
  uint64_t root = ((const struct twz_obj_header *)(base + TWZ_META_OFFSET))->root;
  OK(root_of(base) == 41);
  int f = try_fault(store_long, (void *)(base + TWZ_PTR_OFFSET(root)));
  printf("entry asks rw: view_get prot %ld, obj_rights %s, store: %s, value %ld\n",
         k_slot_prot(base), rstr(k_rights(&data)), fault_text(f, base), root_of(base));

  set_entry(S, &ctx, TWZ_PROT_READ | TWZ_PROT_WRITE, TWZ_VE_VALID);
  OK(k_invalidate(NULL, 0, 0) == 0); /* every slot */
  f = try_fault(store_long, (void *)(base + TWZ_META_OFFSET + 104)); /* dflt_prot */
  printf("own context asked rw: context rights %s, store: %s\n", rstr(k_rights(&ctx)),
         fault_text(f, base));

  twz_id tid = k_self(TWZ_KSO_THREAD);
  set_entry(S, &tid, TWZ_PROT_READ | TWZ_PROT_WRITE, TWZ_VE_VALID);
  OK(k_invalidate(NULL, S, 1) == 0);
  f = try_fault(store_long, (void *)(base + TWZ_DATA_START));
  printf("own thread object asked rw: rights %s, store: %s\n", rstr(k_rights(&tid)),
         fault_text(f, base));

  set_entry(S, &data, TWZ_PROT_READ, TWZ_VE_VALID | 0x100);
  OK(k_invalidate(NULL, S, 1) == 0);
  printf("entry with unknown flags: %s\n",
         fault_text(try_fault(load_long, (void *)(base + TWZ_DATA_START)), base));

  twz_id none = {{0xee}};
  set_entry(S, &none, TWZ_PROT_READ, TWZ_VE_VALID);
  OK(k_invalidate(NULL, S, 1) == 0);
  printf("entry naming no object: %s\n",
         fault_text(try_fault(load_long, (void *)(base + TWZ_DATA_START)), base));

  set_entry(S, NULL, 0, 0);
  OK(k_invalidate(NULL, S, 1) == 0);
  printf("entry cleared: view_get %s, %s\n", rstr(k_slot_prot(base)),
         fault_text(try_fault(load_long, (void *)(base + TWZ_DATA_START)), base));
  printf("invalidate of an object that is no KSO of mine: %s\n", errname(k_invalidate(&data, 0, 0)));
  return 0;
}
