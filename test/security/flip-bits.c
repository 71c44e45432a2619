// Flipping any one bit of a signed capability, or of a delegation (its
// header, the capability inside and both signatures), makes twz_sec_verify
// reject it, each time for the reason the changed field calls for. A second
// pass flips every bit of the inner capability and has the delegator sign
// the changed chain again: the inner link's own checks catch every flip.
// RUN: rm -rf %t.store && %twz-clang -O2 -Wall %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s --match-full-lines
//
// The capability (160 bytes): magic 32 bits, version 16, flags 16, target
// 128 (names an object that does not exist), accessor 128 (signed), signer
// 128 (not the key protecting the target), perms 32 (5 known bits signed, 27
// unknown), reserved 32, gates/expires/serial 256 (signed), sig 512.
// CHECK:      capability: valid, grants r---- to ctx
// CHECK-NEXT: capability 160 bytes: truncated 0
// CHECK-NEXT: capability 160 bytes: bad-magic 32
// CHECK-NEXT: capability 160 bytes: bad-version 16
// CHECK-NEXT: capability 160 bytes: bad-field 75
// CHECK-NEXT: capability 160 bytes: no-object 128
// CHECK-NEXT: capability 160 bytes: wrong-key 128
// CHECK-NEXT: capability 160 bytes: bad-signature 901
// CHECK-NEXT: capability 160 bytes: accepted 0
// CHECK-NEXT: capability 160 bytes: rejected 1280 of 1280
// CHECK-NEXT: capability 160 bytes: rejected at link 0: 1280
//
// The delegation (80 + 160 + 64 bytes): as above for its own header, plus
// inner_len (32 bits: 30 flips claim more than there is, 2 less), the inner
// capability (covered by the delegation's signature) and the signature.
// CHECK-NEXT: delegation: valid, grants r---- to dctx
// CHECK-NEXT: delegation 304 bytes: truncated 30
// CHECK-NEXT: delegation 304 bytes: bad-magic 32
// CHECK-NEXT: delegation 304 bytes: bad-version 16
// CHECK-NEXT: delegation 304 bytes: bad-field 45
// CHECK-NEXT: delegation 304 bytes: no-object 128
// CHECK-NEXT: delegation 304 bytes: wrong-key 128
// CHECK-NEXT: delegation 304 bytes: bad-signature 2053
// CHECK-NEXT: delegation 304 bytes: accepted 0
// CHECK-NEXT: delegation 304 bytes: rejected 2432 of 2432
// CHECK-NEXT: delegation 304 bytes: rejected at link 0: 2432
//
// Re-signed by the delegator around a changed capability: the same reasons
// as for the capability alone, found at link 1.
// CHECK-NEXT: re-signed delegation 304 bytes: truncated 0
// CHECK-NEXT: re-signed delegation 304 bytes: bad-magic 32
// CHECK-NEXT: re-signed delegation 304 bytes: bad-version 16
// CHECK-NEXT: re-signed delegation 304 bytes: bad-field 75
// CHECK-NEXT: re-signed delegation 304 bytes: no-object 128
// CHECK-NEXT: re-signed delegation 304 bytes: wrong-key 128
// CHECK-NEXT: re-signed delegation 304 bytes: bad-signature 901
// CHECK-NEXT: re-signed delegation 304 bytes: accepted 0
// CHECK-NEXT: re-signed delegation 304 bytes: rejected 1280 of 1280
// CHECK-NEXT: re-signed delegation 304 bytes: rejected at link 1: 1280
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <twz/twz.h>

#include "../run/Inputs/check.h" /* CHECK_OK */

/* Statuses in the order printed, with short names. */
static const struct {
  enum twz_sec_status s;
  const char *name;
} shown[] = {
    {TWZ_SEC_TRUNCATED, "truncated"},   {TWZ_SEC_BAD_MAGIC, "bad-magic"},
    {TWZ_SEC_BAD_VERSION, "bad-version"}, {TWZ_SEC_BAD_FIELD, "bad-field"},
    {TWZ_SEC_NO_OBJECT, "no-object"},   {TWZ_SEC_WRONG_KEY, "wrong-key"},
    {TWZ_SEC_BAD_SIGNATURE, "bad-signature"},
};

struct tally {
  unsigned count[32];
  unsigned depth_count[TWZ_DLG_MAX_DEPTH + 1];
  unsigned total, ok, other;
};

static void count(struct tally *t, enum twz_sec_status s, unsigned depth) {
  t->total++;
  if (s == TWZ_SEC_OK) {
    t->ok++;
    return;
  }
  if ((unsigned)s < 32)
    t->count[s]++;
  else
    t->other++;
  if (depth <= TWZ_DLG_MAX_DEPTH)
    t->depth_count[depth]++;
}

