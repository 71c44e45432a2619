/* Shared by the kernel security tests (test/sysroot/kernel-sec-*.c): raw
 * native system calls, so that a test asks the kernel itself and bypasses
 * libtwz's own checks, and the setup of keys, protected objects, contexts
 * and capabilities with the libtwz C API.
 *
 * Keys are made here (make_key) rather than with twz_key_create: on the
 * kernel a process has its context's rights on every object, and a key's
 * sealed private key object has default rights none, so twz_key_unseal can
 * never read it back there (no context can hold a capability for it before
 * the key has signed one). make_key builds the same public key object and
 * keeps the secret key in the program. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <twz/abi.h>
#include <twz/syscall.h>
#include <twz/kso.h>
#include <twz/twz.h>

#define OK(x)                                                                                      \
  do {                                                                                             \
    if (!(x)) {                                                                                    \
      fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #x, twz_error());            \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

static inline long ksys(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}

/* The kernel's rights (TWZ_PERM_*) on id, or -errno. */
static inline long k_rights(const twz_id *id) { return ksys(TWZ_SYS_OBJ_RIGHTS, (long)id->b, 0, 0); }
static inline long k_attach(const twz_id *id) { return ksys(TWZ_SYS_SCTX_ATTACH, (long)(id ? id->b : 0), 0, 0); }
static inline long k_detach(const twz_id *id) { return ksys(TWZ_SYS_SCTX_DETACH, (long)id->b, 0, 0); }
static inline long k_activate(const twz_id *id) { return ksys(TWZ_SYS_SCTX_ACTIVATE, (long)id->b, 0, 0); }
/* kso_invalidate of the view's slots [first, first + n) (id NULL) or of a context */
static inline long k_invalidate(const twz_id *id, long first, long n) {
  return ksys(TWZ_SYS_KSO_INVALIDATE, (long)(id ? id->b : 0), first, n);
}
static inline twz_id k_self(long which) {
  twz_id id = {{0}};
  long r = ksys(TWZ_SYS_KSO_SELF, which, (long)id.b, 0);
  if (r < 0)
    memset(id.b, 0xff, 16);
  return id;
}
static inline long k_verify(const void *b, size_t len) { return ksys(TWZ_SYS_SEC_VERIFY, (long)b, (long)len, 0); }
static inline long k_delete(const twz_id *id) { return ksys(TWZ_SYS_OBJ_DELETE, (long)id->b, 0, 0); }
static inline long k_stat(const twz_id *id) { return ksys(TWZ_SYS_OBJ_STAT, (long)id->b, 0, 0); }
static inline long k_create_fixed(const twz_id *id) {
  uint8_t b[16];
  memcpy(b, id->b, 16);
  return ksys(TWZ_SYS_OBJ_CREATE, (long)b, TWZ_OC_FIXED_ID, 0);
}
static inline long k_view_set(uintptr_t addr, const twz_id *id, long prot) {
  return ksys(TWZ_SYS_VIEW_SET, (long)(addr >> TWZ_SLOT_BITS), (long)(id ? id->b : 0), prot);
}
/* The view's protections of the slot holding addr, or -errno. */
static inline long k_slot_prot(uintptr_t addr) {
  uint8_t id[16];
  unsigned long prot = 0;
  long r = ksys(TWZ_SYS_VIEW_GET, (long)(addr >> TWZ_SLOT_BITS), (long)id, (long)&prot);
  return r < 0 ? r : (long)prot;
}

/* "r-x--" for rights, or the errno's name for a failed call. */
static inline const char *rstr(long r) {
  static char buf[8][8];
  static int n;
  char *out = buf[n++ % 8];
  if (r >= 0)
    return twz_perm_format((uint32_t)r, out);
  switch (-r) {
  case EACCES: return "EACCES";
  case EEXIST: return "EEXIST";
  case ENOENT: return "ENOENT";
  case EINVAL: return "EINVAL";
  case EFAULT: return "EFAULT";
  case EPERM: return "EPERM";
  case EBUSY: return "EBUSY";
  case ENOSPC: return "ENOSPC";
  }
  snprintf(out, 8, "E%ld", -r);
  return out;
}

static inline const char *errname(long r) { return r == 0 ? "0" : r < 0 ? rstr(r) : "positive"; }

/* enum twz_sec_status, short. */
static inline const char *sname(long s) {
  static const char *const n[] = {"ok",           "truncated",     "bad-magic",    "bad-version",
                                  "bad-field",    "too-deep",      "no-object",    "unprotected",
                                  "no-key",       "wrong-key",     "bad-signature", "expired",
                                  "revoked",      "broken-chain",  "widens",       "wrong-holder",
                                  "wrong-target"};
  return s >= 0 && s < (long)(sizeof n / sizeof n[0]) ? n[s] : "?";
}

static inline twz_id id_of(const char *name) {
  twz_id id;
  OK(twz_name_resolve(name, &id) == 0);
  return id;
}

/* BLAKE2b-128 of an object's used bytes: data area up to alloc_top and the
 * metadata page (header and FOT entries), read through the mapping. */
static inline const char *obj_sum(twz_object *o) {
  static char hex[33];
  uint8_t h[16];
  uintptr_t b = twz_object_base(o);
  const struct twz_obj_header *hd = twz_object_header(o);
  crypto_generichash_state st;
  crypto_generichash_init(&st, NULL, 0, sizeof h);
  crypto_generichash_update(&st, (const uint8_t *)(b + TWZ_DATA_START), hd->alloc_top - TWZ_DATA_START);
  crypto_generichash_update(&st, (const uint8_t *)(b + TWZ_META_OFFSET - hd->fot_count * 32),
                            hd->fot_count * 32 + TWZ_PAGE_SIZE);
  crypto_generichash_final(&st, h, sizeof h);
  for (int i = 0; i < 16; i++)
    snprintf(hex + 2 * i, 3, "%02x", h[i]);
  return hex;
}

