// REQUIRES: twz-kernel
// Invalid capabilities and delegations, as the kernel sees them: a
// capability signed by a key that does not protect the object, one whose
// signer field names the right key but whose signature was made with
// another key's secret, expired ones (in 1970, and one that expires while
// the machine runs), a revoked capability and a revoked middle link of a
// chain, a delegation that widens rights, a broken chain, and a valid
// capability imported by a context that does not hold it. For each: the
// status of the kernel's verifier (sec_verify) with the reason it printed,
// and the rights a process in the context gets from the kernel (nothing),
// with the kernel's line naming the context, the object, the link and the
// reason. test/security/{wrong-key.c,expiry-revocation.test,delegation.test,
// broken-chain.test} on the kernel.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t verify" --module "%t rights c_other" \
// RUN:   --module "%t rights c_forged" --module "%t rights c_old" --module "%t rights c_soon" \
// RUN:   --module "%t rights A" --module "%t rights B" --module "%t rights C" \
// RUN:   --module "%t rights D" --module "%t rights E" --module "%t rights F" \
// RUN:   --module "%t rights c_holder" --module "%t rights c_rev" %t setup \
// RUN: | FileCheck %s
// Revocation and expiry, on a second boot (the kernel runs at most 16 modules).
// RUN: %twz-boot --module "%t rights c_soon" --module "%t rights c_rev" --module "%t rights C" \
// RUN:   --module "%t rights E" --module "%t revoke" --module "%t verify-revoked" \
// RUN:   --module "%t rights c_rev" --module "%t rights C" --module "%t rights E" \
// RUN:   --module "%t rights A" --module "%t wait-expiry" --module "%t rights c_soon" %t setup \
// RUN: | FileCheck %s --check-prefix=REV
//
// CHECK:      setup: obj [[OBJ:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context c_other [[C_OTHER:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context c_forged [[C_FORGED:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context c_old [[C_OLD:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context c_soon [[C_SOON:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context A [[A:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context B [[B:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context C [[C:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context D [[D:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context E [[E:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context F [[F:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context c_holder [[C_HOLDER:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context c_rev [[C_REV:[0-9a-f]{32}]]
// CHECK-NEXT: setup: context admin {{[0-9a-f]+}}
//
// The kernel's verifier, blob by blob.
// CHECK-NEXT: twz-kernel: capability rejected (link 0): signed by the wrong key
// CHECK-NEXT: verify other (cap rw signed by key other): wrong-key
// CHECK-NEXT: twz-kernel: capability rejected (link 0): the signature does not verify (forged or altered)
// CHECK-NEXT: verify forged (cap rw, signer k, signed with other's secret): bad-signature
// CHECK-NEXT: twz-kernel: capability rejected (link 0): expired
// CHECK-NEXT: verify old (cap rw expired 1970): expired
// CHECK-NEXT: verify soon (cap rw expiring in 3 s): ok
// CHECK-NEXT: verify capA (cap rw for A): ok
// CHECK-NEXT: twz-kernel: delegation rejected (link 0): the delegation widens rights beyond the inner capability
// CHECK-NEXT: verify AB (A -> B rwx around rw): widens
// CHECK-NEXT: verify AC (A -> C r): ok
// CHECK-NEXT: twz-kernel: delegation rejected (link 0): broken chain: the delegator does not hold the inner capability
// CHECK-NEXT: verify CD (C -> D r around A's capability): broken-chain
// CHECK-NEXT: verify CE (C -> E r around A -> C): ok
// CHECK-NEXT: twz-kernel: delegation rejected (link 0): expired
// CHECK-NEXT: verify AF (A -> F r expired 1970): expired
// CHECK-NEXT: verify rev (cap r for c_rev): ok
//
// A process in each context: the kernel's rights on obj, and its line for
// every entry that fails.
// CHECK-NEXT: twz-kernel: security context [[C_OTHER]]: capability for [[OBJ]] (link 0): signed by the wrong key
// CHECK-NEXT: c_other: kernel -----
// CHECK-NEXT: twz-kernel: security context [[C_FORGED]]: capability for [[OBJ]] (link 0): the signature does not verify (forged or altered)
// CHECK-NEXT: c_forged: kernel -----
// CHECK-NEXT: twz-kernel: security context [[C_OLD]]: capability for [[OBJ]] (link 0): expired
// CHECK-NEXT: c_old: kernel -----
// CHECK-NEXT: c_soon: kernel rw---
// CHECK-NEXT: A: kernel rw---
// CHECK-NEXT: twz-kernel: security context [[B]]: delegation for [[OBJ]] (link 0): the delegation widens rights beyond the inner capability
// CHECK-NEXT: B: kernel -----
// CHECK-NEXT: C: kernel r----
// CHECK-NEXT: twz-kernel: security context [[D]]: delegation for [[OBJ]] (link 0): broken chain: the delegator does not hold the inner capability
// CHECK-NEXT: D: kernel -----
// CHECK-NEXT: E: kernel r----
// CHECK-NEXT: twz-kernel: security context [[F]]: delegation for [[OBJ]] (link 0): expired
// CHECK-NEXT: F: kernel -----
// CHECK-NEXT: twz-kernel: security context [[C_HOLDER]]: capability for [[OBJ]] (link 0): valid, but held by another security context
// CHECK-NEXT: c_holder: kernel -----
// CHECK-NEXT: c_rev: kernel r----
// CHECK-NOT:  {{.}}
//
// A process whose context may write the key objects revokes the capability
// and the middle link A -> C (twz_key_revoke); the next processes get
// nothing from them. A keeps its own capability.
// REV:      setup: obj [[OBJ:[0-9a-f]{32}]]
// REV:      setup: context c_soon [[C_SOON:[0-9a-f]{32}]]
// REV:      setup: context C [[C:[0-9a-f]{32}]]
// REV:      setup: context E [[E:[0-9a-f]{32}]]
// REV:      setup: context c_rev [[C_REV:[0-9a-f]{32}]]
// REV:      setup: context admin
// REV-NEXT: c_soon: kernel rw---
// REV-NEXT: c_rev: kernel r----
// REV-NEXT: C: kernel r----
// REV-NEXT: E: kernel r----
// REV-NEXT: revoke: serial {{[0-9a-f]+}} on k, serial {{[0-9a-f]+}} on kc
// REV-NEXT: twz-kernel: capability rejected (link 0): revoked
// REV-NEXT: verify rev (cap r for c_rev): revoked
// REV-NEXT: twz-kernel: delegation rejected (link 0): revoked
// REV-NEXT: verify AC (A -> C r): revoked
// REV-NEXT: twz-kernel: delegation rejected (link 1): revoked
// REV-NEXT: verify CE (C -> E r around A -> C): revoked
// REV-NEXT: twz-kernel: security context [[C_REV]]: capability for [[OBJ]] (link 0): revoked
// REV-NEXT: c_rev: kernel -----
// REV-NEXT: twz-kernel: security context [[C]]: delegation for [[OBJ]] (link 0): revoked
// REV-NEXT: C: kernel -----
// REV-NEXT: twz-kernel: security context [[E]]: delegation for [[OBJ]] (link 1): revoked
// REV-NEXT: E: kernel -----
// REV-NEXT: A: kernel rw---
//
// The capability that was valid a moment ago expires while the machine runs.
// REV-NEXT: twz-kernel: capability rejected (link 0): expired
// REV-NEXT: wait-expiry: the kernel says expired
// REV-NEXT: twz-kernel: security context [[C_SOON]]: capability for [[OBJ]] (link 0): expired
// REV-NEXT: c_soon: kernel -----
// REV-NOT:  {{.}}
#include <unistd.h>

