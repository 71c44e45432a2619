/*
 * Security on the hosted back end: key objects (public key + sealed private
 * key), signing capabilities and delegations, security context objects, the
 * attached context of this process, the rights each mapping gets, and the
 * access fault when compiled code uses a right it lacks. Verification itself
 * is capability.c, shared with the kernel.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <sodium.h>

#include "backend.h"
#include "error.h"
#include "id.h"
#include "log.h"
#include "object.h"
#include "sec.h"
#include "slots.h"
#include "store.h"

static const uint8_t zero_id[16];

static int sodium_ready(void) {
  if (sodium_init() < 0)
    return twz_set_error("libsodium failed to initialise");
  return 0;
}

static void *at(const struct twz_object *obj, uint64_t off) { return (void *)(obj->base + off); }

/* ---- Reading keys and headers for the verifier, without mapping ---- */

/* The root offset of an object, read from its file: key objects are read
 * this way so that verifying never maps them (a mapping would carry rights). */
static int read_root(const uint8_t id[16], struct twz_obj_header *h, uint64_t *root_off) {
  if (twz_store_pread((const twz_id *)id, TWZ_META_OFFSET, h, sizeof *h) < 0 ||
      h->magic != TWZ_OBJ_MAGIC || memcmp(h->id, id, 16) != 0)
    return -1;
  if (root_off) {
    if (!h->root || TWZ_PTR_INDEX(h->root) != 0)
      return -1;
    *root_off = TWZ_PTR_OFFSET(h->root);
  }
  return 0;
}

static int env_object_key(void *arg, const uint8_t object[16], uint8_t key[16]) {
  (void)arg;
  struct twz_obj_header h;
  if (read_root(object, &h, NULL) < 0)
    return -1;
  memcpy(key, h.kuid, 16);
  return 0;
}

static int read_key(const uint8_t key[16], struct twz_key *k, size_t len) {
  struct twz_obj_header h;
  uint64_t off;
  if (read_root(key, &h, &off) < 0 || off > TWZ_DATA_END - sizeof *k ||
      twz_store_pread((const twz_id *)key, off, k, len) < 0)
    return -1;
  return k->magic == TWZ_KEY_MAGIC && k->alg == TWZ_KEY_ED25519 ? 0 : -1;
}

static int env_public_key(void *arg, const uint8_t key[16], uint8_t pk[TWZ_PK_BYTES]) {
  (void)arg;
  struct twz_key k;
  if (read_key(key, &k, offsetof(struct twz_key, revoked)) < 0)
    return -1;
  memcpy(pk, k.pk, TWZ_PK_BYTES);
  return 0;
}

static int env_revoked(void *arg, const uint8_t key[16], uint64_t serial) {
  (void)arg;
  struct twz_key *k = malloc(sizeof *k);
  if (!k || read_key(key, k, sizeof *k) < 0) {
    free(k);
    return 1; /* cannot tell: treat as revoked (the key was readable a moment ago) */
  }
  int hit = 0;
  for (uint64_t i = 0; i < k->nrevoked && i < TWZ_KEY_REVOKED_MAX; i++)
    hit |= k->revoked[i] == serial;
  free(k);
  return hit;
}

void twz_sec_hosted_env(struct twz_sec_env *env) {
  sodium_ready(); /* picks libsodium's fastest implementations; harmless if it fails */
  *env = (struct twz_sec_env){.object_key = env_object_key,
                              .public_key = env_public_key,
                              .revoked = env_revoked,
                              .now = (uint64_t)time(NULL)};
}

/* ---- Keys ---- */

static const char *secret_suffix = ".secret";