/* A key object as twz_key_create makes it (public key, protected by itself,
 * default r), the secret key kept in sk. */
static inline twz_object *make_key(const char *name, twz_id *kid, uint8_t sk[TWZ_SK_BYTES]) {
  twz_object *pub;
  OK(sodium_init() >= 0);
  OK(pub = twz_object_create(name));
  struct twz_key __persistent *k = twz_object_alloc(pub, sizeof *k, 8);
  OK(k);
  struct twz_key *kp = (struct twz_key *)(uintptr_t)k;
  kp->magic = TWZ_KEY_MAGIC;
  kp->version = TWZ_SEC_VERSION;
  kp->alg = TWZ_KEY_ED25519;
  crypto_sign_keypair(kp->pk, sk);
  OK(twz_object_set_root(pub, k) == 0);
  *kid = twz_object_id(pub);
  OK(twz_object_protect(pub, kid, TWZ_PERM_READ) == 0);
  return pub;
}

/* An object holding one long (its root), protected by key (or not). */
static inline twz_object *make_obj(const char *name, long value, const twz_id *key, uint32_t dflt) {
  twz_object *o;
  OK(o = twz_object_create(name));
  long __persistent *v = twz_object_alloc(o, sizeof *v, 8);
  OK(v);
  *v = value;
  OK(twz_object_set_root(o, v) == 0);
  if (key)
    OK(twz_object_protect(o, key, dflt) == 0);
  return o;
}

/* A capability for perms on target for context accessor, signed by key;
 * added to ctx unless ctx is NULL. */
static inline struct twz_cap make_cap(const twz_id *target, const twz_id *accessor, uint32_t perms,
                                      uint64_t expires, const twz_id *key,
                                      const uint8_t sk[TWZ_SK_BYTES], twz_object *ctx) {
  struct twz_cap c = {0};
  memcpy(c.target, target->b, 16);
  memcpy(c.accessor, accessor->b, 16);
  c.perms = perms;
  c.expires = expires;
  OK(twz_cap_sign(&c, key, sk) == 0);
  if (ctx)
    OK(twz_ctx_add(ctx, target, TWZ_CTX_CAP, 0, &c, sizeof c) == 0);
  return c;
}

/* A delegation from -> to of mask around inner, signed by key. */
static inline size_t make_dlg(uint8_t *out, size_t cap, const twz_id *from, const twz_id *to,
                              uint32_t mask, uint64_t expires, const void *inner, size_t inner_len,
                              const twz_id *key, const uint8_t sk[TWZ_SK_BYTES]) {
  struct twz_dlg h = {0};
  memcpy(h.delegator, from->b, 16);
  memcpy(h.delegatee, to->b, 16);
  h.mask = mask;
  h.expires = expires;
  size_t n = twz_dlg_sign(out, cap, &h, inner, inner_len, key, sk);
  OK(n == sizeof h + inner_len + TWZ_SIG_BYTES);
  return n;
}

/* Key "k"; object "obj" (value 41) protected by it, default rights r;
 * contexts "reader" (no capability: r) and "writer" (a capability for rw). */
static inline void make_reader_writer(void) {
  twz_id k;
  uint8_t sk[TWZ_SK_BYTES];
  make_key("k", &k, sk);
  twz_id o = twz_object_id(make_obj("obj", 41, &k, TWZ_PERM_READ));
  twz_object *w;
  OK(twz_ctx_create("reader", &k));
  OK(w = twz_ctx_create("writer", &k));
  twz_id wid = twz_object_id(w);
  make_cap(&o, &wid, TWZ_PERM_READ | TWZ_PERM_WRITE, 0, &k, sk, w);
}

static inline double mono_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* Run f(arg) with a SIGSEGV handler that records the fault (the kernel
 * delivers page faults as Linux does) and jumps back: 1 if f faulted, 0 if
 * it completed. The process goes on either way, so it can check afterwards
 * that a refused store changed nothing. */
static sigjmp_buf fault_jb;
static volatile uintptr_t fault_addr;
static volatile int fault_code;
static volatile long fault_err;
static void fault_catch(int sig, siginfo_t *si, void *ucv) {
  (void)sig;
  fault_addr = (uintptr_t)si->si_addr;
  fault_code = si->si_code;
  fault_err = (long)((ucontext_t *)ucv)->uc_mcontext.gregs[19]; /* REG_ERR (musl names it with _GNU_SOURCE) */
  siglongjmp(fault_jb, 1);
}
static inline int try_fault(void (*f)(void *), void *arg) {
  struct sigaction sa = {.sa_sigaction = fault_catch, .sa_flags = SA_SIGINFO | SA_NODEFER}, old;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &old);
  int faulted = sigsetjmp(fault_jb, 1);
  if (!faulted)
    f(arg);
  sigaction(SIGSEGV, &old, NULL);
  return faulted;
}
/* "fault: write at offset 0x..., SEGV_ACCERR" relative to base, or "no fault". */
static inline const char *fault_text(int faulted, uintptr_t base) {
  static char buf[96];
  if (!faulted)
    return "no fault";
  snprintf(buf, sizeof buf, "fault: %s at offset 0x%llx, %s", fault_err & 2 ? "write" : "read",
           (unsigned long long)(fault_addr - base),
           fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : fault_code == SEGV_MAPERR ? "SEGV_MAPERR" : "?");
  return buf;
}
