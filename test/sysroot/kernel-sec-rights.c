// REQUIRES: twz-kernel
// The rights the kernel computes (obj_rights) are exactly what the context's
// valid capabilities grant, plus the object's default rights, within the
// context's masks: test/security/rights.test on the kernel. The first
// program makes a key, three objects and the contexts and grants with the
// libtwz API (twz_cap_sign, twz_ctx_add); then one program per context
// attaches it (twz_context_attach, which tells the kernel) and prints, for
// each object, the kernel's rights, the rights libtwz took from the kernel,
// and the protections of the view slot libtwz mapped it in (view_get).
//
//   obj  protected by k, default rights none
//   pub  protected by k, default rights r
//   free no key: every right
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t probe c_r" --module "%t probe c_w" --module "%t probe c_rw" \
// RUN:   --module "%t probe c_rwx" --module "%t probe c_all" --module "%t probe c_sum" \
// RUN:   --module "%t probe c_none" --module "%t probe c_mask" --module "%t probe c_gmask" \
// RUN:   --module "%t probe -" %t setup \
// RUN: | FileCheck %s --match-full-lines --implicit-check-not=twz-kernel
//
// CHECK:      setup: r---- on obj for c_r
// CHECK-NEXT: setup: -w--- on obj for c_w
// CHECK-NEXT: setup: -w--- on pub for c_w
// CHECK-NEXT: setup: rw--- on obj for c_rw
// CHECK-NEXT: setup: rwx-- on obj for c_rwx
// CHECK-NEXT: setup: rwxud on obj for c_all
// CHECK-NEXT: setup: rwxud on pub for c_all
// CHECK-NEXT: setup: r---- on obj for c_sum
// CHECK-NEXT: setup: --x-- on obj for c_sum
// CHECK-NEXT: setup: rwxud on obj for c_mask
// CHECK-NEXT: setup: rwxud on obj for c_gmask
// CHECK-NEXT: setup: c_mask masks obj r-x--, free r----; c_gmask global mask rw---
//
// Slot prot is TWZ_PROT_*: 1 r, 2 w, 4 x. x86 pages cannot be write-only,
// so libtwz maps w as rw (3).
// CHECK-NEXT: c_r obj: kernel r----, libtwz r----, view prot 3, value 41
// CHECK-NEXT: c_r pub: kernel r----, libtwz r----, view prot 3, value 42
// CHECK-NEXT: c_r free: kernel rwxud, libtwz rwxud, view prot 7, value 43
//
// w alone: the kernel reports exactly -w---, and maps the slot readable and
// writable (x86 pages cannot be write-only: w implies r, as on the host).
// pub's default r and the capability's w add up.
// CHECK-NEXT: c_w obj: kernel -w---, libtwz -w---, view prot 3, value 41
// CHECK-NEXT: c_w pub: kernel rw---, libtwz rw---, view prot 3, value 42
// CHECK-NEXT: c_w free: kernel rwxud, libtwz rwxud, view prot 7, value 43
// CHECK-NEXT: c_rw obj: kernel rw---, libtwz rw---, view prot 3, value 41
// CHECK-NEXT: c_rw pub: kernel r----, libtwz r----, view prot 3, value 42
// CHECK-NEXT: c_rw free: kernel rwxud, libtwz rwxud, view prot 7, value 43
// CHECK-NEXT: c_rwx obj: kernel rwx--, libtwz rwx--, view prot 7, value 41
// CHECK-NEXT: c_rwx pub: kernel r----, libtwz r----, view prot 3, value 42
// CHECK-NEXT: c_rwx free: kernel rwxud, libtwz rwxud, view prot 7, value 43
// CHECK-NEXT: c_all obj: kernel rwxud, libtwz rwxud, view prot 7, value 41
// CHECK-NEXT: c_all pub: kernel rwxud, libtwz rwxud, view prot 7, value 42
// CHECK-NEXT: c_all free: kernel rwxud, libtwz rwxud, view prot 7, value 43
//
// Two capabilities (r, x) add up.
// CHECK-NEXT: c_sum obj: kernel r-x--, libtwz r-x--, view prot 7, value 41
// CHECK-NEXT: c_sum pub: kernel r----, libtwz r----, view prot 3, value 42
// CHECK-NEXT: c_sum free: kernel rwxud, libtwz rwxud, view prot 7, value 43
//
// No capability: the default rights only.
// CHECK-NEXT: c_none obj: kernel -----, libtwz -----, view prot 0, not read
// CHECK-NEXT: c_none pub: kernel r----, libtwz r----, view prot 3, value 42
// CHECK-NEXT: c_none free: kernel rwxud, libtwz rwxud, view prot 7, value 43
//
// Masks remove rights whatever the capabilities grant, on unprotected
// objects too; the global mask applies to every object.
// CHECK-NEXT: c_mask obj: kernel r-x--, libtwz r-x--, view prot 7, value 41
// CHECK-NEXT: c_mask pub: kernel r----, libtwz r----, view prot 3, value 42
// CHECK-NEXT: c_mask free: kernel r----, libtwz r----, view prot 3, value 43
// CHECK-NEXT: c_gmask obj: kernel rw---, libtwz rw---, view prot 3, value 41
// CHECK-NEXT: c_gmask pub: kernel r----, libtwz r----, view prot 3, value 42
// CHECK-NEXT: c_gmask free: kernel rw---, libtwz rw---, view prot 3, value 43
//
// No context: what an empty one has (unlike Linux, where it is everything).
// CHECK-NEXT: - obj: kernel -----, libtwz -----, view prot 0, not read
// CHECK-NEXT: - pub: kernel r----, libtwz r----, view prot 3, value 42
// CHECK-NEXT: - free: kernel rwxud, libtwz rwxud, view prot 7, value 43
// CHECK-NOT:  {{.}}
#include "Inputs/ksec.h"

