/*
 * pmdkkvs: twzkvs's design on PMDK's libpmemobj. The index is a pool
 * (DIR/index.pool) whose root holds a table of slots {meta, PMEMoid}; each
 * data object is a pool of its own (DIR/data.NAME.pool) holding the pairs.
 * Pointers are PMEMoids, turned into addresses by pmemobj_direct.
 *
 * A put is two PMDK transactions, as in twzkvs: the new pair in its data
 * pool (TX_BEGIN + pmemobj_tx_alloc), then the slot in the index pool
 * (pmemobj_tx_add_range_direct). PMDK pools are fixed in size (chosen from
 * the slot count at creation) and one process at a time opens a pool, so a
 * replaced pair is freed at once (a crash before that leaks it).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libpmemobj.h>

#include "peer.h"

enum { EMPTY, LIVE, DEAD };
#define META(h, d, s) ((h) >> 32 << 32 | (uint64_t)(d) << 8 | (s))
#define STATE(m) ((m) & 3)
#define DOBJ(m) ((int)((m) >> 8 & 0xff))

struct slot {
  uint64_t meta;
  PMEMoid pair;
};
struct root {
  uint64_t nslots, count, used, ndata;
  char data[KVS_DATA_MAX][KVS_DATA_NAME_MAX + 1];
  PMEMoid table; /* struct slot[nslots] */
};
struct pair {
  uint32_t klen, vlen;
  char bytes[]; /* key, NUL, value */
};

struct kvs {
  PMEMobjpool *ipop, *dpop[KVS_DATA_MAX];
  struct root *root;
  struct slot *slots;
  char dir[PATH_MAX];
};

static char msg[PATH_MAX + 256];
const char *kvs_error(void) { return msg; }

__attribute__((format(printf, 2, 3))) static int fail(int err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  errno = err;
  return -1;
}

static uint64_t hash(const char *key, size_t n) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)key[i]) * UINT64_C(0x100000001b3);
  h ^= h >> 33;
  h *= UINT64_C(0xff51afd7ed558ccd);
  return h ^ h >> 33;
}

static PMEMobjpool *data_pool(struct kvs *k, int d) { /* open (or create) data pool d */
  if (!k->dpop[d]) {
    char path[PATH_MAX + 64];
    size_t size = k->root->nslots * 160 + (16 << 20); /* room for 7/8 of the slots' pairs */
    snprintf(path, sizeof path, "%s/data.%s.pool", k->dir, k->root->data[d]);
    if (!(k->dpop[d] = pmemobj_open(path, "kvsdata")) &&
        !(k->dpop[d] = pmemobj_create(path, "kvsdata", size < PMEMOBJ_MIN_POOL ? PMEMOBJ_MIN_POOL : size, 0644)))
      fail(EACCES, "cannot open %s: %s", path, pmemobj_errormsg());
  }
  return k->dpop[d];
}

static int data_index(struct kvs *k, const char *dname) {
  struct root *r = k->root;
  int err = 0;
  for (uint64_t d = 0; d < r->ndata; d++)
    if (!strcmp(r->data[d], dname))
      return data_pool(k, (int)d) ? (int)d : -1;
  size_t len = strlen(dname);
  if (r->ndata == KVS_DATA_MAX || !len || len > KVS_DATA_NAME_MAX || strchr(dname, '/'))
    return fail(EINVAL, "bad data pool name '%s', or too many", dname);
  TX_BEGIN(k->ipop) {
    pmemobj_tx_add_range_direct(r->data[r->ndata], sizeof r->data[0]);
    pmemobj_tx_add_range_direct(&r->ndata, sizeof r->ndata);
    memcpy(r->data[r->ndata], dname, len + 1);
    r->ndata++;
  } TX_ONABORT {
    err = fail(EIO, "%s", pmemobj_errormsg());
  } TX_END
  return err || !data_pool(k, (int)r->ndata - 1) ? -1 : (int)r->ndata - 1;
}

