/*
 * Security contexts and signed capabilities (docs/abi.md, "Security").
 *
 * The formats below are stored in objects and handed between processes, so
 * they are part of the ABI: little endian, fixed layouts, checked with
 * _Static_assert in runtime/src/abi_check.c. The verifier (runtime/src/
 * capability.c) is freestanding C on top of libsodium's Ed25519 so that the
 * kernel can use the same code; the rest of the API is the hosted runtime's.
 */
#ifndef TWZ_SECURITY_H
#define TWZ_SECURITY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* libtwz is built with hidden visibility: what its public headers declare
 * is its API (and all that libtwz.so exports). */
#pragma GCC visibility push(default)

/* Rights on an object. */
#define TWZ_PERM_READ 0x01u
#define TWZ_PERM_WRITE 0x02u
#define TWZ_PERM_EXEC 0x04u
#define TWZ_PERM_USE 0x08u /* call the object's gates (within the gate range) */
#define TWZ_PERM_DEL 0x10u /* delete the object */
#define TWZ_PERM_ALL 0x1fu

#define TWZ_SEC_VERSION 1u
#define TWZ_CAP_MAGIC 0x50414354u   /* "TCAP" */
#define TWZ_DLG_MAGIC 0x474c4454u   /* "TDLG" */
#define TWZ_KEY_MAGIC UINT64_C(0x0000594b455a5754)  /* "TWZKEY" */
#define TWZ_SKEY_MAGIC UINT64_C(0x0059454b535a5754) /* "TWZSKEY": sealed private key */
#define TWZ_CTX_MAGIC UINT64_C(0x0058544343535754)  /* "TWSCCTX" */

#define TWZ_SIG_BYTES 64
#define TWZ_PK_BYTES 32
#define TWZ_SK_BYTES 64
#define TWZ_DLG_MAX_DEPTH 8 /* links in a delegation chain, the capability included */

/*
 * A capability: the holder of the private key of `signer` lets security
 * context `accessor` access object `target` with `perms`. Valid only if
 * `signer` is the key object named in the target's header (kuid), the
 * signature verifies, it has not expired and its serial is not on the
 * signer's revocation list. The Ed25519 signature covers every byte before
 * `sig`.
 */
struct twz_cap {
  uint32_t magic;   /* TWZ_CAP_MAGIC */
  uint16_t version; /* TWZ_SEC_VERSION */
  uint16_t flags;   /* 0 */
  uint8_t target[16];
  uint8_t accessor[16];
  uint8_t signer[16]; /* key object that signed it */
  uint32_t perms;     /* TWZ_PERM_* */
  uint32_t reserved;  /* 0 */
  uint64_t gate_offset, gate_length; /* USE: gates in [offset, offset+length) */
  uint64_t expires;  /* seconds since the Unix epoch; 0 = never */
  uint64_t serial;   /* random; names the capability for revocation */
  uint8_t sig[TWZ_SIG_BYTES];
};

/*
 * A delegation: context `delegator`, which holds the inner capability or
 * delegation (the `inner_len` bytes after this header), passes on the rights
 * in `mask` to context `delegatee`. Signed with the key of the delegator
 * context (the kuid in its header); the signature covers this header (up to
 * `sig`) followed by the inner bytes, and follows them:
 *   [struct twz_dlg][inner: inner_len bytes][sig: 64 bytes]
 * A delegation can only narrow: mask must lie within the inner's rights.
 */
struct twz_dlg {
  uint32_t magic;   /* TWZ_DLG_MAGIC */
  uint16_t version; /* TWZ_SEC_VERSION */
  uint16_t flags;   /* 0 */
  uint8_t delegator[16];
  uint8_t delegatee[16];
  uint8_t signer[16]; /* key object of the delegator context */
  uint32_t mask;      /* TWZ_PERM_* passed on */
  uint32_t inner_len;
  uint64_t expires;
  uint64_t serial;
};

/* Root of a public key object. */
#define TWZ_KEY_ED25519 1u
#define TWZ_KEY_REVOKED_MAX 1000u
struct twz_key {
  uint64_t magic; /* TWZ_KEY_MAGIC */
  uint32_t version, alg; /* TWZ_SEC_VERSION, TWZ_KEY_ED25519 */
  uint8_t pk[TWZ_PK_BYTES];
  uint8_t secret[16]; /* ID of the object holding the sealed private key */
  uint64_t nrevoked;  /* serials of revoked capabilities and delegations */
  uint64_t revoked[TWZ_KEY_REVOKED_MAX];
};

/* Root of a private key object: the Ed25519 secret key sealed with
 * crypto_secretbox (XSalsa20-Poly1305) under a key derived from a
 * passphrase with crypto_pwhash (Argon2id, the given limits and salt). */
struct twz_sealed_key {
  uint64_t magic; /* TWZ_SKEY_MAGIC */
  uint32_t version, alg;
  uint8_t pub[16]; /* ID of the public key object */
  uint8_t salt[16];
  uint64_t opslimit, memlimit;
  uint8_t nonce[24];
  uint8_t sealed[TWZ_SK_BYTES + 16]; /* secret key + MAC */
};

/*
 * Root of a security context object. Entries say, per target object, a
 * mask (TWZ_CTX_MASK) or where a capability or delegation chain lies inside
 * the context object (object offsets). The context's own key (kuid of its
 * header) signs the delegations it makes.
 */
