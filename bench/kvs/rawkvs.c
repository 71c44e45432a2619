/*
 * rawkvs: twzkvs's hash table with ordinary pointers in ordinary memory
 * (malloc). Nothing persists; the baseline for what the pointers cost.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer.h"

enum { EMPTY, LIVE, DEAD };
#define META(h, d, s) ((h) >> 32 << 32 | (uint64_t)(d) << 8 | (s))
#define STATE(m) ((m) & 3)
#define DOBJ(m) ((int)((m) >> 8 & 0xff))

struct pair {
  uint32_t klen, vlen;
  char bytes[]; /* key, NUL, value */
};
struct slot {
  uint64_t meta;
  struct pair *pair;
};
struct kvs {
  uint64_t nslots, count, used, ndata;
  char data[KVS_DATA_MAX][KVS_DATA_NAME_MAX + 1];
  struct slot *slots;
};

static char msg[256];
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

struct kvs *kvs_create(const char *path, uint64_t slots) {
  (void)path;
  uint64_t n = 16;
  while (n < slots && n < (UINT64_C(1) << 25))
    n <<= 1;
  struct kvs *k = calloc(1, sizeof *k);
  if (!k || !(k->slots = calloc(n, sizeof *k->slots)))
    return free(k), fail(ENOMEM, "out of memory"), NULL;
  k->nslots = n;
  strcpy(k->data[k->ndata++], "default");
  return k;
}

struct kvs *kvs_open(const char *path) {
  (void)path;
  return fail(ENOENT, "rawkvs does not persist"), NULL;
}

void kvs_close(struct kvs *k) {
  for (uint64_t i = 0; i < k->nslots; i++)
    free(k->slots[i].pair);
  free(k->slots);
  free(k);
}

static int data_index(struct kvs *k, const char *dname) {
  for (uint64_t d = 0; d < k->ndata; d++)
    if (!strcmp(k->data[d], dname))
      return (int)d;
  if (k->ndata == KVS_DATA_MAX || strlen(dname) > KVS_DATA_NAME_MAX)
    return fail(ENOSPC, "bad or too many data objects");
  strcpy(k->data[k->ndata], dname);
  return (int)k->ndata++;
}

static struct slot *probe(struct kvs *k, const char *key, size_t klen, uint64_t h, struct slot **freep) {
  uint64_t mask = k->nslots - 1;
  for (uint64_t i = h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
    struct slot *s = &k->slots[i];
    if (STATE(s->meta) != LIVE) {
      if (freep && !*freep)
        *freep = s;
      if (STATE(s->meta) == EMPTY)
        break;
      continue;
    }
    if (s->meta >> 32 == h >> 32 && s->pair->klen == klen && !memcmp(s->pair->bytes, key, klen))
      return s;
  }
  return NULL;
}

int kvs_put_in(struct kvs *k, const char *dname, const char *key, const void *val, size_t len) {
  size_t klen = strlen(key);
  uint64_t h = hash(key, klen);
  struct slot *s, *free_slot = NULL;
  int d = data_index(k, dname);
  if (!klen || klen > KVS_KEY_MAX || d < 0)
    return fail(EINVAL, "bad key or data object");
  if (!(s = probe(k, key, klen, h, &free_slot)) &&
      (!free_slot || (STATE(free_slot->meta) == EMPTY && k->used >= k->nslots / 8 * 7)))
    return fail(ENOSPC, "store is full");
  struct pair *p = malloc(sizeof *p + klen + 1 + len);
  if (!p)
    return fail(ENOMEM, "out of memory");
  p->klen = (uint32_t)klen;
  p->vlen = (uint32_t)len;
  memcpy(p->bytes, key, klen + 1);
  memcpy(p->bytes + klen + 1, val, len);
  if (s) {
    free(s->pair); /* only this process could hold it */
  } else {
    s = free_slot;
    k->used += STATE(s->meta) == EMPTY;
    k->count++;
  }
  s->pair = p;
  s->meta = META(h, d, LIVE);
  return 0;
}

int kvs_put(struct kvs *k, const char *key, const void *val, size_t len) {
  return kvs_put_in(k, "default", key, val, len);
}

const void *kvs_get(struct kvs *k, const char *key, size_t *len) {
  size_t klen = strlen(key);
  struct slot *s = probe(k, key, klen, hash(key, klen), NULL);
  if (!s)
    return fail(ENOENT, "no key '%s'", key), NULL;
  if (len)
    *len = s->pair->vlen;
  return s->pair->bytes + klen + 1;
}

int kvs_del(struct kvs *k, const char *key) {
  size_t klen = strlen(key);
  struct slot *s = probe(k, key, klen, hash(key, klen), NULL);
  if (!s)
    return 1;
  s->meta = (s->meta & ~UINT64_C(3)) | DEAD;
  free(s->pair);
  s->pair = NULL;
  k->count--;
  return 0;
}

long kvs_iter(struct kvs *k, kvs_iter_fn *fn, void *arg, long *hidden) {
  long n = 0;
  for (uint64_t i = 0; i < k->nslots; i++) {
    struct slot *s = &k->slots[i];
    if (STATE(s->meta) != LIVE)
      continue;
    n++;
    if (fn && fn(s->pair->bytes, s->pair->bytes + s->pair->klen + 1, s->pair->vlen,
                 k->data[DOBJ(s->meta)], arg))
      break;
  }
  if (hidden)
    *hidden = 0;
  return n;
}
