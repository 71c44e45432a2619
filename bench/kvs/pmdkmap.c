/*
 * pmdkmap: examples/twzmap's B-tree on PMDK's TOID/TX API, as a KVS peer
 * (peer.h). One pool (DIR/map.pool); every insert is one PMDK transaction
 * that adds the nodes on its path (TX_ADD) before changing them and
 * allocates new nodes and values with TX_NEW / TX_ALLOC.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libpmemobj.h>

#include "peer.h"

#define B 16
#define KEY_MAX 31

POBJ_LAYOUT_BEGIN(pmdkmap);
POBJ_LAYOUT_ROOT(pmdkmap, struct root);
POBJ_LAYOUT_TOID(pmdkmap, struct node);
POBJ_LAYOUT_TOID(pmdkmap, struct blob);
POBJ_LAYOUT_END(pmdkmap);

struct blob {
  uint64_t len;
  char bytes[];
};
struct node {
  uint32_t n, leaf;
  char key[B - 1][KEY_MAX + 1];
  TOID(struct blob) val[B - 1];
  TOID(struct node) child[B];
};
struct root {
  uint64_t count;
  TOID(struct node) top;
};
struct kvs {
  PMEMobjpool *pop;
  TOID(struct root) root;
};

static char msg[PATH_MAX + 256];
const char *kvs_error(void) { return msg; }

struct kvs *kvs_create(const char *dir, uint64_t slots) {
  char path[PATH_MAX];
  struct kvs *k = calloc(1, sizeof *k);
  mkdir(dir, 0755);
  snprintf(path, sizeof path, "%s/map.pool", dir);
  size_t size = slots * 200 + (16 << 20); /* nodes and values for slots/2 keys */
  if (!k || !(k->pop = pmemobj_create(path, POBJ_LAYOUT_NAME(pmdkmap), size, 0644))) {
    snprintf(msg, sizeof msg, "pmemobj_create %s: %s", path, pmemobj_errormsg());
    return free(k), NULL;
  }
  k->root = POBJ_ROOT(k->pop, struct root);
  TX_BEGIN(k->pop) {
    TX_ADD(k->root);
    D_RW(k->root)->top = TX_ZNEW(struct node);
    D_RW(D_RW(k->root)->top)->leaf = 1;
  } TX_END
  return k;
}

void kvs_close(struct kvs *k) {
  pmemobj_close(k->pop);
  free(k);
}

static unsigned lower(const struct node *x, const char *k) {
  unsigned lo = 0, hi = x->n;
  while (lo < hi) {
    unsigned mid = (lo + hi) / 2;
    if (strcmp(x->key[mid], k) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

const void *kvs_get(struct kvs *k, const char *key, size_t *len) {
  for (TOID(struct node) t = D_RO(k->root)->top; !TOID_IS_NULL(t);) {
    const struct node *x = D_RO(t);
    unsigned i = lower(x, key);
    if (i < x->n && !strcmp(x->key[i], key)) {
      if (len)
        *len = D_RO(x->val[i])->len;
      return D_RO(x->val[i])->bytes;
    }
    t = x->leaf ? TOID_NULL(struct node) : x->child[i];
  }
  return NULL;
}

/* In a transaction: split full child i of x (both added already). */
static void split(struct node *x, unsigned i) {
  struct node *y = D_RW(x->child[i]);
  TOID(struct node) zt = TX_ZNEW(struct node);
  struct node *z = D_RW(zt);
  const unsigned t = B / 2;
  z->leaf = y->leaf;
  z->n = B - 1 - t;
  for (unsigned j = 0; j < z->n; j++) {
    memcpy(z->key[j], y->key[j + t], KEY_MAX + 1);
    z->val[j] = y->val[j + t];
  }
  if (!y->leaf)
    for (unsigned j = 0; j <= z->n; j++)
      z->child[j] = y->child[j + t];
  for (unsigned j = x->n; j > i; j--) {
    x->child[j + 1] = x->child[j];
    memcpy(x->key[j], x->key[j - 1], KEY_MAX + 1);
    x->val[j] = x->val[j - 1];
  }
  x->child[i + 1] = zt;
  memcpy(x->key[i], y->key[t - 1], KEY_MAX + 1);
  x->val[i] = y->val[t - 1];
  x->n++;
  y->n = t - 1;
}

int kvs_put(struct kvs *k, const char *key, const void *val, size_t len) {
  int ok = 0;
  if (strlen(key) > KEY_MAX)
    return -1;
  TX_BEGIN(k->pop) {
    struct root *r = D_RW(k->root);
    TX_ADD(k->root);
    for (TOID(struct node) t = r->top; !TOID_IS_NULL(t);) {
      TX_ADD(t);
      t = D_RO(t)->leaf ? TOID_NULL(struct node) : D_RO(t)->child[lower(D_RO(t), key)];
    }
    TOID(struct blob) b = TX_ALLOC(struct blob, sizeof(struct blob) + len);
    D_RW(b)->len = len;
    memcpy(D_RW(b)->bytes, val, len);
    struct node *x = D_RW(r->top);
    if (x->n == B - 1) {
      TOID(struct node) st = TX_ZNEW(struct node);
      D_RW(st)->child[0] = r->top;
      split(D_RW(st), 0);
      r->top = st;
      x = D_RW(st);
    }
    for (;;) {
      unsigned i = lower(x, key);
      if (i < x->n && !strcmp(x->key[i], key)) {
        TX_FREE(x->val[i]);
        x->val[i] = b;
        break;
      }
      if (x->leaf) {
        for (unsigned j = x->n; j > i; j--) {
          memcpy(x->key[j], x->key[j - 1], KEY_MAX + 1);
          x->val[j] = x->val[j - 1];
        }
        memset(x->key[i], 0, KEY_MAX + 1);
        strcpy(x->key[i], key);
        x->val[i] = b;
        x->n++;
        r->count++;
        break;
      }
      if (D_RO(x->child[i])->n == B - 1) {
        split(x, i);
        if (strcmp(key, x->key[i]) > 0)
          i++;
        else if (!strcmp(key, x->key[i]))
          continue;
      }
      x = D_RW(x->child[i]);
    }
  } TX_ONABORT {
    snprintf(msg, sizeof msg, "put: %s", pmemobj_errormsg());
    ok = -1;
  } TX_END
  return ok;
}

int kvs_put_in(struct kvs *k, const char *data, const char *key, const void *val, size_t len) {
  (void)data;
  return kvs_put(k, key, val, len);
}

static long walk(TOID(struct node) t) {
  const struct node *x = D_RO(t);
  long n = x->n;
  if (!x->leaf)
    for (unsigned i = 0; i <= x->n; i++)
      n += walk(x->child[i]);
  return n;
}

long kvs_iter(struct kvs *k, kvs_iter_fn *fn, void *arg, long *hidden) {
  (void)fn, (void)arg;
  if (hidden)
    *hidden = 0;
  return walk(D_RO(k->root)->top);
}
