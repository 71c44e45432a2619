/*
 * twzkvs (README.md): the index object is a hash table of slots, each a
 * {hash, data object, state} word and a __persistent pointer to an immutable
 * key/value pair in a data object. A put is one transaction over the index
 * and the data object: the slot's records, the new pair, the link. Replaced and deleted pairs
 * go on a retired list and are freed once no live process holds values
 * from before (reader epochs).
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvs.h"

#define KVS_MAGIC UINT64_C(0x3153564b7a7774) /* "twzKVS1" */
#define PLAIN(p) ((void *)(uintptr_t)(p))

enum { EMPTY, LIVE, DEAD, PERMANENT = 4 /* flag: from kvs_load, never freed */ };
#define META(h, d, s) ((h) >> 32 << 32 | (uint64_t)(d) << 8 | (s))
#define STATE(m) ((m) & 3)
#define DOBJ(m) ((int)((m) >> 8 & 0xff))

struct pair { /* immutable once linked */
  uint32_t klen, vlen;
  char bytes[]; /* key, NUL, value */
};
struct slot {
  uint64_t meta; /* META(hash, data object, state) */
  struct pair __persistent *pair;
};
struct retired {
  uint64_t epoch, data; /* when the pair was unlinked; its data object */
  struct pair __persistent *pair;
  struct retired __persistent *next;
};
struct __twz_root index {
  uint64_t magic, nslots, count, used, epoch, ndata;
  struct retired __persistent *retired; /* newest first */
  char data[KVS_DATA_MAX][KVS_DATA_NAME_MAX + 1];
  uint64_t reader[KVS_READERS][2]; /* {pid, epoch when it started holding values} */
  struct slot slots[];
};

struct kvs {
  twz_object *obj;
  struct index __persistent *ix;
  twz_object *data[KVS_DATA_MAX]; /* opened on first use */
  int reader;                      /* our row of ix->reader, or -1 */
  bool readonly;                   /* our security context grants no w on the index */
  char __persistent *chunk;        /* kvs_load's bump allocation */
  size_t chunk_left;
  char name[TWZ_NAME_MAX + 1];
};

static _Thread_local char msg[512];
const char *kvs_error(void) { return msg; }

/* Set the message and errno, abort the transaction on `tx` if any; -1. */
__attribute__((format(printf, 3, 4))) static int fail_tx(twz_object *tx, int err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (tx)
    twz_tx_abort(tx);
  errno = err;
  return -1;
}
#define fail(...) fail_tx(NULL, __VA_ARGS__)

static uint64_t ld(const uint64_t __persistent *p) { return atomic_load((_Atomic uint64_t *)PLAIN(p)); }
static void st(uint64_t __persistent *p, uint64_t v) { atomic_store((_Atomic uint64_t *)PLAIN(p), v); }

static uint64_t hash(const char *key, size_t n) { /* FNV-1a, then MurmurHash3's finalizer */
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)key[i]) * UINT64_C(0x100000001b3);
  h ^= h >> 33;
  h *= UINT64_C(0xff51afd7ed558ccd);
  return h ^ h >> 33;
}

__attribute__((noinline, cold)) static twz_object *open_data(struct kvs *k, int d) {
  char full[TWZ_NAME_MAX + KVS_DATA_NAME_MAX + 2];
  const char *dname = PLAIN(k->ix->data[d]);
  snprintf(full, sizeof full, "%s.%s", k->name, dname);
  twz_object *o = twz_object_open(full);
  char have[6];
  if (!o)
    fail(EACCES, "data object '%s' cannot be opened: %s", dname, twz_error());
  else if (!(twz_object_rights(o) & TWZ_PERM_READ)) /* it maps, but reading it would fault */
    return fail(EACCES, "data object '%s' is not readable in this security context (rights %s)",
                dname, twz_perm_format(twz_object_rights(o), have)), NULL;
  return k->data[d] = o;
}

static twz_object *data_obj(struct kvs *k, int d) { return k->data[d] ? k->data[d] : open_data(k, d); }

static int find_data(struct kvs *k, const char *dname) {
  for (uint64_t d = 0; d < ld(&k->ix->ndata); d++)
    if (!strcmp(PLAIN(k->ix->data[d]), dname))
      return (int)d;
  return -1;
}