static struct kvs *handle(const char *dir, PMEMobjpool *pop) {
  struct kvs *k = calloc(1, sizeof *k);
  if (!k)
    return pmemobj_close(pop), fail(ENOMEM, "out of memory"), NULL;
  k->ipop = pop;
  k->root = pmemobj_direct(pmemobj_root(pop, sizeof *k->root));
  k->slots = pmemobj_direct(k->root->table);
  snprintf(k->dir, sizeof k->dir, "%s", dir);
  return k;
}

struct kvs *kvs_create(const char *dir, uint64_t slots) {
  char path[PATH_MAX + 16];
  uint64_t n = 16;
  int err = 0;
  while (n < slots && n < (UINT64_C(1) << 25))
    n <<= 1;
  size_t size = n * sizeof(struct slot) * 5 / 4 + (8 << 20);
  snprintf(path, sizeof path, "%s/index.pool", dir);
  mkdir(dir, 0755);
  PMEMobjpool *pop = pmemobj_create(path, "kvsindex", size < PMEMOBJ_MIN_POOL ? PMEMOBJ_MIN_POOL : size, 0644);
  if (!pop)
    return fail(EIO, "cannot create %s: %s", path, pmemobj_errormsg()), NULL;
  struct root *r = pmemobj_direct(pmemobj_root(pop, sizeof *r));
  TX_BEGIN(pop) {
    pmemobj_tx_add_range_direct(r, sizeof *r);
    r->table = pmemobj_tx_zalloc(n * sizeof(struct slot), 1);
    r->nslots = n;
  } TX_ONABORT {
    err = fail(EIO, "cannot create %s: %s", path, pmemobj_errormsg());
  } TX_END
  if (err)
    return pmemobj_close(pop), NULL;
  struct kvs *k = handle(dir, pop);
  if (k && data_index(k, "default") < 0)
    return kvs_close(k), NULL;
  return k;
}