#define TWZ_CTX_MAX 512u
#define TWZ_CTX_CAP 1u
#define TWZ_CTX_DLG 2u
#define TWZ_CTX_MASK 3u
struct twz_ctx_entry {
  uint8_t target[16];
  uint32_t kind; /* TWZ_CTX_* */
  uint32_t mask; /* TWZ_CTX_MASK: rights this context may use on target */
  uint64_t offset, len; /* TWZ_CTX_CAP/DLG: the blob, in this object */
};
struct twz_ctx {
  uint64_t magic; /* TWZ_CTX_MAGIC */
  uint32_t version;
  uint32_t global_mask; /* rights this context may use on any object */
  uint64_t count;
  uint64_t reserved;
  struct twz_ctx_entry entries[TWZ_CTX_MAX];
};

/* ---- Verification (runtime/src/capability.c; kernel-ready) ---- */

/* Why a capability or delegation is (in)valid, most specific first. */
enum twz_sec_status {
  TWZ_SEC_OK = 0,
  TWZ_SEC_TRUNCATED,   /* shorter than its format says */
  TWZ_SEC_BAD_MAGIC,   /* not a capability or delegation */
  TWZ_SEC_BAD_VERSION, /* format version this verifier does not know */
  TWZ_SEC_BAD_FIELD,   /* unknown flag or permission bits, nonzero reserved */
  TWZ_SEC_TOO_DEEP,    /* delegation chain longer than TWZ_DLG_MAX_DEPTH */
  TWZ_SEC_NO_OBJECT,   /* the target (or delegator context) cannot be read */
  TWZ_SEC_UNPROTECTED, /* the target (or delegator context) has no key */
  TWZ_SEC_NO_KEY,      /* the signer's key object cannot be read */
  TWZ_SEC_WRONG_KEY,   /* signer is not the key that protects the target/delegator */
  TWZ_SEC_BAD_SIGNATURE,
  TWZ_SEC_EXPIRED,
  TWZ_SEC_REVOKED,
  TWZ_SEC_BROKEN_CHAIN, /* delegator does not hold the inner capability */
  TWZ_SEC_WIDENS,       /* delegation passes on rights the inner does not grant */
  TWZ_SEC_WRONG_HOLDER, /* valid, but held by another context */
  TWZ_SEC_WRONG_TARGET, /* valid, but for another object than the entry says */
};

/* What the verifier needs to know about the world; the hosted runtime and
 * the kernel each supply their own. Functions return 0 on success, -1 if the
 * object/key is unknown. */
struct twz_sec_env {
  /* The key object protecting `object` (its header's kuid; all zero if none). */
  int (*object_key)(void *arg, const uint8_t object[16], uint8_t key[16]);
  /* Public key stored in key object `key`. */
  int (*public_key)(void *arg, const uint8_t key[16], uint8_t pk[TWZ_PK_BYTES]);
  /* 1 if `serial` is on key object `key`'s revocation list, else 0. */
  int (*revoked)(void *arg, const uint8_t key[16], uint64_t serial);
  uint64_t now; /* seconds since the Unix epoch */
  void *arg;
};

/* Result of verifying one blob. On failure, `depth` is the link that failed
 * (0 = the outermost) and the fields describe that link. */
struct twz_sec_result {
  enum twz_sec_status status;
  unsigned depth;
  uint32_t perms;        /* rights granted (OK), or the failing link's rights */
  uint32_t inner_perms;  /* TWZ_SEC_WIDENS: what the inner grants */
  uint8_t target[16];    /* object the chain grants access to */
  uint8_t holder[16];    /* context that may use it (accessor/delegatee) */
  uint8_t signer[16];    /* the failing (or outermost) link's signer */
  uint8_t expected[16];  /* WRONG_KEY: the key that should have signed; BROKEN_CHAIN: inner holder */
  uint64_t gate_offset, gate_length;
  uint64_t expires, serial; /* of the failing (or outermost) link */
};

/* Verify a capability or delegation chain of `len` bytes. */
enum twz_sec_status twz_sec_verify(const struct twz_sec_env *env, const void *blob, size_t len,
                                   struct twz_sec_result *res);

/* Size in bytes of the capability or delegation at `blob` as its header
 * says (0 if it is neither or is shorter than its header). */
size_t twz_sec_blob_size(const void *blob, size_t avail);

/* Rights of context `ctx_id` (whose root struct twz_ctx, inside an object
 * of which `ctx_base` is mapped, is at `ctx`) on object `target` with header
 * key `kuid` and default rights `dflt`. `each`, if not NULL, is told the
 * outcome of every entry that names `target`. Unprotected objects (kuid all
 * zero) get every right; masks apply in both cases. */
uint32_t twz_sec_rights(const struct twz_sec_env *env, const uint8_t ctx_id[16],
                        const uint8_t *ctx_base, const struct twz_ctx *ctx,
                        const uint8_t target[16], const uint8_t kuid[16], uint32_t dflt,
                        void (*each)(void *arg, const struct twz_ctx_entry *e,
                                     const struct twz_sec_result *r),
                        void *arg);

/* One-line English reason for a status ("the signature does not verify"). */
const char *twz_sec_status_text(enum twz_sec_status s);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif
