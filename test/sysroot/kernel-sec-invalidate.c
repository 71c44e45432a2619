// REQUIRES: twz-kernel
// The kernel caches rights: a change to the active context (a new mask) or
// a revoked capability takes effect when the program says so with
// kso_invalidate on its context (or at the next map or attach), and then
// the translations made with the old rights are gone: the store that
// worked before the invalidate faults after it, and the object keeps its
// value. The revocation is reported by the kernel's verifier.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t run" %t setup | FileCheck %s --implicit-check-not=twz-kernel
// CHECK:      setup done
// CHECK-NEXT: mask: rights rw---, store 1: no fault
// CHECK-NEXT: mask: added r-only mask, not invalidated: rights r----, store 2: no fault
// CHECK-NEXT: mask: invalidated: rights r----, store 3: fault: write at offset 0x{{[0-9a-f]+}}, SEGV_ACCERR, value 2
// CHECK-NEXT: revoke: rights rw---, store 1: no fault
// CHECK-NEXT: revoke: revoked, not invalidated: store 2: no fault
// CHECK-NEXT: twz-kernel: security context [[CTX:[0-9a-f]{32}]]: capability for [[OBJ:[0-9a-f]{32}]] (link 0): revoked
// CHECK-NEXT: revoke: invalidated: store 3: fault: write at offset 0x{{[0-9a-f]+}}, SEGV_ACCERR, value 2
// CHECK-NEXT: twz-kernel: security context [[CTX]]: capability for [[OBJ]] (link 0): revoked
// CHECK-NEXT: revoke: rights now r----
#include "Inputs/ksec.h"

static long __persistent *open_root(const char *name, twz_object **op) {
  twz_object *o = twz_object_open(name);
  OK(o);
  *op = o;
  return twz_object_root(o);
}

static void store(void *p) { *(volatile long *)p = 3; }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "setup")) {
    twz_id k;
    uint8_t sk[TWZ_SK_BYTES];
    make_key("k", &k, sk);
    twz_object *ctx;
    OK(ctx = twz_ctx_create("ctx", &k));
    twz_id cid = twz_object_id(ctx), m = twz_object_id(make_obj("masked", 0, &k, TWZ_PERM_READ));
    make_cap(&m, &cid, TWZ_PERM_READ | TWZ_PERM_WRITE, 0, &k, sk, ctx);
    /* The context may change itself and the key's revocation list. */
    make_cap(&cid, &cid, TWZ_PERM_READ | TWZ_PERM_WRITE, 0, &k, sk, ctx);
    make_cap(&k, &cid, TWZ_PERM_READ | TWZ_PERM_WRITE, 0, &k, sk, ctx);
    /* "revoked": its root holds the serial of the context's capability for it */
    twz_object *r = make_obj("revoked", 0, NULL, 0);
    twz_id rid = twz_object_id(r);
    struct twz_cap c = make_cap(&rid, &cid, TWZ_PERM_READ | TWZ_PERM_WRITE, 0, &k, sk, ctx);
    *(long __persistent *)twz_object_root(r) = (long)c.serial;
    OK(twz_object_protect(r, &k, TWZ_PERM_READ) == 0);
    printf("setup done\n");
    return 0;
  }
  OK(twz_context_attach("ctx") == 0);
  twz_id ctxid = k_self(TWZ_KSO_SCTX), kid = id_of("k");
  twz_object *ctx = twz_object_open_id(&ctxid), *o;
  OK(ctx);

  long __persistent *v = open_root("masked", &o);
  twz_id id = twz_object_id(o);
  void *p = (void *)(uintptr_t)v;
  printf("mask: rights %s, store 1: %s\n", rstr(k_rights(&id)), (*v = 1, "no fault"));
  OK(twz_ctx_add(ctx, &id, TWZ_CTX_MASK, TWZ_PERM_READ, NULL, 0) == 0);
  printf("mask: added r-only mask, not invalidated: rights %s, store 2: %s\n", rstr(k_rights(&id)),
         (*v = 2, "no fault"));
  OK(k_invalidate(&ctxid, 0, 0) == 0);
  int f = try_fault(store, p);
  printf("mask: invalidated: rights %s, store 3: %s, value %ld\n", rstr(k_rights(&id)),
         fault_text(f, twz_object_base(o)), *v);

  v = open_root("revoked", &o);
  id = twz_object_id(o);
  p = (void *)(uintptr_t)v;
  uint64_t serial = (uint64_t)*v;
  printf("revoke: rights %s, store 1: %s\n", rstr(k_rights(&id)), (*v = 1, "no fault"));
  OK(twz_key_revoke(&kid, serial) == 0);
  printf("revoke: revoked, not invalidated: store 2: %s\n", (*v = 2, "no fault"));
  OK(k_invalidate(&ctxid, 0, 0) == 0);
  f = try_fault(store, p);
  printf("revoke: invalidated: store 3: %s, value %ld\n", fault_text(f, twz_object_base(o)), *v);
  printf("revoke: rights now %s\n", rstr(k_rights(&id)));
  return 0;
}
