/*
 * Capability and delegation verification, and the rights a security
 * context has on an object. Freestanding on purpose: no libc beyond the
 * compiler's memcpy/memcmp and libsodium's Ed25519, no allocation, no
 * output, so that the kernel can check capabilities with this same file.
 * Everything read from a blob is copied to a local first (blobs live in
 * objects other processes may write) and bounds-checked before use.
 */
#include <twz/abi.h>
#include <twz/security.h>

/* libsodium's declaration, written out: <sodium.h> pulls in <stdlib.h>,
 * which a kernel does not have. Ed25519 is the format's algorithm, so the
 * explicitly named function rather than crypto_sign_verify_detached. */
int crypto_sign_ed25519_verify_detached(const unsigned char *sig, const unsigned char *m,
                                        unsigned long long mlen, const unsigned char *pk);

#define copy(d, s, n) __builtin_memcpy((d), (s), (n))
#define same(a, b, n) (__builtin_memcmp((a), (b), (n)) == 0)

static const uint8_t zero_id[16];

size_t twz_sec_blob_size(const void *blob, size_t avail) {
  uint32_t magic;
  if (avail < sizeof magic)
    return 0;
  copy(&magic, blob, sizeof magic);
  if (magic == TWZ_CAP_MAGIC)
    return avail >= sizeof(struct twz_cap) ? sizeof(struct twz_cap) : 0;
  if (magic == TWZ_DLG_MAGIC && avail >= sizeof(struct twz_dlg)) {
    struct twz_dlg d;
    copy(&d, blob, sizeof d);
    uint64_t total = (uint64_t)sizeof d + d.inner_len + TWZ_SIG_BYTES;
    return total <= avail ? (size_t)total : 0;
  }
  return 0;
}

static int has_key(const struct twz_sec_env *env, const uint8_t signer[16],
                   uint8_t pk[TWZ_PK_BYTES]) {
  return env->public_key(env->arg, signer, pk) == 0;
}

/* The key that must have signed for `object`: its header's kuid. */
static enum twz_sec_status expected_key(const struct twz_sec_env *env, const uint8_t object[16],
                                        const uint8_t signer[16], struct twz_sec_result *res) {
  if (env->object_key(env->arg, object, res->expected) < 0)
    return TWZ_SEC_NO_OBJECT;
  if (same(res->expected, zero_id, 16))
    return TWZ_SEC_UNPROTECTED;
  if (!same(res->expected, signer, 16))
    return TWZ_SEC_WRONG_KEY;
  return TWZ_SEC_OK;
}

static enum twz_sec_status verify_cap(const struct twz_sec_env *env, const uint8_t *blob,
                                      size_t len, struct twz_sec_result *res) {
  struct twz_cap c;
  uint8_t pk[TWZ_PK_BYTES];
  if (len < sizeof c)
    return TWZ_SEC_TRUNCATED;
  copy(&c, blob, sizeof c);
  copy(res->target, c.target, 16);
  copy(res->holder, c.accessor, 16);
  copy(res->signer, c.signer, 16);
  res->perms = c.perms;
  res->gate_offset = c.gate_offset;
  res->gate_length = c.gate_length;
  res->expires = c.expires;
  res->serial = c.serial;
  if (c.version != TWZ_SEC_VERSION)
    return TWZ_SEC_BAD_VERSION;
  if (c.flags || c.reserved || (c.perms & ~TWZ_PERM_ALL) || len != sizeof c)
    return TWZ_SEC_BAD_FIELD;
  enum twz_sec_status s = expected_key(env, c.target, c.signer, res);
  if (s != TWZ_SEC_OK)
    return s;
  if (!has_key(env, c.signer, pk))
    return TWZ_SEC_NO_KEY;
  if (crypto_sign_ed25519_verify_detached(c.sig, blob, __builtin_offsetof(struct twz_cap, sig), pk) != 0)
    return TWZ_SEC_BAD_SIGNATURE;
  if (c.expires && env->now >= c.expires)
    return TWZ_SEC_EXPIRED;
  if (env->revoked(env->arg, c.signer, c.serial))
    return TWZ_SEC_REVOKED;
  return TWZ_SEC_OK;
}

static enum twz_sec_status verify_at(const struct twz_sec_env *env, const uint8_t *blob, size_t len,
                                     unsigned depth, struct twz_sec_result *res);

static enum twz_sec_status verify_dlg(const struct twz_sec_env *env, const uint8_t *blob,
                                      size_t len, unsigned depth, struct twz_sec_result *res) {
  struct twz_dlg d;
  uint8_t pk[TWZ_PK_BYTES];
  if (depth + 1 >= TWZ_DLG_MAX_DEPTH)
    return TWZ_SEC_TOO_DEEP;
  if (len < sizeof d + TWZ_SIG_BYTES)
    return TWZ_SEC_TRUNCATED;
  copy(&d, blob, sizeof d);
  copy(res->holder, d.delegatee, 16);
  copy(res->signer, d.signer, 16);
  res->perms = d.mask;
  res->expires = d.expires;
  res->serial = d.serial;
  if (d.version != TWZ_SEC_VERSION)
    return TWZ_SEC_BAD_VERSION;
  if ((uint64_t)d.inner_len > len - sizeof d - TWZ_SIG_BYTES)
    return TWZ_SEC_TRUNCATED;
  if (d.flags || (d.mask & ~TWZ_PERM_ALL) || len != sizeof d + d.inner_len + TWZ_SIG_BYTES)
    return TWZ_SEC_BAD_FIELD;
  /* This link first: a change anywhere below it breaks its signature. */
  enum twz_sec_status s = expected_key(env, d.delegator, d.signer, res);
  if (s != TWZ_SEC_OK)
    return s;
  if (!has_key(env, d.signer, pk))
    return TWZ_SEC_NO_KEY;
  size_t signed_len = sizeof d + d.inner_len;
  if (crypto_sign_ed25519_verify_detached(blob + signed_len, blob, signed_len, pk) != 0)
    return TWZ_SEC_BAD_SIGNATURE;
  if (d.expires && env->now >= d.expires)
    return TWZ_SEC_EXPIRED;
  if (env->revoked(env->arg, d.signer, d.serial))
    return TWZ_SEC_REVOKED;

  struct twz_sec_result in = {0};
  s = verify_at(env, blob + sizeof d, d.inner_len, depth + 1, &in);
  if (s != TWZ_SEC_OK) {
    *res = in;
    return s;
  }
  copy(res->target, in.target, 16);
  res->gate_offset = in.gate_offset;
  res->gate_length = in.gate_length;
  if (!same(in.holder, d.delegator, 16)) {
    copy(res->expected, in.holder, 16);
    return TWZ_SEC_BROKEN_CHAIN;
  }
  res->inner_perms = in.perms;
  if (d.mask & ~in.perms)
    return TWZ_SEC_WIDENS;
  return TWZ_SEC_OK;
}

static enum twz_sec_status verify_at(const struct twz_sec_env *env, const uint8_t *blob, size_t len,
                                     unsigned depth, struct twz_sec_result *res) {
  uint32_t magic;
  enum twz_sec_status s;
  res->depth = depth;
  if (len < sizeof magic)
    return res->status = TWZ_SEC_TRUNCATED;
  copy(&magic, blob, sizeof magic);
  if (magic == TWZ_CAP_MAGIC)
    s = verify_cap(env, blob, len, res);
  else if (magic == TWZ_DLG_MAGIC)
    s = verify_dlg(env, blob, len, depth, res);
  else
    s = TWZ_SEC_BAD_MAGIC;
  return res->status = s;
}

enum twz_sec_status twz_sec_verify(const struct twz_sec_env *env, const void *blob, size_t len,
                                   struct twz_sec_result *res) {
  *res = (struct twz_sec_result){0};
  return verify_at(env, blob, len, 0, res);
}

uint32_t twz_sec_rights(const struct twz_sec_env *env, const uint8_t ctx_id[16],
                        const uint8_t *ctx_base, const struct twz_ctx *ctx,
                        const uint8_t target[16], const uint8_t kuid[16], uint32_t dflt,
                        void (*each)(void *arg, const struct twz_ctx_entry *e,
                                     const struct twz_sec_result *r),
                        void *arg) {
  int unprotected = same(kuid, zero_id, 16);
  uint32_t rights = unprotected ? TWZ_PERM_ALL : dflt & TWZ_PERM_ALL;
  uint32_t mask = ctx->global_mask & TWZ_PERM_ALL;
  uint64_t n = ctx->count < TWZ_CTX_MAX ? ctx->count : TWZ_CTX_MAX;
  for (uint64_t i = 0; i < n; i++) {
    struct twz_ctx_entry e;
    copy(&e, &ctx->entries[i], sizeof e);
    if (!same(e.target, target, 16))
      continue;
    if (e.kind == TWZ_CTX_MASK) {
      mask &= e.mask;
      continue;
    }
    struct twz_sec_result r = {0};
    if (e.kind != TWZ_CTX_CAP && e.kind != TWZ_CTX_DLG)
      r.status = TWZ_SEC_BAD_FIELD;
    else if (e.offset < TWZ_DATA_START || e.offset > TWZ_DATA_END || e.len > TWZ_DATA_END - e.offset)
      r.status = TWZ_SEC_TRUNCATED;
    else if (twz_sec_verify(env, ctx_base + e.offset, (size_t)e.len, &r) == TWZ_SEC_OK) {
      if (!same(r.holder, ctx_id, 16))
        r.status = TWZ_SEC_WRONG_HOLDER;
      else if (!same(r.target, target, 16))
        r.status = TWZ_SEC_WRONG_TARGET;
      else
        rights |= r.perms;
    }
    if (each)
      each(arg, &e, &r);
  }
  return rights & mask;
}

const char *twz_sec_status_text(enum twz_sec_status s) {
  switch (s) {
  case TWZ_SEC_OK: return "valid";
  case TWZ_SEC_TRUNCATED: return "truncated: shorter than its format says";
  case TWZ_SEC_BAD_MAGIC: return "not a capability or delegation (bad magic)";
  case TWZ_SEC_BAD_VERSION: return "unknown format version";
  case TWZ_SEC_BAD_FIELD: return "malformed: unknown flag or permission bits, or a bad length";
  case TWZ_SEC_TOO_DEEP: return "delegation chain is too long";
  case TWZ_SEC_NO_OBJECT: return "the object it names cannot be read";
  case TWZ_SEC_UNPROTECTED: return "the object it names has no key, so nothing can be signed for it";
  case TWZ_SEC_NO_KEY: return "the signing key object cannot be read";
  case TWZ_SEC_WRONG_KEY: return "signed by the wrong key";
  case TWZ_SEC_BAD_SIGNATURE: return "the signature does not verify (forged or altered)";
  case TWZ_SEC_EXPIRED: return "expired";
  case TWZ_SEC_REVOKED: return "revoked";
  case TWZ_SEC_BROKEN_CHAIN: return "broken chain: the delegator does not hold the inner capability";
  case TWZ_SEC_WIDENS: return "the delegation widens rights beyond the inner capability";
  case TWZ_SEC_WRONG_HOLDER: return "valid, but held by another security context";
  case TWZ_SEC_WRONG_TARGET: return "valid, but for another object";
  }
  return "unknown status";
}