int twz_key_create(const char *name, const char *passphrase, twz_id *key_out) {
  char sname[TWZ_NAME_MAX + 16];
  uint8_t pk[TWZ_PK_BYTES], sk[TWZ_SK_BYTES], kek[crypto_secretbox_KEYBYTES];
  if (sodium_ready() < 0 || twz_name_check(name) < 0)
    return -1;
  if (snprintf(sname, sizeof sname, "%s%s", name, secret_suffix) > TWZ_NAME_MAX)
    return twz_set_error("key name '%s' is too long (its secret object is '%s')", name, sname);
  if (!passphrase || !*passphrase)
    return twz_set_error("a key needs a non-empty passphrase to seal its private key");
  twz_object *pub = twz_object_create(name);
  twz_object *sec = pub ? twz_object_create(sname) : NULL;
  if (!sec)
    return -1;
  struct twz_key __persistent *k = twz_object_alloc(pub, sizeof *k, 8);
  struct twz_sealed_key __persistent *s = twz_object_alloc(sec, sizeof *s, 8);
  if (!k || !s)
    return -1;
  struct twz_key *kp = (struct twz_key *)(uintptr_t)k;
  struct twz_sealed_key *sp = (struct twz_sealed_key *)(uintptr_t)s;
  crypto_sign_keypair(pk, sk);
  sp->magic = TWZ_SKEY_MAGIC;
  sp->version = TWZ_SEC_VERSION;
  sp->alg = TWZ_KEY_ED25519;
  memcpy(sp->pub, pub->id.b, 16);
  randombytes_buf(sp->salt, sizeof sp->salt);
  randombytes_buf(sp->nonce, sizeof sp->nonce);
  sp->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  sp->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash(kek, sizeof kek, passphrase, strlen(passphrase), sp->salt, sp->opslimit,
                    (size_t)sp->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    sodium_memzero(sk, sizeof sk);
    return twz_set_error("cannot derive a key from the passphrase (out of memory?)");
  }
  crypto_secretbox_easy(sp->sealed, sk, sizeof sk, sp->nonce, kek);
  sodium_memzero(sk, sizeof sk);
  sodium_memzero(kek, sizeof kek);
  kp->magic = TWZ_KEY_MAGIC;
  kp->version = TWZ_SEC_VERSION;
  kp->alg = TWZ_KEY_ED25519;
  memcpy(kp->pk, pk, sizeof pk);
  memcpy(kp->secret, sec->id.b, 16);
  /* The public key is readable by every context; the sealed private key
   * only with a capability (and the passphrase). */
  if (twz_object_set_root(sec, s) < 0 || twz_object_set_root(pub, k) < 0 ||
      twz_object_flush(sec) < 0 || twz_object_flush(pub) < 0 ||
      twz_object_protect(pub, &pub->id, TWZ_PERM_READ) < 0 ||
      twz_object_protect(sec, &pub->id, 0) < 0)
    return -1;
  if (key_out)
    *key_out = pub->id;
  return 0;
}

/* The public key object's root, mapped (for the key's owner). */
static struct twz_key *key_root(const twz_id *key, twz_object **objp) {
  twz_object *obj = twz_object_open_id(key);
  if (!obj)
    return NULL;
  uint64_t root = obj->hdr->root;
  struct twz_key *k = TWZ_PTR_INDEX(root) == 0 && TWZ_PTR_OFFSET(root) >= TWZ_DATA_START &&
                              TWZ_PTR_OFFSET(root) <= TWZ_DATA_END - sizeof *k
                          ? at(obj, TWZ_PTR_OFFSET(root))
                          : NULL;
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(key, hex);
  if (!k || k->magic != TWZ_KEY_MAGIC || k->alg != TWZ_KEY_ED25519) {
    twz_set_error("object %s is not a key object", hex);
    return NULL;
  }
  *objp = obj;
  return k;
}

