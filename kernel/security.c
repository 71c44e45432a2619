/* The kernel's own access check: the rights a process's security context
 * object grants on an object, computed with runtime/src/capability.c (the
 * verifier libtwz uses, compiled into the kernel) over kernel objects. The
 * result bounds every view slot's protections (view.c) and object deletion
 * (syscall.c); user space cannot widen it.
 *
 * Without an attached context a process has the rights of an empty one:
 * every right on an unprotected object (no key in its header), the
 * object's default rights on a protected one (docs/kernel.md). */
#include "object.h"
#include <twz/abi.h>
#include <twz/security.h>

#define CTX_BLOB_MAX 65536u       /* bytes of one entry's blob (sec_verify's limit too) */
#define CTX_BLOBS_MAX (1u << 20)  /* bytes of blobs copied per check */

/* o's header, if o has one (its magic is published). */
static int read_header(struct object *o, struct twz_obj_header *h) {
  object_read(o, TWZ_META_OFFSET, h, sizeof *h);
  return h->magic == TWZ_OBJ_MAGIC ? 0 : -1;
}

/* The offset of o's root datum of `size` bytes (an intra-object stored
 * pointer in the header). */
static int root_offset(struct object *o, uint64_t size, uint64_t *off) {
  struct twz_obj_header h;
  if (read_header(o, &h) < 0 || !h.root || h.root >= TWZ_SLOT_SIZE || h.root < TWZ_DATA_START ||
      h.root > TWZ_DATA_END - size)
    return -1;
  *off = h.root;
  return 0;
}

static int env_object_key(void *arg, const uint8_t object[16], uint8_t key[16]) {
  struct twz_obj_header h;
  struct object *o = object_lookup(object);
  if (!o || read_header(o, &h) < 0)
    return -1;
  memcpy(key, h.kuid, 16);
  return 0;
}

/* Key objects (struct twz_key, ~8 KiB) and contexts (~20 KiB) are far
 * bigger than a 16 KiB kernel stack: only their fixed parts are copied to
 * the stack, the rest is read in place. */
struct ctx_head {
  uint64_t magic;
  uint32_t version, global_mask;
  uint64_t count;
};
_Static_assert(sizeof(struct ctx_head) == __builtin_offsetof(struct twz_ctx, reserved),
               "struct ctx_head is the head of struct twz_ctx");

struct key_head {
  uint64_t magic;
  uint32_t version, alg;
  uint8_t pk[TWZ_PK_BYTES];
  uint8_t secret[16];
  uint64_t nrevoked;
};
_Static_assert(sizeof(struct key_head) == __builtin_offsetof(struct twz_key, revoked),
               "struct key_head is the head of struct twz_key");

static struct object *read_key(const uint8_t key[16], struct key_head *k, uint64_t *off) {
  struct object *o = object_lookup(key);
  if (!o || root_offset(o, sizeof(struct twz_key), off) < 0)
    return 0;
  object_read(o, *off, k, sizeof *k);
  return k->magic == TWZ_KEY_MAGIC && k->alg == TWZ_KEY_ED25519 ? o : 0;
}

static int env_public_key(void *arg, const uint8_t key[16], uint8_t pk[TWZ_PK_BYTES]) {
  struct key_head k;
  uint64_t off;
  if (!read_key(key, &k, &off))
    return -1;
  memcpy(pk, k.pk, TWZ_PK_BYTES);
  return 0;
}

static int env_revoked(void *arg, const uint8_t key[16], uint64_t serial) {
  struct key_head k;
  uint64_t off, s;
  struct object *o = read_key(key, &k, &off);
  if (!o)
    return 1; /* cannot tell: treat as revoked */
  for (uint64_t i = 0; i < k.nrevoked && i < TWZ_KEY_REVOKED_MAX; i++) {
    object_read(o, off + sizeof k + 8 * i, &s, 8);
    if (s == serial)
      return 1;
  }
  return 0;
}

void sec_env(struct twz_sec_env *env) {
  *env = (struct twz_sec_env){.object_key = env_object_key,
                              .public_key = env_public_key,
                              .revoked = env_revoked,
                              .now = clock_real_ns() / 1000000000ull};
}

static void hex(char out[33], const uint8_t id[16]) {
  static const char d[] = "0123456789abcdef";
  for (int i = 0; i < 16; i++)
    out[2 * i] = d[id[i] >> 4], out[2 * i + 1] = d[id[i] & 15];
  out[32] = 0;
}