static void grant(const char *obj, const char *ctx, const char *perms, const twz_id *key,
                  const uint8_t *sk) {
  uint32_t p;
  twz_id oid = id_of(obj);
  twz_object *c = twz_object_open(ctx);
  OK(c && twz_perm_parse(perms, &p) == 0);
  twz_id cid = twz_object_id(c);
  make_cap(&oid, &cid, p, 0, key, sk, c);
  printf("setup: %s on %s for %s\n", rstr(p), obj, ctx);
}

static int setup(void) {
  twz_id k;
  uint8_t sk[TWZ_SK_BYTES];
  make_key("k", &k, sk);
  make_obj("obj", 41, &k, 0);
  make_obj("pub", 42, &k, TWZ_PERM_READ);
  make_obj("free", 43, NULL, 0);
  static const char *const ctxs[] = {"c_r",   "c_w",    "c_rw",   "c_rwx",  "c_all",
                                     "c_sum", "c_none", "c_mask", "c_gmask"};
  for (size_t i = 0; i < sizeof ctxs / sizeof ctxs[0]; i++)
    OK(twz_ctx_create(ctxs[i], &k));
  grant("obj", "c_r", "r", &k, sk);
  grant("obj", "c_w", "w", &k, sk);
  grant("pub", "c_w", "w", &k, sk);
  grant("obj", "c_rw", "rw", &k, sk);
  grant("obj", "c_rwx", "rwx", &k, sk);
  grant("obj", "c_all", "rwxud", &k, sk);
  grant("pub", "c_all", "rwxud", &k, sk);
  grant("obj", "c_sum", "r", &k, sk);
  grant("obj", "c_sum", "x", &k, sk);
  grant("obj", "c_mask", "rwxud", &k, sk);
  grant("obj", "c_gmask", "rwxud", &k, sk);
  twz_id obj = id_of("obj"), free = id_of("free");
  OK(twz_ctx_add(twz_object_open("c_mask"), &obj, TWZ_CTX_MASK, TWZ_PERM_READ | TWZ_PERM_EXEC, NULL, 0) == 0);
  OK(twz_ctx_add(twz_object_open("c_mask"), &free, TWZ_CTX_MASK, TWZ_PERM_READ, NULL, 0) == 0);
  /* This program made c_gmask and still has it mapped writable. */
  twz_object *g = twz_object_open("c_gmask");
  struct twz_ctx *gc = (struct twz_ctx *)(uintptr_t)twz_object_root(g);
  gc->global_mask = TWZ_PERM_READ | TWZ_PERM_WRITE;
  printf("setup: c_mask masks obj r-x--, free r----; c_gmask global mask rw---\n");
  return 0;
}

static void probe(const char *ctx, const char *name) {
  twz_id id = id_of(name);
  long k = k_rights(&id);
  twz_object *o = twz_object_open(name);
  if (!o) {
    printf("%s %s: kernel %s, open refused: %s\n", ctx, name, rstr(k), twz_error());
    return;
  }
  if (!(twz_object_rights(o) & (TWZ_PERM_READ | TWZ_PERM_WRITE))) { /* mapped, every access faults, as on the host */
    printf("%s %s: kernel %s, libtwz %s, view prot %ld, not read\n", ctx, name, rstr(k),
           rstr(twz_object_rights(o)), k_slot_prot(twz_object_base(o)));
    return;
  }
  long __persistent *v = twz_object_root(o);
  printf("%s %s: kernel %s, libtwz %s, view prot %ld, value %ld\n", ctx, name, rstr(k),
         rstr(twz_object_rights(o)), k_slot_prot(twz_object_base(o)), *v);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc == 2 && !strcmp(argv[1], "setup"))
    return setup();
  OK(argc == 3 && !strcmp(argv[1], "probe"));
  if (strcmp(argv[2], "-"))
    OK(twz_context_attach(argv[2]) == 0);
  probe(argv[2], "obj");
  probe(argv[2], "pub");
  probe(argv[2], "free");
  return 0;
}
