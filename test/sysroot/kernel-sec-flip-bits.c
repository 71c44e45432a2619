// REQUIRES: twz-kernel
// The kernel's own verifier (sec_verify, kernel/security.c over kernel
// objects) rejects every one-bit change of a signed capability and of a
// delegation, each for the reason the changed field calls for, and prints
// that reason on the console: test/security/flip-bits.c on the kernel, with
// the same counts. Then how long one kernel verification takes.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O2 %s -o %t
// RUN: %twz-boot %t > %t.out
// RUN: FileCheck %s --input-file %t.out --implicit-check-not=fault
//
// The unchanged blobs are valid for the kernel; a few flips, one per
// field, with the reason the kernel printed for each.
// CHECK:      capability: kernel says ok
// CHECK-NEXT: flip magic
// CHECK-NEXT: twz-kernel: capability rejected (link 0): not a capability or delegation (bad magic)
// CHECK-NEXT: = bad-magic
// CHECK-NEXT: flip version
// CHECK-NEXT: twz-kernel: capability rejected (link 0): unknown format version
// CHECK-NEXT: = bad-version
// CHECK-NEXT: flip perms bit 7
// CHECK-NEXT: twz-kernel: capability rejected (link 0): malformed: unknown flag or permission bits, or a bad length
// CHECK-NEXT: = bad-field
// CHECK-NEXT: flip target
// CHECK-NEXT: twz-kernel: capability rejected (link 0): the object it names cannot be read
// CHECK-NEXT: = no-object
// CHECK-NEXT: flip signer
// CHECK-NEXT: twz-kernel: capability rejected (link 0): signed by the wrong key
// CHECK-NEXT: = wrong-key
// CHECK-NEXT: flip perms bit 1 (r -> rw)
// CHECK-NEXT: twz-kernel: capability rejected (link 0): the signature does not verify (forged or altered)
// CHECK-NEXT: = bad-signature
// CHECK-NEXT: flip sig
// CHECK-NEXT: twz-kernel: capability rejected (link 0): the signature does not verify (forged or altered)
// CHECK-NEXT: = bad-signature
// CHECK-NEXT: delegation: kernel says ok
// CHECK-NEXT: flip delegation inner_len
// CHECK-NEXT: twz-kernel: delegation rejected (link 0): truncated: shorter than its format says
// CHECK-NEXT: = truncated
// CHECK-NEXT: flip inner capability perms
// CHECK-NEXT: twz-kernel: delegation rejected (link 0): the signature does not verify (forged or altered)
// CHECK-NEXT: = bad-signature
// CHECK-NEXT: re-signed around a changed capability
// CHECK-NEXT: twz-kernel: delegation rejected (link 1): the signature does not verify (forged or altered)
// CHECK-NEXT: = bad-signature
//
// Every bit: the counts of test/security/flip-bits.c (the same verifier),
// nothing accepted, every rejection printed by the kernel (counted below).
// CHECK:      capability 160 bytes: truncated 0
// CHECK-NEXT: capability 160 bytes: bad-magic 32
// CHECK-NEXT: capability 160 bytes: bad-version 16
// CHECK-NEXT: capability 160 bytes: bad-field 75
// CHECK-NEXT: capability 160 bytes: no-object 128
// CHECK-NEXT: capability 160 bytes: wrong-key 128
// CHECK-NEXT: capability 160 bytes: bad-signature 901
// CHECK-NEXT: capability 160 bytes: accepted 0
// CHECK-NEXT: capability 160 bytes: rejected 1280 of 1280
// CHECK:      delegation 304 bytes: truncated 30
// CHECK-NEXT: delegation 304 bytes: bad-magic 32
// CHECK-NEXT: delegation 304 bytes: bad-version 16
// CHECK-NEXT: delegation 304 bytes: bad-field 45
// CHECK-NEXT: delegation 304 bytes: no-object 128
// CHECK-NEXT: delegation 304 bytes: wrong-key 128
// CHECK-NEXT: delegation 304 bytes: bad-signature 2053
// CHECK-NEXT: delegation 304 bytes: accepted 0
// CHECK-NEXT: delegation 304 bytes: rejected 2432 of 2432
//
// Every bit of the inner capability, the delegation signed anew by the
// delegator: the inner link's own checks catch every flip, at link 1.
// CHECK:      re-signed delegation 304 bytes: truncated 0
// CHECK-NEXT: re-signed delegation 304 bytes: bad-magic 32
// CHECK-NEXT: re-signed delegation 304 bytes: bad-version 16
// CHECK-NEXT: re-signed delegation 304 bytes: bad-field 75
// CHECK-NEXT: re-signed delegation 304 bytes: no-object 128
// CHECK-NEXT: re-signed delegation 304 bytes: wrong-key 128
// CHECK-NEXT: re-signed delegation 304 bytes: bad-signature 901
// CHECK-NEXT: re-signed delegation 304 bytes: accepted 0
// CHECK-NEXT: re-signed delegation 304 bytes: rejected 1280 of 1280
// CHECK-NEXT: unchanged again: capability ok, delegation ok
//
// Timing (the numbers depend on the host; QEMU TCG emulates the CPU).
// CHECK:      time: kernel sec_verify, valid capability (1 link): {{[0-9]+}} us
// CHECK-NEXT: time: kernel sec_verify, valid delegation (2 links): {{[0-9]+}} us
// CHECK-NEXT: time: kernel sec_verify, valid delegation (3 links): {{[0-9]+}} us
// CHECK-NEXT: time: kernel sec_verify, bad magic (no signature check): {{[0-9]+}} us
// CHECK-NEXT: time: user-space Ed25519 verify alone (same libsodium): {{[0-9]+}} us
// CHECK-NEXT: time: kernel obj_stat of a missing object (a system call): {{[0-9]+}} us
//
// The kernel printed one line per rejected flip: 1280 about the capability
// at link 0; for the delegation, 2432 at link 0, of which the 32 magic
// flips are no longer a delegation ("capability rejected").
// RUN: sed -n '/^capability flips begin/,/^capability flips end/p' %t.out | grep -c '^twz-kernel: capability rejected (link 0): ' | FileCheck %s --check-prefix=CAPLINES
// CAPLINES: 1280
// RUN: sed -n '/^delegation flips begin/,/^delegation flips end/p' %t.out | grep -c '^twz-kernel: delegation rejected (link 0): ' | FileCheck %s --check-prefix=DLGLINES
// DLGLINES: 2400
// RUN: sed -n '/^delegation flips begin/,/^delegation flips end/p' %t.out | grep -c '^twz-kernel: capability rejected (link 0): not a capability or delegation (bad magic)' | FileCheck %s --check-prefix=DLGMAGIC
// DLGMAGIC: 32
// RUN: sed -n '/^delegation flips begin/,/^delegation flips end/p' %t.out | grep -c '^twz-kernel: delegation rejected (link 0): the signature does not verify' | FileCheck %s --check-prefix=DLGSIG
// DLGSIG: 2053
// RUN: sed -n '/^re-signed delegation flips begin/,/^re-signed delegation flips end/p' %t.out | grep -c '^twz-kernel: delegation rejected (link 1): ' | FileCheck %s --check-prefix=RESIGNED
// RESIGNED: 1280
#include "Inputs/ksec.h"

