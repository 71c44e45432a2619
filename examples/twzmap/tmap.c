/*
 * twzmap (tmap.h): a B-tree of order B in one object. Nodes hold up to B-1
 * keys inline and pointers to value blobs; inserts split full nodes on the
 * way down (one pass). An insert is one transaction: the nodes on its path
 * and the root word are recorded in one batch (one flush), then changed;
 * new nodes and values come from the object's heap and need no record.
 */
#include <stdlib.h>
#include <string.h>

#include "tmap.h"

#define B 16
#define MAGIC UINT64_C(0x3150414d5a5754) /* "TWZMAP1" */
#define PLAIN(p) ((void *)(uintptr_t)(p))

struct blob {
  uint64_t len;
  char bytes[];
};
struct node {
  uint32_t n, leaf;
  char key[B - 1][TMAP_KEY_MAX + 1];
  struct blob __persistent *val[B - 1];
  struct node __persistent *child[B];
};
struct __twz_root root {
  uint64_t magic, count;
  struct node __persistent *top;
};
struct tmap {
  twz_object *obj;
  struct root __persistent *r;
};

static struct tmap *handle(twz_object *o) {
  struct root __persistent *r = o ? twz_object_root(o) : NULL;
  struct tmap *m = r && r->magic == MAGIC ? malloc(sizeof *m) : NULL;
  if (m) {
    m->obj = o;
    m->r = r;
  }
  return m;
}

struct tmap *tmap_open(const char *name) { return handle(twz_object_open(name)); }

struct tmap *tmap_create(const char *name) {
  twz_object *o = twz_object_create(name);
  if (!o || twz_tx_begin(o) < 0)
    return NULL;
  struct root __persistent *r = twz_malloc(o, sizeof *r);
  struct node __persistent *top = twz_malloc(o, sizeof *top);
  if (!r || !top)
    return twz_tx_abort(o), NULL;
  top->leaf = 1;
  r->top = top;
  r->magic = MAGIC;
  twz_tx_commit(o); /* durable before the root names it */
  twz_object_set_root(o, r);
  return handle(o);
}

void tmap_close(struct tmap *m) { free(m); }

/* First index i with key[i] >= k. */
static unsigned lower(struct node __persistent *x, const char *k) {
  unsigned lo = 0, hi = x->n;
  while (lo < hi) {
    unsigned mid = (lo + hi) / 2;
    if (strcmp(PLAIN(x->key[mid]), k) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

const void __persistent *tmap_get(struct tmap *m, const char *key, size_t *len) {
  for (struct node __persistent *x = m->r->top; x;) {
    unsigned i = lower(x, key);
    if (i < x->n && !strcmp(PLAIN(x->key[i]), key)) {
      if (len)
        *len = x->val[i]->len;
      return x->val[i]->bytes;
    }
    x = x->leaf ? NULL : x->child[i];
  }
  return NULL;
}

/* Split the full child i of x (both recorded): its upper half goes to a new
 * node, its middle key up into x. */
static int split(twz_object *o, struct node __persistent *x, unsigned i) {
  struct node __persistent *y = x->child[i], *z = twz_malloc(o, sizeof *z);
  if (!z)
    return -1;
  const unsigned t = B / 2; /* y keeps t-1 keys, z gets B-1-t */
  z->leaf = y->leaf;
  z->n = B - 1 - t;
  for (unsigned j = 0; j < z->n; j++) {
    memcpy(PLAIN(z->key[j]), PLAIN(y->key[j + t]), TMAP_KEY_MAX + 1);
    z->val[j] = y->val[j + t];
  }
  if (!y->leaf)
    for (unsigned j = 0; j <= z->n; j++)
      z->child[j] = y->child[j + t];
  for (unsigned j = x->n; j > i; j--) {
    x->child[j + 1] = x->child[j];
    memcpy(PLAIN(x->key[j]), PLAIN(x->key[j - 1]), TMAP_KEY_MAX + 1);
    x->val[j] = x->val[j - 1];
  }
  x->child[i + 1] = z;
  memcpy(PLAIN(x->key[i]), PLAIN(y->key[t - 1]), TMAP_KEY_MAX + 1);
  x->val[i] = y->val[t - 1];
  x->n++;
  y->n = t - 1;
  return 0;
}

int tmap_put(struct tmap *m, const char *key, const void *val, size_t len) {
  twz_object *o = m->obj;
  struct root __persistent *r = m->r;
  if (strlen(key) > TMAP_KEY_MAX)
    return -1;
  if (twz_tx_begin(o) < 0)
    return -1;
  /* One batch: the root word and count, and every node on the path (a
   * split changes a node and its parent; the new node is fresh). */
  if (twz_tx_add(o, &r->count, 16) < 0)
    goto fail;
  for (struct node __persistent *x = r->top; x; x = x->leaf ? NULL : x->child[lower(x, key)])
    if (twz_tx_add(o, x, sizeof *x) < 0)
      goto fail;
  /* A full child met on the way is split before descending, so its
   * siblings' records are not needed: the split moves keys into x (on the
   * path) and into a fresh node. */
  if (twz_tx_ready() < 0)
    goto fail;
  struct blob __persistent *b = twz_malloc(o, sizeof *b + len);
  if (!b)
    goto fail;
  b->len = len;
  memcpy(PLAIN(b->bytes), val, len);
  struct node __persistent *x = r->top;
  if (x->n == B - 1) { /* a new top above the full one */
    struct node __persistent *s = twz_malloc(o, sizeof *s);
    if (!s)
      goto fail;
    s->child[0] = x;
    if (split(o, s, 0) < 0)
      goto fail;
    r->top = x = s;
  }
  for (;;) {
    unsigned i = lower(x, key);
    if (i < x->n && !strcmp(PLAIN(x->key[i]), key)) {
      twz_free(x->val[i]); /* replaced: freed at commit */
      x->val[i] = b;
      break;
    }
    if (x->leaf) {
      for (unsigned j = x->n; j > i; j--) {
        memcpy(PLAIN(x->key[j]), PLAIN(x->key[j - 1]), TMAP_KEY_MAX + 1);
        x->val[j] = x->val[j - 1];
      }
      memset(PLAIN(x->key[i]), 0, TMAP_KEY_MAX + 1);
      strcpy(PLAIN(x->key[i]), key);
      x->val[i] = b;
      x->n++;
      r->count++;
      break;
    }
    struct node __persistent *c = x->child[i];
    if (c->n == B - 1) {
      if (twz_tx_record(o, c, sizeof *c) < 0 || split(o, x, i) < 0)
        goto fail;
      if (strcmp(key, PLAIN(x->key[i])) > 0)
        i++;
      else if (!strcmp(key, PLAIN(x->key[i])))
        continue; /* the key moved up into x: replace it there */
    }
    x = x->child[i];
  }
  return twz_tx_commit(o);
fail:
  twz_tx_abort(o);
  return -1;
}

static long walk(struct node __persistent *x, int (*fn)(const char *, const void __persistent *, size_t, void *),
                 void *arg, int *stop) {
  long n = 0;
  for (unsigned i = 0; i <= x->n && !*stop; i++) {
    if (!x->leaf)
      n += walk(x->child[i], fn, arg, stop);
    if (i < x->n && !*stop) {
      n++;
      if (fn && fn(PLAIN(x->key[i]), x->val[i]->bytes, x->val[i]->len, arg))
        *stop = 1;
    }
  }
  return n;
}

long tmap_iter(struct tmap *m, int (*fn)(const char *, const void __persistent *, size_t, void *), void *arg) {
  int stop = 0;
  return walk(m->r->top, fn, arg, &stop);
}