static int add_data(struct kvs *k, const char *dname) { /* find or add data object `dname` */
  struct index __persistent *ix = k->ix;
  char full[TWZ_NAME_MAX + KVS_DATA_NAME_MAX + 2];
  size_t len = strlen(dname);
  int d = find_data(k, dname);
  if (d >= 0)
    return d;
  if (!len || len > KVS_DATA_NAME_MAX ||
      strspn(dname, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != len)
    return fail(EINVAL, "bad data object name '%s' (1-%d of [A-Za-z0-9_-])", dname, KVS_DATA_NAME_MAX);
  snprintf(full, sizeof full, "%s.%s", k->name, dname);
  if (twz_tx_begin(k->obj) < 0)
    return fail(EIO, "%s", twz_error());
  if ((d = find_data(k, dname)) >= 0) /* added meanwhile by another process */
    return twz_tx_commit(k->obj), d;
  if ((d = (int)ix->ndata) == KVS_DATA_MAX)
    return fail_tx(k->obj, ENOSPC, "a store has at most %d data objects", KVS_DATA_MAX);
  if (!twz_object_open(full) && !twz_object_create(full)) /* it may exist from a crash */
    return fail_tx(k->obj, EIO, "cannot create data object '%s': %s", full, twz_error());
  if (twz_tx_record(k->obj, ix->data[d], sizeof ix->data[d]) < 0 || twz_tx_record(k->obj, &ix->ndata, 8) < 0)
    return fail_tx(k->obj, EIO, "%s", twz_error());
  memcpy(PLAIN(ix->data[d]), dname, len + 1);
  st(&ix->ndata, (uint64_t)d + 1);
  twz_tx_commit(k->obj);
  return d;
}

static struct kvs *handle(const char *name, twz_object *o) {
  struct index __persistent *ix = o ? twz_object_root(o) : NULL;
  struct kvs *k;
  if (!o)
    return fail(ENOENT, "no store '%s': %s", name, twz_error()), NULL;
  if (!ix || ix->magic != KVS_MAGIC)
    return fail(EINVAL, "object '%s' is not a twzkvs store", name), NULL;
  if (!(k = calloc(1, sizeof *k)))
    return fail(ENOMEM, "out of memory"), NULL;
  k->obj = o;
  k->ix = ix;
  k->reader = -1;
  k->readonly = !(twz_object_rights(o) & TWZ_PERM_WRITE);
  snprintf(k->name, sizeof k->name, "%s", name);
  return k;
}

struct kvs *kvs_open(const char *name) { return handle(name, twz_object_open(name)); }

struct kvs *kvs_create(const char *name, uint64_t slots) {
  uint64_t n = 16;
  while (n < slots && n < (UINT64_C(1) << 25))
    n <<= 1;
  twz_object *o = twz_object_create(name);
  struct index __persistent *ix = o ? twz_object_alloc(o, sizeof *ix + n * sizeof(struct slot), 64) : NULL;
  if (!ix)
    return fail(EIO, "cannot create store '%s': %s", name, twz_error()), NULL;
  ix->nslots = n;
  ix->magic = KVS_MAGIC;
  twz_object_flush(o); /* the table is durable before the root names it */
  twz_object_set_root(o, ix);
  struct kvs *k = handle(name, o);
  if (k && (add_data(k, "default") < 0 || !data_obj(k, 0)))
    return kvs_close(k), NULL;
  return k;
}

/* The slot holding `key` (its pair in *pp), or NULL with errno ENOENT, or
 * EACCES if a slot with its hash is in a data object we cannot open. *freep,
 * if given, gets the first slot on the way where the key could go. */
static struct slot __persistent *probe(struct kvs *k, const char *key, size_t klen, uint64_t h,
                                       struct slot __persistent **freep, struct pair __persistent **pp) {
  struct index __persistent *ix = k->ix;
  uint64_t mask = ix->nslots - 1;
  for (uint64_t i = h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
    struct slot __persistent *s = &ix->slots[i];
    uint64_t m = ld(&s->meta);
    if (STATE(m) != LIVE) {
      if (freep && !*freep)
        *freep = s;
      if (STATE(m) == EMPTY)
        break;
      continue;
    }
    if (m >> 32 != h >> 32)
      continue;
    if (!data_obj(k, DOBJ(m)))
      return NULL; /* errno EACCES */
    struct pair __persistent *p = s->pair;
    if (p && p->klen == klen && !memcmp(PLAIN(p->bytes), key, klen)) {
      if (pp)
        *pp = p;
      return s;
    }
  }
  errno = ENOENT;
  return NULL;
}

/* Reader epochs: a process that holds values has a row {pid, epoch}; a pair
 * retired at epoch r is freed once every live row has epoch >= r. The row's
 * epoch is stored (seq_cst) before any slot is read, and a pair's epoch is
 * taken after it is unlinked, so a row with epoch >= r never reaches it. */
static int alive(uint64_t pid) { return pid && !(kill((pid_t)pid, 0) < 0 && errno == ESRCH); }

static int pin(struct kvs *k) {
  struct index __persistent *ix = k->ix;
  for (int i = 0; i < KVS_READERS; i++) {
    uint64_t cur = ld(&ix->reader[i][0]);
    if ((!cur || !alive(cur)) &&
        atomic_compare_exchange_strong((_Atomic uint64_t *)PLAIN(&ix->reader[i][0]), &cur,
                                       (uint64_t)getpid())) {
      st(&ix->reader[i][1], ld(&ix->epoch));
      return k->reader = i, 0;
    }
  }
  return fail(EBUSY, "more than %d processes hold values of '%s'", KVS_READERS, k->name);
}

/* Unlink and free the retired pairs no process can hold: one transaction
 * (joined by the data objects whose pairs are freed), so a crash neither
 * leaks them nor frees one twice. Inside a put or del it joins theirs. */
static void reclaim(struct kvs *k) {
  struct index __persistent *ix = k->ix;
  uint64_t min = UINT64_MAX;
  int n = 0;
  if (k->readonly || !ix->retired)
    return;
  /* The oldest holder, read under the lock: computed before it, a reader
   * could pin and take a pair that a writer holding the lock retires
   * before we get it, and we would free that pair under the reader. */
  if (twz_tx_begin(k->obj) < 0)
    return;
  for (int i = 0; i < KVS_READERS; i++) {
    uint64_t pid = ld(&ix->reader[i][0]), e = ld(&ix->reader[i][1]);
    if (pid && alive(pid) && e < min)
      min = e;
  }
  struct retired __persistent *r, *__persistent *link = &ix->retired;
  while ((r = *link) && n < 256) {
    if (r->epoch > min || !data_obj(k, (int)r->data)) { /* held, or not ours to free */
      link = &r->next;
    } else if (twz_tx_record(k->obj, link, 8) == 0) {
      *link = r->next;
      twz_free(r->pair); /* both take effect at commit */
      twz_free(r);
      n++;
    } else
      break;
  }
  twz_tx_commit(k->obj);
}

/* In the index transaction, before anything visible changes: the record
 * for a pair about to be unlinked (so no failure can follow the unlink). */
static struct retired __persistent *retire_prepare(struct kvs *k) {
  struct retired __persistent *r = twz_malloc(k->obj, sizeof *r);
  if (r && twz_tx_record(k->obj, &k->ix->retired, 8) == 0)
    return r;
  fail(EIO, "%s", twz_error());
  return NULL;
}

/* After the unlink. The epoch is never rolled back: unique across crashes. */
static void retire(struct kvs *k, struct retired __persistent *r, uint64_t meta, struct pair __persistent *old) {
  r->pair = old;
  r->data = (uint64_t)DOBJ(meta);
  r->next = k->ix->retired;
  r->epoch = atomic_fetch_add((_Atomic uint64_t *)PLAIN(&k->ix->epoch), 1) + 1;
  k->ix->retired = r;
}

/* One transaction over the index (which coordinates it: it is begun first,
 * so every writer locks the index before a data object) and the data
 * object: the slot's records in one batch, then the new pair from the data
 * object's heap (fresh memory needs no record), filled and linked; the
 * commit makes the pair and the slot durable together. */
int kvs_put_in(struct kvs *k, const char *dname, const char *key, const void *val, size_t len) {
  size_t klen = strlen(key), size = sizeof(struct pair) + klen + 1 + len;
  struct index __persistent *ix = k->ix;
  struct slot __persistent *s, *free = NULL;
  struct pair __persistent *p, *old = NULL;
  if (k->readonly)
    return fail(EACCES, "store '%s' is read-only in this security context", k->name);
  if (!klen || klen > KVS_KEY_MAX || len > UINT32_MAX)
    return fail(EINVAL, "keys are 1 to %d bytes, values under 4 GiB", KVS_KEY_MAX);
  int d = add_data(k, dname);
  if (d < 0 || !data_obj(k, d))
    return -1;
  uint64_t h = hash(key, klen);
  if (twz_tx_begin(k->obj) < 0)
    return fail(EIO, "%s", twz_error());
  if (!(s = probe(k, key, klen, h, &free, &old)) && errno == EACCES)
    return twz_tx_abort(k->obj), -1;
  if (!s && (!free || (STATE(ld(&free->meta)) == EMPTY && ix->used >= ix->nslots / 8 * 7)))
    return fail_tx(k->obj, ENOSPC, "store '%s' is full (%llu slots)", k->name, (unsigned long long)ix->nslots);
  uint64_t was = ld(s ? &s->meta : &free->meta);
  struct retired __persistent *r = NULL;
  s = s ? s : free;
  if (twz_tx_add(k->obj, s, sizeof *s) < 0 || twz_tx_add(k->obj, &ix->count, 16) < 0 ||
      twz_tx_ready() < 0)
    return fail_tx(k->obj, EIO, "%s", twz_error());
  if (STATE(was) == LIVE && !(was & PERMANENT) && !(r = retire_prepare(k)))
    return twz_tx_abort(k->obj), -1;
  if (!(p = twz_malloc(k->data[d], size))) /* the data object joins */
    return fail_tx(k->obj, EIO, "%s", twz_error());
  p->klen = (uint32_t)klen;
  p->vlen = (uint32_t)len;
  memcpy(PLAIN(p->bytes), key, klen + 1);
  memcpy(PLAIN(p->bytes + klen + 1), val, len);
  s->pair = p; /* the pair before the word that makes the slot live */
  st(&s->meta, META(h, d, LIVE));
  ix->count += STATE(was) != LIVE;
  ix->used += STATE(was) == EMPTY;
  if (r)
    retire(k, r, was, old);
  reclaim(k);
  if (twz_tx_commit(k->obj) < 0)
    return fail(EIO, "%s", twz_error());
  return 0;
}

int kvs_put(struct kvs *k, const char *key, const void *val, size_t len) {
  return kvs_put_in(k, "default", key, val, len);
}

const void __persistent *kvs_get(struct kvs *k, const char *key, size_t *len) {
  size_t klen = strlen(key);
  struct pair __persistent *p;
  if (!k->readonly && k->reader < 0 && pin(k) < 0)
    return NULL;
  if (!probe(k, key, klen, hash(key, klen), NULL, &p)) {
    if (errno == ENOENT)
      fail(ENOENT, "no key '%s'", key);
    return NULL;
  }
  if (len)
    *len = p->vlen;
  return p->bytes + klen + 1;
}

int kvs_del(struct kvs *k, const char *key) {
  struct index __persistent *ix = k->ix;
  size_t klen = strlen(key);
  struct pair __persistent *old;
  if (k->readonly)
    return fail(EACCES, "store '%s' is read-only in this security context", k->name);
  if (twz_tx_begin(k->obj) < 0)
    return fail(EIO, "%s", twz_error());
  struct slot __persistent *s = probe(k, key, klen, hash(key, klen), NULL, &old);
  uint64_t m = s ? ld(&s->meta) : 0;
  if (!s) {
    int absent = errno == ENOENT;
    twz_tx_abort(k->obj);
    return absent ? 1 : -1;
  }
  struct retired __persistent *r = NULL;
  if (twz_tx_record(k->obj, s, sizeof *s) < 0 || twz_tx_record(k->obj, &ix->count, 8) < 0)
    return fail_tx(k->obj, EIO, "%s", twz_error());
  if (!(m & PERMANENT) && !(r = retire_prepare(k)))
    return twz_tx_abort(k->obj), -1;
  st(&s->meta, (m & ~UINT64_C(3)) | DEAD); /* readers see it gone before the pointer is */
  s->pair = NULL;
  ix->count--;
  if (r)
    retire(k, r, m, old);
  reclaim(k);
  if (twz_tx_commit(k->obj) < 0)
    return fail(EIO, "%s", twz_error());
  return 0;
}

long kvs_iter(struct kvs *k, kvs_iter_fn *fn, void *arg, long *hidden) {
  long n = 0, h = 0;
  if (!k->readonly && k->reader < 0 && pin(k) < 0)
    return -1;
  for (uint64_t i = 0; i < k->ix->nslots; i++) {
    struct slot __persistent *s = &k->ix->slots[i];
    uint64_t m = ld(&s->meta);
    struct pair __persistent *p;
    if (STATE(m) != LIVE)
      continue;
    if (!data_obj(k, DOBJ(m))) {
      h++;
      continue;
    }
    if (!(p = s->pair))
      continue;
    n++;
    if (fn && fn(p->bytes, p->bytes + p->klen + 1, p->vlen, PLAIN(k->ix->data[DOBJ(m)]), arg))
      break;
  }
  if (hidden)
    *hidden = h;
  return n;
}

void kvs_release(struct kvs *k) {
  if (k->reader >= 0)
    st(&k->ix->reader[k->reader][0], 0);
  k->reader = -1;
  reclaim(k);
}

void kvs_close(struct kvs *k) {
  kvs_release(k);
  free(k);
}

int kvs_load(struct kvs *k, const char *key, const void *val, size_t len) {
  struct index __persistent *ix = k->ix;
  size_t klen = strlen(key), size = (sizeof(struct pair) + klen + 1 + len + 7) & ~(size_t)7;
  uint64_t h = hash(key, klen);
  struct slot __persistent *s = NULL;
  if (!klen || klen > KVS_KEY_MAX || size > (1 << 20))
    return fail(EINVAL, "keys are 1 to %d bytes, values under 1 MiB", KVS_KEY_MAX);
  if (probe(k, key, klen, h, &s, NULL) || errno == EACCES)
    return fail(EEXIST, "key '%s' exists", key);
  if (!s || (STATE(ld(&s->meta)) == EMPTY && ix->used >= ix->nslots / 8 * 7))
    return fail(ENOSPC, "store '%s' is full", k->name);
  if (k->chunk_left < size) { /* one permanent allocation per MiB, not per pair */
    if (!data_obj(k, 0) || !(k->chunk = twz_object_alloc(k->data[0], 1 << 20, 8)))
      return fail(EIO, "%s", twz_error());
    k->chunk_left = 1 << 20;
  }
  struct pair __persistent *p = (struct pair __persistent *)k->chunk;
  k->chunk += size;
  k->chunk_left -= size;
  p->klen = (uint32_t)klen;
  p->vlen = (uint32_t)len;
  memcpy(PLAIN(p->bytes), key, klen + 1);
  memcpy(PLAIN(p->bytes + klen + 1), val, len);
  ix->used += STATE(ld(&s->meta)) == EMPTY;
  s->pair = p;
  st(&s->meta, META(h, 0, LIVE | PERMANENT));
  ix->count++;
  return 0;
}

int kvs_stats(struct kvs *k, struct kvs_stats *st) {
  struct index __persistent *ix = k->ix;
  memset(st, 0, sizeof *st);
  st->pairs = ix->count;
  st->slots = ix->nslots;
  st->epoch = ld(&ix->epoch);
  st->ndata = (int)ld(&ix->ndata);
  for (int d = 0; d < st->ndata; d++) {
    snprintf(st->data[d].name, sizeof st->data[d].name, "%s", (const char *)PLAIN(ix->data[d]));
    st->data[d].open = data_obj(k, d) != NULL;
  }
  for (uint64_t i = 0; i < ix->nslots; i++) {
    uint64_t m = ld(&ix->slots[i].meta);
    st->used += STATE(m) != EMPTY;
    if (STATE(m) == LIVE && DOBJ(m) < st->ndata)
      st->data[DOBJ(m)].pairs++;
  }
  for (struct retired __persistent *r = ix->retired; r; r = r->next)
    st->retired++;
  for (int i = 0; i < KVS_READERS; i++)
    st->readers += alive(ld(&ix->reader[i][0]));
  return 0;
}