static const struct {
  long s;
  const char *name;
} shown[] = {{TWZ_SEC_TRUNCATED, "truncated"},     {TWZ_SEC_BAD_MAGIC, "bad-magic"},
             {TWZ_SEC_BAD_VERSION, "bad-version"}, {TWZ_SEC_BAD_FIELD, "bad-field"},
             {TWZ_SEC_NO_OBJECT, "no-object"},     {TWZ_SEC_WRONG_KEY, "wrong-key"},
             {TWZ_SEC_BAD_SIGNATURE, "bad-signature"}};

static void report(const char *what, size_t len, const unsigned count[32], unsigned total) {
  unsigned known = 0;
  for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
    printf("%s %zu bytes: %s %u\n", what, len, shown[i].name, count[shown[i].s]);
    known += count[shown[i].s];
  }
  printf("%s %zu bytes: accepted %u\n", what, len, count[TWZ_SEC_OK]);
  /* Any reason not listed above shows up as a difference here. */
  printf("%s %zu bytes: rejected %u of %u\n", what, len, known, total);
}

/* Flip each bit of blob in turn; the kernel verifies each result. */
static void flip_all(const char *what, const uint8_t *blob, size_t len) {
  unsigned count[32] = {0}, total = 0;
  uint8_t *b = malloc(len);
  printf("%s flips begin\n", what);
  for (size_t bit = 0; bit < len * 8; bit++) {
    memcpy(b, blob, len);
    b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    long s = k_verify(b, len);
    OK(s >= 0 && s < 32);
    count[s]++;
    total++;
  }
  printf("%s flips end\n", what);
  report(what, len, count, total);
  free(b);
}