static void report(const char *what, size_t len, const struct tally *t, unsigned depth) {
  unsigned known = 0;
  for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
    printf("%s %zu bytes: %s %u\n", what, len, shown[i].name, t->count[shown[i].s]);
    known += t->count[shown[i].s];
  }
  printf("%s %zu bytes: accepted %u\n", what, len, t->ok);
  /* Any reason not listed above shows up as a difference here. */
  printf("%s %zu bytes: rejected %u of %u\n", what, len, known, t->total);
  printf("%s %zu bytes: rejected at link %u: %u\n", what, len, depth, t->depth_count[depth]);
}

/* Flip each bit of blob in turn and verify the result. */
static void flip_all(const struct twz_sec_env *env, const char *what, const uint8_t *blob,
                     size_t len, unsigned depth) {
  uint8_t *b = malloc(len);
  struct tally t = {0};
  for (size_t bit = 0; bit < len * 8; bit++) {
    struct twz_sec_result r;
    memcpy(b, blob, len);
    b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    enum twz_sec_status s = twz_sec_verify(env, b, len, &r);
    count(&t, s, r.depth);
  }
  report(what, len, &t, depth);
  free(b);
}

static void expect_valid(const struct twz_sec_env *env, const char *what, const void *b,
                         size_t len, const twz_id *holder, const char *holder_name) {
  struct twz_sec_result r;
  char p[6];
  enum twz_sec_status s = twz_sec_verify(env, b, len, &r);
  if (s != TWZ_SEC_OK || memcmp(r.holder, holder->b, 16)) {
    printf("%s: NOT VALID: %s\n", what, twz_sec_status_text(s));
    exit(1);
  }
  printf("%s: valid, grants %s to %s\n", what, twz_perm_format(r.perms, p), holder_name);
}

int main(void) {
  twz_id key, ckey;
  uint8_t sk[TWZ_SK_BYTES], csk[TWZ_SK_BYTES];
  /* Two keys: `key` protects the object, `ckey` the contexts. */
  CHECK_OK(twz_key_create("key", "object passphrase", &key) == 0);
  CHECK_OK(twz_key_create("ckey", "context passphrase", &ckey) == 0);
  twz_object *obj, *ctx, *dctx;
  CHECK_OK(obj = twz_object_create("obj"));
  CHECK_OK(twz_object_protect(obj, &key, 0) == 0);
  CHECK_OK(ctx = twz_ctx_create("ctx", &ckey));
  CHECK_OK(dctx = twz_ctx_create("dctx", &ckey));
  CHECK_OK(twz_key_unseal(&key, "object passphrase", sk) == 0);
  CHECK_OK(twz_key_unseal(&ckey, "context passphrase", csk) == 0);

  struct twz_sec_env env;
  twz_sec_hosted_env(&env);

  /* The capability: r on obj for ctx. */
  struct twz_cap cap = {0};
  twz_id oid = twz_object_id(obj), cid = twz_object_id(ctx), did = twz_object_id(dctx);
  memcpy(cap.target, oid.b, 16);
  memcpy(cap.accessor, cid.b, 16);
  cap.perms = TWZ_PERM_READ;
  CHECK_OK(twz_cap_sign(&cap, &key, sk) == 0);
  expect_valid(&env, "capability", &cap, sizeof cap, &cid, "ctx");
  flip_all(&env, "capability", (const uint8_t *)&cap, sizeof cap, 0);

  /* The delegation: ctx passes r on to dctx. */
  struct twz_dlg hdr = {0};
  memcpy(hdr.delegator, cid.b, 16);
  memcpy(hdr.delegatee, did.b, 16);
  hdr.mask = TWZ_PERM_READ;
  hdr.serial = 0x1234;
  uint8_t dlg[sizeof(struct twz_dlg) + sizeof cap + TWZ_SIG_BYTES];
  size_t len = twz_dlg_sign(dlg, sizeof dlg, &hdr, &cap, sizeof cap, &ckey, csk);
  CHECK_OK(len == sizeof dlg);
  expect_valid(&env, "delegation", dlg, len, &did, "dctx");
  flip_all(&env, "delegation", dlg, len, 0);

  /* Every bit of the inner capability, the delegation signed anew. */
  struct tally t = {0};
  for (size_t bit = 0; bit < sizeof cap * 8; bit++) {
    uint8_t inner[sizeof cap], b[sizeof dlg];
    struct twz_sec_result r;
    memcpy(inner, &cap, sizeof cap);
    inner[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    CHECK_OK(twz_dlg_sign(b, sizeof b, &hdr, inner, sizeof inner, &ckey, csk) == sizeof b);
    count(&t, twz_sec_verify(&env, b, sizeof b, &r), r.depth);
  }
  report("re-signed delegation", sizeof dlg, &t, 1);
  return 0;
}