int twz_key_unseal(const twz_id *key, const char *passphrase, uint8_t sk[TWZ_SK_BYTES]) {
  twz_object *pobj;
  uint8_t kek[crypto_secretbox_KEYBYTES], pk[TWZ_PK_BYTES];
  char hex[TWZ_ID_STRLEN + 1];
  if (sodium_ready() < 0)
    return -1;
  struct twz_key *k = key_root(key, &pobj);
  if (!k)
    return -1;
  twz_id sid;
  memcpy(sid.b, k->secret, 16);
  memcpy(pk, k->pk, sizeof pk);
  twz_id_format(&sid, hex);
  struct twz_obj_header h;
  uint64_t off;
  struct twz_sealed_key s;
  if (read_root(sid.b, &h, &off) < 0 || off > TWZ_DATA_END - sizeof s)
    return twz_set_error("cannot read the sealed private key (object %s)", hex);
  /* Read from the store, not through a mapping: check the context's rights
   * here as a mapping would. */
  uint32_t rights = twz_sec_map_rights(&sid, &h);
  if (!(rights & TWZ_PERM_READ)) {
    char have[6];
    return twz_set_error("cannot read the sealed private key (object %s): the security context "
                         "grants %s on it, not read (r)", hex, twz_perm_format(rights, have));
  }
  if (twz_store_pread(&sid, off, &s, sizeof s) < 0 || s.magic != TWZ_SKEY_MAGIC)
    return twz_set_error("cannot read the sealed private key (object %s)", hex);
  if (memcmp(s.pub, key->b, 16) != 0)
    return twz_set_error("object %s holds the private key of another key", hex);
  if (s.opslimit > crypto_pwhash_OPSLIMIT_MAX || s.memlimit > (1ull << 32) ||
      s.opslimit < crypto_pwhash_OPSLIMIT_MIN || s.memlimit < crypto_pwhash_MEMLIMIT_MIN)
    return twz_set_error("sealed private key %s is corrupt: bad key-derivation limits", hex);
  if (crypto_pwhash(kek, sizeof kek, passphrase ? passphrase : "", passphrase ? strlen(passphrase) : 0,
                    s.salt, s.opslimit, (size_t)s.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return twz_set_error("cannot derive a key from the passphrase (out of memory?)");
  int bad = crypto_secretbox_open_easy(sk, s.sealed, sizeof s.sealed, s.nonce, kek);
  sodium_memzero(kek, sizeof kek);
  if (bad)
    return twz_set_error("wrong passphrase for key %s (the sealed private key does not "
                         "authenticate)", (twz_id_format(key, hex), hex));
  /* The secret key embeds its public half: it must match the key object. */
  if (memcmp(sk + 32, pk, 32) != 0) {
    char khex[TWZ_ID_STRLEN + 1];
    sodium_memzero(sk, TWZ_SK_BYTES);
    twz_id_format(key, khex);
    return twz_set_error("the private key sealed in %s does not match key %s's public key", hex,
                         khex);
  }
  return 0;
}

int twz_key_revoke(const twz_id *key, uint64_t serial) {
  twz_object *obj;
  struct twz_key *k = key_root(key, &obj);
  if (!k)
    return -1;
  if (twz_tx_begin(obj) < 0)
    return -1;
  uint64_t n = k->nrevoked;
  for (uint64_t i = 0; i < n && i < TWZ_KEY_REVOKED_MAX; i++)
    if (k->revoked[i] == serial)
      return twz_tx_commit(obj);
  if (n >= TWZ_KEY_REVOKED_MAX) {
    twz_tx_abort(obj);
    return twz_set_error("the key's revocation list is full (%u entries)", TWZ_KEY_REVOKED_MAX);
  }
  if (twz_rec(obj, &k->revoked[n], 8) < 0 || twz_rec(obj, &k->nrevoked, 8) < 0) {
    twz_tx_abort(obj);
    return -1;
  }
  k->revoked[n] = serial;
  k->nrevoked = n + 1;
  return twz_tx_commit(obj);
}

int twz_object_protect(twz_object *obj, const twz_id *key, uint32_t dflt) {
  if (dflt & ~TWZ_PERM_ALL)
    return twz_set_error("unknown permission bits 0x%x", dflt);
  if (obj->readonly)
    return twz_set_error("an immutable object cannot be given a key");
  if (twz_tx_begin(obj) < 0)
    return -1;
  if (twz_rec(obj, obj->hdr->kuid, 16) < 0 || twz_rec(obj, &obj->hdr->dflt_prot, 4) < 0) {
    twz_tx_abort(obj);
    return -1;
  }
  memcpy(obj->hdr->kuid, key ? key->b : zero_id, 16);
  obj->hdr->dflt_prot = dflt;
  return twz_tx_commit(obj);
}

/* ---- Signing ---- */

int twz_cap_sign(struct twz_cap *cap, const twz_id *key, const uint8_t sk[TWZ_SK_BYTES]) {
  if (sodium_ready() < 0)
    return -1;
  cap->magic = TWZ_CAP_MAGIC;
  cap->version = TWZ_SEC_VERSION;
  if (!memcmp(cap->signer, zero_id, 16))
    memcpy(cap->signer, key->b, 16);
  while (!cap->serial)
    randombytes_buf(&cap->serial, sizeof cap->serial);
  crypto_sign_detached(cap->sig, NULL, (const uint8_t *)cap, offsetof(struct twz_cap, sig), sk);
  return 0;
}

size_t twz_dlg_sign(void *out, size_t outlen, const struct twz_dlg *hdr, const void *inner,
                    size_t inner_len, const twz_id *key, const uint8_t sk[TWZ_SK_BYTES]) {
  struct twz_dlg d = *hdr;
  size_t total = sizeof d + inner_len + TWZ_SIG_BYTES;
  if (sodium_ready() < 0 || inner_len > UINT32_MAX || total > outlen)
    return 0;
  d.magic = TWZ_DLG_MAGIC;
  d.version = TWZ_SEC_VERSION;
  d.inner_len = (uint32_t)inner_len;
  if (!memcmp(d.signer, zero_id, 16))
    memcpy(d.signer, key->b, 16);
  while (!d.serial)
    randombytes_buf(&d.serial, sizeof d.serial);
  uint8_t *o = out;
  memcpy(o, &d, sizeof d);
  memcpy(o + sizeof d, inner, inner_len);
  crypto_sign_detached(o + sizeof d + inner_len, NULL, o, sizeof d + inner_len, sk);
  return total;
}

/* ---- Context objects ---- */

static struct twz_ctx *ctx_root(twz_object *ctx) {
  uint64_t root = ctx->hdr->root;
  if (TWZ_PTR_INDEX(root) != 0 || TWZ_PTR_OFFSET(root) < TWZ_DATA_START ||
      TWZ_PTR_OFFSET(root) > TWZ_DATA_END - sizeof(struct twz_ctx))
    return NULL;
  struct twz_ctx *c = at(ctx, TWZ_PTR_OFFSET(root));
  return c->magic == TWZ_CTX_MAGIC && c->version == TWZ_SEC_VERSION ? c : NULL;
}

static int not_a_context(twz_object *ctx) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(&ctx->id, hex);
  return twz_set_error("object %s is not a security context", hex);
}

twz_object *twz_ctx_create(const char *name, const twz_id *key) {
  twz_object *obj = twz_object_create(name);
  if (!obj)
    return NULL;
  struct twz_ctx __persistent *c = twz_object_alloc(obj, sizeof(struct twz_ctx), 8);
  if (!c)
    return NULL;
  struct twz_ctx *cp = (struct twz_ctx *)(uintptr_t)c;
  cp->magic = TWZ_CTX_MAGIC;
  cp->version = TWZ_SEC_VERSION;
  cp->global_mask = TWZ_PERM_ALL;
  /* The context's key signs its delegations; other contexts may read it
   * (to verify nothing, but to list what it holds) only with a capability.
   * Every process may enter it (default u); `twz key protect` without u
   * makes entering it take a capability. */
  if (twz_object_set_root(obj, c) < 0 || (key && twz_object_protect(obj, key, TWZ_PERM_USE) < 0))
    return NULL;
  return obj;
}

int twz_ctx_add(twz_object *ctx, const twz_id *target, uint32_t kind, uint32_t mask,
                const void *blob, size_t len) {
  struct twz_ctx *c = ctx_root(ctx);
  if (!c)
    return not_a_context(ctx);
  if (kind != TWZ_CTX_MASK && kind != TWZ_CTX_CAP && kind != TWZ_CTX_DLG)
    return twz_set_error("unknown context entry kind %u", kind);
  if (c->count >= TWZ_CTX_MAX)
    return twz_set_error("the security context is full (%u entries)", TWZ_CTX_MAX);
  uint64_t off = 0;
  if (kind != TWZ_CTX_MASK) {
    void __persistent *copy = twz_object_alloc(ctx, len, 8);
    if (!copy)
      return -1;
    memcpy((void *)(uintptr_t)copy, blob, len);
    twz_persist((const void *)(uintptr_t)copy, len);
    off = (uintptr_t)copy - ctx->base;
  }
  if (twz_tx_begin(ctx) < 0)
    return -1;
  /* A mask entry for the same target is replaced, not added. */
  struct twz_ctx_entry *e = &c->entries[c->count];
  for (uint64_t i = 0; kind == TWZ_CTX_MASK && i < c->count; i++)
    if (c->entries[i].kind == TWZ_CTX_MASK && !memcmp(c->entries[i].target, target->b, 16))
      e = &c->entries[i];
  bool fresh = e == &c->entries[c->count];
  if (twz_rec(ctx, e, sizeof *e) < 0 || (fresh && twz_rec(ctx, &c->count, 8) < 0)) {
    twz_tx_abort(ctx);
    return -1;
  }
  memcpy(e->target, target->b, 16);
  e->kind = kind;
  e->mask = mask & TWZ_PERM_ALL;
  e->offset = off;
  e->len = len;
  if (fresh)
    c->count++;
  return twz_tx_commit(ctx);
}

uint32_t twz_ctx_rights(twz_object *ctx, const twz_id *target,
                        void (*each)(void *arg, const struct twz_ctx_entry *e,
                                     const struct twz_sec_result *r),
                        void *arg) {
  struct twz_sec_env env;
  struct twz_obj_header h;
  struct twz_ctx *c = ctx_root(ctx);
  if (!c || read_root(target->b, &h, NULL) < 0)
    return 0;
  twz_sec_hosted_env(&env);
  return twz_sec_rights(&env, ctx->id.b, (const uint8_t *)ctx->base, c, target->b, h.kuid,
                        h.dflt_prot, each, arg);
}

/* The entry whose verified rights add the most; its blob is what a
 * delegation from this context wraps. */
struct best {
  uint32_t perms;
  bool found;
  uint64_t offset, len;
};

static void pick_best(void *arg, const struct twz_ctx_entry *e, const struct twz_sec_result *r) {
  struct best *b = arg;
  if (r->status == TWZ_SEC_OK && (!b->found || (r->perms & ~b->perms))) {
    b->perms |= r->perms;
    b->found = true;
    b->offset = e->offset;
    b->len = e->len;
  }
}

int twz_ctx_find(twz_object *ctx, const twz_id *target, const void **blob, size_t *len) {
  if (!ctx_root(ctx))
    return not_a_context(ctx);
  struct best b = {0};
  twz_ctx_rights(ctx, target, pick_best, &b);
  if (!b.found)
    return twz_set_error("the context holds no valid capability or delegation for that object");
  *blob = at(ctx, b.offset);
  *len = (size_t)b.len;
  return 0;
}

/* ---- The attached context and the rights of mappings ---- */

static pthread_mutex_t sec_lock = PTHREAD_MUTEX_INITIALIZER;
static twz_object *_Atomic attached;
static atomic_bool env_checked; /* read without the lock by every open */
static char attached_name[TWZ_NAME_MAX + 1];

static void access_fault(int sig, siginfo_t *si, void *uc);

static int do_attach(const char *name) {
  twz_id id;
  char why[512];
  if (twz_id_parse(name, &id) < 0 && twz_name_resolve(name, &id) < 0) {
    snprintf(why, sizeof why, "%s", twz_error()); /* twz_set_error writes that buffer */
    return twz_set_error("security context '%s': %s", name, why);
  }
  /* The kernel (native back end) first: it checks that this is a context
   * and lets the process read its own context, which it may not otherwise. */
  if (twz_backend_context(&id) < 0)
    return -1;
  twz_object *obj = twz_object_open_id(&id);
  if (!obj || !ctx_root(obj))
    return obj ? not_a_context(obj) : -1; /* the kernel checked it is one: not reached there */
  /* Entering a context takes its use right, computed as the kernel does
   * for a process without a context: every right if the context object is
   * unprotected, its default rights if it is protected. */
  const struct twz_obj_header *h = obj->hdr;
  static const uint8_t none[16];
  uint32_t use = memcmp(h->kuid, none, 16) ? h->dflt_prot : TWZ_PERM_ALL;
  if (!(use & TWZ_PERM_USE)) {
    char have[6];
    return twz_set_error("security context '%s' cannot be entered: it grants %s to a process "
                         "without a context, not use (u)", name, twz_perm_format(use, have));
  }
  snprintf(attached_name, sizeof attached_name, "%s", name);
  struct sigaction sa = {.sa_sigaction = access_fault, .sa_flags = SA_SIGINFO | SA_NODEFER};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  atomic_store(&attached, obj);
  /* What was mapped before (the namespace, the context itself, objects
   * opened before twz_context_attach) had every right: narrow it now. */
  return twz_sec_narrow_mapped();
}

/* $TWZ_CONTEXT is read before main (twz_runtime_init) and, should a
 * constructor map an object first, then. An unusable value stops the
 * program: running without the context would grant every right. */
void twz_sec_init(void) {
  if (atomic_load_explicit(&env_checked, memory_order_acquire))
    return;
  pthread_mutex_lock(&sec_lock);
  if (!env_checked) {
    /* First: resolving the name maps the namespace, which comes back here. */
    atomic_store_explicit(&env_checked, true, memory_order_release);
    const char *name = getenv("TWZ_CONTEXT");
    if (name && *name && do_attach(name) < 0)
      twz_fault("TWZ_CONTEXT: %s", twz_error());
  }
  pthread_mutex_unlock(&sec_lock);
}

int twz_context_attach(const char *name) {
  twz_sec_init();
  if (atomic_load(&attached))
    return twz_set_error("this process already runs in security context '%s'", attached_name);
  pthread_mutex_lock(&sec_lock);
  int r = do_attach(name);
  pthread_mutex_unlock(&sec_lock);
  return r;
}

twz_object *twz_context(void) { return atomic_load(&attached); }

uint32_t twz_object_rights(const twz_object *obj) { return obj->rights; }

uint32_t twz_sec_map_rights(const twz_id *id, const struct twz_obj_header *h) {
  uint32_t kernel;
  if (twz_backend_rights(id, &kernel) == 0)
    return kernel; /* the layer below decides, and *h may not be readable */
  twz_object *ctx = atomic_load(&attached);
  if (!ctx)
    return TWZ_PERM_ALL;
  struct twz_ctx *c = ctx_root(ctx);
  if (!c)
    return 0;
  struct twz_sec_env env;
  twz_sec_hosted_env(&env);
  uint32_t r = twz_sec_rights(&env, ctx->id.b, (const uint8_t *)ctx->base, c, id->b, h->kuid,
                              h->dflt_prot, NULL, NULL);
  /* The runtime reads its own context; changing it takes a capability like
   * any other object, or a program could lift its own masks. */
  return twz_id_equal(id, &ctx->id) ? r | TWZ_PERM_READ : r;
}

const char *twz_perm_format(uint32_t p, char out[6]) {
  out[0] = p & TWZ_PERM_READ ? 'r' : '-';
  out[1] = p & TWZ_PERM_WRITE ? 'w' : '-';
  out[2] = p & TWZ_PERM_EXEC ? 'x' : '-';
  out[3] = p & TWZ_PERM_USE ? 'u' : '-';
  out[4] = p & TWZ_PERM_DEL ? 'd' : '-';
  out[5] = 0;
  return out;
}

int twz_perm_parse(const char *text, uint32_t *perms) {
  uint32_t p = 0;
  for (const char *c = text; *c; c++) {
    switch (*c) {
    case 'r': p |= TWZ_PERM_READ; break;
    case 'w': p |= TWZ_PERM_WRITE; break;
    case 'x': p |= TWZ_PERM_EXEC; break;
    case 'u': p |= TWZ_PERM_USE; break;
    case 'd': p |= TWZ_PERM_DEL; break;
    case '-': break;
    default:
      return twz_set_error("bad rights '%s': use the letters r w x u d (or '-' for none)", text);
    }
  }
  *perms = p;
  return 0;
}

/* A SIGSEGV in an object slot whose access the context does not allow is
 * the compiled program using a right it lacks: say which, and stop. Other
 * faults get the default action (the handler is removed and the access
 * retried). */
static void access_fault(int sig, siginfo_t *si, void *ucv) {
  uintptr_t a = (uintptr_t)si->si_addr;
  struct twz_object *obj = twz_slot_lookup(a);
  const char *what = "read", *right = "read (r)";
  uint32_t need = TWZ_PERM_READ;
#if defined(__x86_64__) && defined(REG_ERR)
  ucontext_t *uc = ucv;
  uint64_t err = (uint64_t)uc->uc_mcontext.gregs[REG_ERR];
  if (err & 0x10)
    what = "execute", right = "execute (x)", need = TWZ_PERM_EXEC;
  else if (err & 0x2)
    what = "write", right = "write (w)", need = TWZ_PERM_WRITE;
#else
  (void)ucv;
#endif
  if (obj && (a & TWZ_OFFSET_MASK) >= TWZ_NULL_PAGE_SIZE && !(obj->rights & need)) {
    char hex[TWZ_ID_STRLEN + 1], have[6];
    twz_id_format(&obj->id, hex);
    twz_fault("%s of object %s at offset 0x%llx denied: security context '%s' grants %s on it, "
              "not %s", what, hex, (unsigned long long)(a & TWZ_OFFSET_MASK), attached_name,
              twz_perm_format(obj->rights, have), right);
  }
  if (obj && need == TWZ_PERM_WRITE && obj->readonly &&
      (a & TWZ_OFFSET_MASK) >= TWZ_NULL_PAGE_SIZE) {
    char hex[TWZ_ID_STRLEN + 1];
    twz_id_format(&obj->id, hex);
    twz_fault("write to immutable object %s at offset 0x%llx", hex,
              (unsigned long long)(a & TWZ_OFFSET_MASK));
  }
  signal(sig, SIG_DFL);
}