/* Every entry of a context that fails is reported on the console once per
 * check, with the verifier's reason: the kernel's answer to "why". */
static void report(void *arg, const struct twz_ctx_entry *e, const struct twz_sec_result *r) {
  if (r->status == TWZ_SEC_OK)
    return;
  char ctx[33], target[33];
  hex(ctx, arg), hex(target, e->target);
  kprintf("twz-kernel: security context %s: %s for %s (link %u): %s\n", ctx,
          e->kind == TWZ_CTX_DLG ? "delegation" : "capability", target, r->depth,
          twz_sec_status_text(r->status));
}

int sec_attached(struct proc *p, const uint8_t id[16]) {
  for (int i = 0; i < p->nsctx; i++)
    if (!memcmp(p->sctx_id[i], id, 16))
      return i;
  return -1;
}

/* Attaching takes the use right on the context object, as the active
 * context computes it (or an empty one: the object's default rights). So
 * a context whose masks lack u confines its process to the contexts it
 * has, and a context protected without default u can be entered only with
 * a capability for it. */
int sec_attach(struct proc *p, const uint8_t ctx_id[16]) {
  struct ctx_head c;
  uint64_t off;
  struct object *co = object_lookup(ctx_id);
  if (!co)
    return -ENOENT;
  if (root_offset(co, sizeof(struct twz_ctx), &off) < 0)
    return -EINVAL;
  object_read(co, off, &c, sizeof c);
  if (c.magic != TWZ_CTX_MAGIC || c.version != TWZ_SEC_VERSION)
    return -EINVAL;
  if (sec_attached(p, ctx_id) >= 0)
    return -EEXIST;
  if (p->nsctx == NSCTX)
    return -ENOSPC;
  if (!(sec_rights(p, co) & TWZ_PERM_USE))
    return -EACCES;
  struct sctx *s = space_get(ctx_id); /* the context's space, shared (objspace.c) */
  if (!s)
    return -ENOMEM;
  p->space[p->nsctx] = s;
  memcpy(p->sctx_id[p->nsctx++], ctx_id, 16);
  view_forget(p, ctx_id); /* p may read it now: its own right, not the context's */
  if (p->active < 0)
    return sec_activate(p, ctx_id);
  kso_proc_sync(p);
  return 0;
}

/* The active context cannot go: a process that has run in a context never
 * runs without one again (that would lift its masks). */
int sec_detach(struct proc *p, const uint8_t ctx_id[16]) {
  int i = sec_attached(p, ctx_id);
  if (i < 0)
    return -ENOENT;
  if (i == p->active)
    return -EBUSY;
  space_put(p->space[i]);
  memmove(p->sctx_id[i], p->sctx_id[i + 1], (size_t)(p->nsctx - i - 1) * 16);
  memmove(&p->space[i], &p->space[i + 1], (size_t)(p->nsctx - i - 1) * sizeof p->space[0]);
  memset(p->sctx_id[--p->nsctx], 0, 16);
  p->space[p->nsctx] = 0;
  view_forget(p, ctx_id);
  if (p->active > i)
    p->active--;
  kso_proc_sync(p);
  return 0;
}

int sec_activate(struct proc *p, const uint8_t ctx_id[16]) {
  int i = sec_attached(p, ctx_id);
  if (i < 0)
    return -ENOENT;
  if (p->active < 0)
    space_put(p->sctx); /* "no context" is never active again */
  p->active = i;
  p->sctx = p->space[i]; /* N_CR3 under nested paging */
  view_recheck(p);
  kso_proc_sync(p);
  return 0;
}

/* p's rights: a kernel state object's fixed rule (kso.c), else its active
 * context's, and p may always read the contexts it has attached (libtwz
 * does, to find its capabilities; changing one takes a capability like any
 * object). The last two are p's own: objspace.c gives objects they apply
 * to a slot of p's own. */
uint32_t sec_rights(struct proc *p, struct object *o) {
  if (o->kso)
    return kso_rights(p, o);
  uint32_t rights = sec_ctx_rights(p->active >= 0 ? p->sctx_id[p->active] : 0, o);
  if (sec_attached(p, o->id) >= 0)
    rights |= TWZ_PERM_READ;
  return rights;
}

/* What context ctx_id (NULL: none active) alone grants on o: the same for
 * every process in it, so a context's nested table can be shared. */