struct kvs *kvs_open(const char *dir) {
  char path[PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/index.pool", dir);
  PMEMobjpool *pop = pmemobj_open(path, "kvsindex");
  if (!pop)
    return fail(ENOENT, "cannot open %s: %s", path, pmemobj_errormsg()), NULL;
  return handle(dir, pop);
}

void kvs_close(struct kvs *k) {
  for (int d = 0; d < KVS_DATA_MAX; d++)
    if (k->dpop[d])
      pmemobj_close(k->dpop[d]);
  pmemobj_close(k->ipop);
  free(k);
}

static struct slot *probe(struct kvs *k, const char *key, size_t klen, uint64_t h, struct slot **freep) {
  uint64_t mask = k->root->nslots - 1;
  for (uint64_t i = h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
    struct slot *s = &k->slots[i];
    if (STATE(s->meta) != LIVE) {
      if (freep && !*freep)
        *freep = s;
      if (STATE(s->meta) == EMPTY)
        break;
      continue;
    }
    if (s->meta >> 32 != h >> 32)
      continue;
    if (!data_pool(k, DOBJ(s->meta)))
      return NULL; /* errno EACCES */
    const struct pair *p = pmemobj_direct(s->pair);
    if (p->klen == klen && !memcmp(p->bytes, key, klen))
      return s;
  }
  errno = ENOENT;
  return NULL;
}

int kvs_put_in(struct kvs *k, const char *dname, const char *key, const void *val, size_t len) {
  struct root *r = k->root;
  size_t klen = strlen(key);
  uint64_t h = hash(key, klen);
  PMEMoid p = OID_NULL, old = OID_NULL;
  int err = 0, d;
  if (!klen || klen > KVS_KEY_MAX || len > UINT32_MAX)
    return fail(EINVAL, "keys are 1 to %d bytes, values under 4 GiB", KVS_KEY_MAX);
  if ((d = data_index(k, dname)) < 0)
    return -1;
  /* 1. The new pair, in its data pool. */
  TX_BEGIN(k->dpop[d]) {
    p = pmemobj_tx_alloc(sizeof(struct pair) + klen + 1 + len, 2);
    struct pair *pp = pmemobj_direct(p);
    pp->klen = (uint32_t)klen;
    pp->vlen = (uint32_t)len;
    memcpy(pp->bytes, key, klen + 1);
    memcpy(pp->bytes + klen + 1, val, len);
  } TX_ONABORT {
    err = fail(EIO, "%s", pmemobj_errormsg());
  } TX_END
  if (err)
    return -1;
  /* 2. Link it: one transaction on the index pool. */
  TX_BEGIN(k->ipop) {
    struct slot *free_slot = NULL, *s = probe(k, key, klen, h, &free_slot);
    if (!s && errno == EACCES)
      pmemobj_tx_abort(EACCES);
    if (!s && (!free_slot || (STATE(free_slot->meta) == EMPTY && r->used >= r->nslots / 8 * 7)))
      pmemobj_tx_abort(ENOSPC);
    uint64_t was = s ? s->meta : free_slot->meta;
    s = s ? s : free_slot;
    pmemobj_tx_add_range_direct(s, sizeof *s);
    pmemobj_tx_add_range_direct(&r->count, 2 * sizeof r->count);
    if (STATE(was) == LIVE)
      old = s->pair;
    s->pair = p;
    s->meta = META(h, d, LIVE);
    r->count += STATE(was) != LIVE;
    r->used += STATE(was) == EMPTY;
  } TX_ONABORT {
    err = errno == ENOSPC ? fail(ENOSPC, "store %s is full", k->dir) : fail(EIO, "%s", pmemobj_errormsg());
  } TX_END
  if (err) {
    pmemobj_free(&p);
    return -1;
  }
  if (!OID_IS_NULL(old))
    pmemobj_free(&old);
  return 0;
}

int kvs_put(struct kvs *k, const char *key, const void *val, size_t len) {
  return kvs_put_in(k, "default", key, val, len);
}

const void *kvs_get(struct kvs *k, const char *key, size_t *len) {
  size_t klen = strlen(key);
  struct slot *s = probe(k, key, klen, hash(key, klen), NULL);
  if (!s) {
    if (errno == ENOENT)
      fail(ENOENT, "no key '%s'", key);
    return NULL;
  }
  const struct pair *p = pmemobj_direct(s->pair);
  if (len)
    *len = p->vlen;
  return p->bytes + klen + 1;
}

int kvs_del(struct kvs *k, const char *key) {
  size_t klen = strlen(key);
  PMEMoid old = OID_NULL;
  int err = 0;
  struct slot *s = probe(k, key, klen, hash(key, klen), NULL);
  if (!s)
    return errno == ENOENT ? 1 : -1;
  TX_BEGIN(k->ipop) {
    pmemobj_tx_add_range_direct(s, sizeof *s);
    pmemobj_tx_add_range_direct(&k->root->count, sizeof k->root->count);
    old = s->pair;
    s->meta = (s->meta & ~UINT64_C(3)) | DEAD;
    s->pair = OID_NULL;
    k->root->count--;
  } TX_ONABORT {
    err = fail(EIO, "%s", pmemobj_errormsg());
  } TX_END
  if (err)
    return -1;
  pmemobj_free(&old);
  return 0;
}

long kvs_iter(struct kvs *k, kvs_iter_fn *fn, void *arg, long *hidden) {
  long n = 0, hid = 0;
  for (uint64_t i = 0; i < k->root->nslots; i++) {
    struct slot *s = &k->slots[i];
    if (STATE(s->meta) != LIVE)
      continue;
    if (!data_pool(k, DOBJ(s->meta))) {
      hid++;
      continue;
    }
    const struct pair *p = pmemobj_direct(s->pair);
    n++;
    if (fn && fn(p->bytes, p->bytes + p->klen + 1, p->vlen, k->root->data[DOBJ(s->meta)], arg))
      break;
  }
  if (hidden)
    *hidden = hid;
  return n;
}