#include "Inputs/ksec.h"

/* Every blob made by setup, in an unprotected object every process reads. */
#define NBLOB 16
struct blobs {
  uint32_t n;
  struct {
    char name[16], what[48];
    uint32_t len;
    uint8_t b[600];
  } e[NBLOB];
};

static struct blobs *blobs(void) {
  twz_object *o = twz_object_open("blobs");
  OK(o);
  return (struct blobs *)(uintptr_t)twz_object_root(o);
}

static void keep(struct blobs *bl, const char *name, const char *what, const void *b, size_t len) {
  OK(bl->n < NBLOB && len <= sizeof bl->e[0].b);
  snprintf(bl->e[bl->n].name, sizeof bl->e[0].name, "%s", name);
  snprintf(bl->e[bl->n].what, sizeof bl->e[0].what, "%s", what);
  bl->e[bl->n].len = (uint32_t)len;
  memcpy(bl->e[bl->n].b, b, len);
  bl->n++;
}

static const void *find(const char *name, size_t *len) {
  struct blobs *bl = blobs();
  for (uint32_t i = 0; i < bl->n; i++)
    if (!strcmp(bl->e[i].name, name)) {
      if (len)
        *len = bl->e[i].len;
      return bl->e[i].b;
    }
  OK(0);
  return NULL;
}