uint32_t sec_ctx_rights(const uint8_t *ctx_id, struct object *o) {
  struct twz_obj_header h;
  static const uint8_t none[16];
  if (o->kso)
    return 0; /* only kso_rights give rights on a KSO */
  int valid = read_header(o, &h) == 0;
  const uint8_t *kuid = valid ? h.kuid : none;
  uint32_t dflt = valid ? h.dflt_prot : TWZ_PERM_ALL;
  struct object *co = ctx_id ? object_lookup(ctx_id) : 0;
  uint64_t off;
  if (!co) { /* no context (or it was deleted): an empty one */
    int unprotected = !memcmp(kuid, none, 16);
    return ctx_id ? 0 : unprotected ? TWZ_PERM_ALL : dflt & TWZ_PERM_ALL;
  }
  if (root_offset(co, sizeof(struct twz_ctx), &off) < 0)
    return 0;
  /* A private copy of the context: its root at TWZ_DATA_START, then the
   * blob of every entry that names o, each at a new offset (entries for
   * other objects are never read). Blobs are read with no page boundaries
   * in the way, and another process cannot change them during the check.
   * The blobs are copied one by one, not the context's whole data area:
   * libtwz puts an object's 1 MiB undo log there, so a context's blobs
   * usually lie more than 1 MiB in. A blob too big for the copy reads as
   * truncated. */
  uint64_t need = 0, n;
  {
    struct ctx_head head;
    struct twz_ctx_entry e;
    object_read(co, off, &head, sizeof head);
    n = head.count < TWZ_CTX_MAX ? head.count : TWZ_CTX_MAX;
    for (uint64_t i = 0; i < n; i++) {
      object_read(co, off + __builtin_offsetof(struct twz_ctx, entries) + i * sizeof e, &e, sizeof e);
      if (!memcmp(e.target, o->id, 16) && e.kind != TWZ_CTX_MASK && e.len <= CTX_BLOB_MAX)
        need += (e.len + 7) & ~7ull;
    }
  }
  if (need > CTX_BLOBS_MAX)
    need = CTX_BLOBS_MAX;
  /* Only the n entries in use are copied (the whole struct is 20 KiB, and
   * copying it made every check cost ~70 us more under TCG); count is
   * clamped to them, should a writer have raised it since. */
  uint64_t ctx_len = __builtin_offsetof(struct twz_ctx, entries) + n * sizeof(struct twz_ctx_entry);
  uint64_t base = TWZ_DATA_START + ((ctx_len + 7) & ~7ull);
  uint64_t len = base + need;
  uint64_t pages = (len + 4095) / 4096;
  uint64_t pa = pmm_alloc_n(pages);
  if (!pa)
    return 0;
  uint8_t *snap = P2V(pa);
  object_read(co, off, snap + TWZ_DATA_START, ctx_len);
  struct twz_ctx *c = (struct twz_ctx *)(snap + TWZ_DATA_START);
  if (c->count > n)
    c->count = n;
  uint32_t rights = 0;
  if (c->magic == TWZ_CTX_MAGIC && c->version == TWZ_SEC_VERSION) {
    uint64_t pos = base;
    for (uint64_t i = 0; i < c->count && i < TWZ_CTX_MAX; i++) {
      struct twz_ctx_entry *e = &c->entries[i];
      if (memcmp(e->target, o->id, 16) || e->kind == TWZ_CTX_MASK)
        continue;
      uint64_t room = pos < len ? len - pos : 0; /* the entries may have changed since */
      if (e->len <= CTX_BLOB_MAX && e->len <= room && e->offset >= TWZ_DATA_START &&
          e->offset <= TWZ_DATA_END && e->len <= TWZ_DATA_END - e->offset) {
        object_read(co, e->offset, snap + pos, e->len);
        e->offset = pos;
        pos += (e->len + 7) & ~7ull;
      } else {
        e->offset = 0; /* reads as truncated, never past the copy */
      }
    }
    struct twz_sec_env env;
    sec_env(&env);
    rights = twz_sec_rights(&env, ctx_id, snap, c, o->id, kuid, dflt, report, (void *)ctx_id);
  }
  pmm_free_n(pa, pages);
  return rights;
}

int sec_verify_blob(const void *blob, uint64_t len) {
  struct twz_sec_env env;
  struct twz_sec_result r;
  sec_env(&env);
  enum twz_sec_status st = twz_sec_verify(&env, blob, len, &r);
  if (st != TWZ_SEC_OK)
    kprintf("twz-kernel: %s rejected (link %u): %s\n",
            len >= 4 && *(const uint32_t *)blob == TWZ_DLG_MAGIC ? "delegation" : "capability",
            r.depth, twz_sec_status_text(st));
  return (int)st;
}