/* One flip at byte off (xor x), with its label. */
static void flip_one(const char *label, const void *blob, size_t len, size_t off, uint8_t x) {
  uint8_t b[512];
  memcpy(b, blob, len);
  b[off] ^= x;
  printf("%s\n", label);
  printf("= %s\n", sname(k_verify(b, len)));
}

static unsigned time_us(const void *b, size_t len, int n, long want) {
  double t0 = mono_us();
  for (int i = 0; i < n; i++)
    OK(k_verify(b, len) == want);
  return (unsigned)((mono_us() - t0) / n + 0.5);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  twz_id key, ckey;
  uint8_t sk[TWZ_SK_BYTES], csk[TWZ_SK_BYTES];
  make_key("key", &key, sk);
  make_key("ckey", &ckey, csk);
  twz_object *obj = make_obj("obj", 41, &key, 0), *ctx, *dctx, *ectx;
  OK(ctx = twz_ctx_create("ctx", &ckey));
  OK(dctx = twz_ctx_create("dctx", &ckey));
  OK(ectx = twz_ctx_create("ectx", &ckey));
  twz_id oid = twz_object_id(obj), cid = twz_object_id(ctx), did = twz_object_id(dctx),
         eid = twz_object_id(ectx);

  /* r on obj for ctx; ctx passes it on to dctx, which passes it on to ectx. */
  struct twz_cap cap = make_cap(&oid, &cid, TWZ_PERM_READ, 0, &key, sk, NULL);
  uint8_t dlg[sizeof(struct twz_dlg) + sizeof cap + TWZ_SIG_BYTES];
  uint8_t dlg2[2 * sizeof(struct twz_dlg) + sizeof cap + 2 * TWZ_SIG_BYTES];
  make_dlg(dlg, sizeof dlg, &cid, &did, TWZ_PERM_READ, 0, &cap, sizeof cap, &ckey, csk);
  make_dlg(dlg2, sizeof dlg2, &did, &eid, TWZ_PERM_READ, 0, dlg, sizeof dlg, &ckey, csk);

  printf("capability: kernel says %s\n", sname(k_verify(&cap, sizeof cap)));
  flip_one("flip magic", &cap, sizeof cap, 0, 0x01);
  flip_one("flip version", &cap, sizeof cap, 4, 0x02);
  flip_one("flip perms bit 7", &cap, sizeof cap, 56, 0x80);
  flip_one("flip target", &cap, sizeof cap, 8, 0x01);
  flip_one("flip signer", &cap, sizeof cap, 40, 0x01);
  flip_one("flip perms bit 1 (r -> rw)", &cap, sizeof cap, 56, 0x02);
  flip_one("flip sig", &cap, sizeof cap, 159, 0x80);
  printf("delegation: kernel says %s\n", sname(k_verify(dlg, sizeof dlg)));
  flip_one("flip delegation inner_len", dlg, sizeof dlg, 60, 0x01);
  flip_one("flip inner capability perms", dlg, sizeof dlg, 80 + 56, 0x02);
  {
    struct twz_cap changed = cap;
    changed.perms |= TWZ_PERM_WRITE;
    uint8_t b[sizeof dlg];
    make_dlg(b, sizeof b, &cid, &did, TWZ_PERM_READ, 0, &changed, sizeof changed, &ckey, csk);
    printf("re-signed around a changed capability\n");
    printf("= %s\n", sname(k_verify(b, sizeof b)));
  }

  flip_all("capability", (const uint8_t *)&cap, sizeof cap);
  flip_all("delegation", dlg, sizeof dlg);
  {
    unsigned count[32] = {0}, total = 0;
    printf("re-signed delegation flips begin\n");
    for (size_t bit = 0; bit < sizeof cap * 8; bit++) {
      uint8_t inner[sizeof cap], b[sizeof dlg];
      memcpy(inner, &cap, sizeof cap);
      inner[bit / 8] ^= (uint8_t)(1u << (bit % 8));
      make_dlg(b, sizeof b, &cid, &did, TWZ_PERM_READ, 0, inner, sizeof inner, &ckey, csk);
      long s = k_verify(b, sizeof b);
      OK(s >= 0 && s < 32);
      count[s]++;
      total++;
    }
    printf("re-signed delegation flips end\n");
    report("re-signed delegation", sizeof dlg, count, total);
  }
  printf("unchanged again: capability %s, delegation %s\n", sname(k_verify(&cap, sizeof cap)),
         sname(k_verify(dlg, sizeof dlg)));

  /* Per call, averaged: system call, copy-in, the verifier reading the
   * target's header and the key objects, Ed25519 per link. */
  struct twz_cap bad = cap;
  bad.magic ^= 1;
  unsigned t_cap = time_us(&cap, sizeof cap, 50, 0);
  unsigned t_dlg = time_us(dlg, sizeof dlg, 50, 0);
  unsigned t_dlg2 = time_us(dlg2, sizeof dlg2, 50, 0);
  unsigned t_bad = time_us(&bad, sizeof bad, 50, TWZ_SEC_BAD_MAGIC);
  const struct twz_key *kp = (const struct twz_key *)(twz_object_base(twz_object_open("key")) +
                                                      TWZ_PTR_OFFSET(twz_object_header(twz_object_open("key"))->root));
  double t0 = mono_us();
  for (int i = 0; i < 50; i++)
    OK(crypto_sign_ed25519_verify_detached(cap.sig, (const uint8_t *)&cap,
                                           offsetof(struct twz_cap, sig), kp->pk) == 0);
  unsigned t_user = (unsigned)((mono_us() - t0) / 50 + 0.5);
  twz_id missing = {{0xde, 0xad}};
  t0 = mono_us();
  for (int i = 0; i < 50; i++)
    OK(k_stat(&missing) == -ENOENT);
  unsigned t_sys = (unsigned)((mono_us() - t0) / 50 + 0.5);
  printf("time: kernel sec_verify, valid capability (1 link): %u us\n", t_cap);
  printf("time: kernel sec_verify, valid delegation (2 links): %u us\n", t_dlg);
  printf("time: kernel sec_verify, valid delegation (3 links): %u us\n", t_dlg2);
  printf("time: kernel sec_verify, bad magic (no signature check): %u us\n", t_bad);
  printf("time: user-space Ed25519 verify alone (same libsodium): %u us\n", t_user);
  printf("time: kernel obj_stat of a missing object (a system call): %u us\n", t_sys);
  return 0;
}