static twz_object *ctx(const char *name, const twz_id *key) {
  twz_object *c;
  OK(c = twz_ctx_create(name, key));
  char hex[33];
  twz_id id = twz_object_id(c);
  twz_id_format(&id, hex);
  printf("setup: context %s %s\n", name, hex);
  return c;
}

static void add(twz_object *c, const twz_id *target, const void *b, size_t len) {
  uint32_t magic;
  memcpy(&magic, b, 4);
  OK(twz_ctx_add(c, target, magic == TWZ_DLG_MAGIC ? TWZ_CTX_DLG : TWZ_CTX_CAP, 0, b, len) == 0);
}

static int setup(void) {
  twz_id k, other, kc;
  uint8_t sk[TWZ_SK_BYTES], osk[TWZ_SK_BYTES], csk[TWZ_SK_BYTES];
  make_key("k", &k, sk);
  make_key("other", &other, osk);
  make_key("kc", &kc, csk);
  twz_object *obj = make_obj("obj", 41, &k, 0);
  twz_id oid = twz_object_id(obj);
  char hex[33];
  twz_id_format(&oid, hex);
  printf("setup: obj %s\n", hex);
  twz_object *bo;
  OK(bo = twz_object_create("blobs"));
  struct blobs __persistent *blp = twz_object_alloc(bo, sizeof(struct blobs), 8);
  OK(blp && twz_object_set_root(bo, blp) == 0);
  struct blobs *bl = (struct blobs *)(uintptr_t)blp;

  twz_object *c_other = ctx("c_other", &kc), *c_forged = ctx("c_forged", &kc),
             *c_old = ctx("c_old", &kc), *c_soon = ctx("c_soon", &kc), *A = ctx("A", &kc),
             *B = ctx("B", &kc), *C = ctx("C", &kc), *D = ctx("D", &kc), *E = ctx("E", &kc),
             *F = ctx("F", &kc), *c_holder = ctx("c_holder", &kc), *c_rev = ctx("c_rev", &kc),
             *admin = ctx("admin", &kc);
  twz_id id_other = twz_object_id(c_other), id_forged = twz_object_id(c_forged),
         id_old = twz_object_id(c_old), id_soon = twz_object_id(c_soon), a = twz_object_id(A),
         b = twz_object_id(B), c = twz_object_id(C), d = twz_object_id(D), e = twz_object_id(E),
         f = twz_object_id(F), id_rev = twz_object_id(c_rev), id_admin = twz_object_id(admin);
  const uint32_t RW = TWZ_PERM_READ | TWZ_PERM_WRITE;

  /* Signed by `other`, which does not protect obj. */
  struct twz_cap cap = make_cap(&oid, &id_other, RW, 0, &other, osk, c_other);
  keep(bl, "other", "cap rw signed by key other", &cap, sizeof cap);
  /* Signer field k, signature made with other's secret. */
  struct twz_cap forged = {0};
  memcpy(forged.target, oid.b, 16);
  memcpy(forged.accessor, id_forged.b, 16);
  memcpy(forged.signer, k.b, 16);
  forged.perms = RW;
  OK(twz_cap_sign(&forged, &other, osk) == 0 && !memcmp(forged.signer, k.b, 16));
  add(c_forged, &oid, &forged, sizeof forged);
  keep(bl, "forged", "cap rw, signer k, signed with other's secret", &forged, sizeof forged);
  cap = make_cap(&oid, &id_old, RW, 1, &k, sk, c_old);
  keep(bl, "old", "cap rw expired 1970", &cap, sizeof cap);
  cap = make_cap(&oid, &id_soon, RW, (uint64_t)time(NULL) + 3, &k, sk, c_soon);
  keep(bl, "soon", "cap rw expiring in 3 s", &cap, sizeof cap);

  /* Chains: A holds rw. */
  struct twz_cap capA = make_cap(&oid, &a, RW, 0, &k, sk, A);
  keep(bl, "capA", "cap rw for A", &capA, sizeof capA);
  uint8_t ab[400], ac[400], cd[400], ce[600], af[400];
  size_t n = make_dlg(ab, sizeof ab, &a, &b, RW | TWZ_PERM_EXEC, 0, &capA, sizeof capA, &kc, csk);
  add(B, &oid, ab, n);
  keep(bl, "AB", "A -> B rwx around rw", ab, n);
  size_t nac = make_dlg(ac, sizeof ac, &a, &c, TWZ_PERM_READ, 0, &capA, sizeof capA, &kc, csk);
  add(C, &oid, ac, nac);
  keep(bl, "AC", "A -> C r", ac, nac);
  n = make_dlg(cd, sizeof cd, &c, &d, TWZ_PERM_READ, 0, &capA, sizeof capA, &kc, csk);
  add(D, &oid, cd, n);
  keep(bl, "CD", "C -> D r around A's capability", cd, n);
  n = make_dlg(ce, sizeof ce, &c, &e, TWZ_PERM_READ, 0, ac, nac, &kc, csk);
  add(E, &oid, ce, n);
  keep(bl, "CE", "C -> E r around A -> C", ce, n);
  n = make_dlg(af, sizeof af, &a, &f, TWZ_PERM_READ, 1, &capA, sizeof capA, &kc, csk);
  add(F, &oid, af, n);
  keep(bl, "AF", "A -> F r expired 1970", af, n);
  /* Valid, for A, imported by c_holder. */
  add(c_holder, &oid, &capA, sizeof capA);
  cap = make_cap(&oid, &id_rev, TWZ_PERM_READ, 0, &k, sk, c_rev);
  keep(bl, "rev", "cap r for c_rev", &cap, sizeof cap);

  /* admin may write the key objects (their revocation lists). */
  make_cap(&k, &id_admin, RW, 0, &k, sk, admin);
  make_cap(&kc, &id_admin, RW, 0, &kc, csk, admin);
  return 0;
}

static void verify(const char *name) {
  size_t len;
  const void *b = find(name, &len);
  struct blobs *bl = blobs();
  const char *what = "";
  for (uint32_t i = 0; i < bl->n; i++)
    if (!strcmp(bl->e[i].name, name))
      what = bl->e[i].what;
  long s = k_verify(b, len);
  printf("verify %s (%s): %s\n", name, what, sname(s));
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  OK(argc >= 2);
  if (!strcmp(argv[1], "setup"))
    return setup();
  if (!strcmp(argv[1], "verify")) {
    static const char *const all[] = {"other", "forged", "old", "soon", "capA", "AB",
                                      "AC",    "CD",     "CE",  "AF",   "rev"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
      verify(all[i]);
    return 0;
  }
  if (!strcmp(argv[1], "rights") && argc == 3) {
    twz_id obj = id_of("obj");
    OK(twz_context_attach(argv[2]) == 0);
    long r = k_rights(&obj);
    printf("%s: kernel %s\n", argv[2], rstr(r));
    return 0;
  }
  if (!strcmp(argv[1], "revoke")) {
    struct twz_cap rev;
    struct twz_dlg ac;
    memcpy(&rev, find("rev", NULL), sizeof rev);
    memcpy(&ac, find("AC", NULL), sizeof ac);
    twz_id k = id_of("k"), kc = id_of("kc");
    OK(twz_context_attach("admin") == 0);
    OK(twz_key_revoke(&k, rev.serial) == 0);
    OK(twz_key_revoke(&kc, ac.serial) == 0);
    printf("revoke: serial %016llx on k, serial %016llx on kc\n", (unsigned long long)rev.serial,
           (unsigned long long)ac.serial);
    return 0;
  }
  if (!strcmp(argv[1], "verify-revoked")) {
    verify("rev");
    verify("AC");
    verify("CE");
    return 0;
  }
  if (!strcmp(argv[1], "wait-expiry")) {
    struct twz_cap soon;
    memcpy(&soon, find("soon", NULL), sizeof soon);
    while ((uint64_t)time(NULL) < soon.expires)
      usleep(100000);
    /* The kernel's clock (CMOS at boot + TSC) is the one time() reads. */
    long s = k_verify(&soon, sizeof soon); /* prints its own line */
    printf("wait-expiry: the kernel says %s\n", sname(s));
    return 0;
  }
  return 2;
}
