/*
 * bench.c: the pointer-speed benchmarks of `make bench`. One source, built
 * four ways (raw, twz, pmdk, explicit; see variant.h). All pointer fields are
 * declared with PFIELD and accessed with PGET/PSET, so every build runs the
 * same loops on the same data laid out in the same order; only the pointer
 * representation and the memory behind the "objects" change.
 *
 * Usage (run.py drives it):
 *   bench-<variant> list              workloads, one per line: name callgrind? description
 *   bench-<variant> run NAME          time NAME: median ns/op of BENCH_REPS repetitions
 *   bench-<variant> callgrind NAME    run NAME's kernel once with callgrind collection on
 * Environment: BENCH_DIR (where PMDK puts its pools), BENCH_REPS (default 7),
 * BENCH_MIN_MS (minimum length of one repetition, default 60).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "variant.h"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#else
#define HAVE_CALLGRIND 0
#define CALLGRIND_TOGGLE_COLLECT
#endif

/* Kernels stay out of line: their loops are what callgrind counts and what
 * the README's assembly comes from, and inlining into the harness must not
 * differ between variants. */
#define NOINLINE __attribute__((noinline))

/* ------------------------------------------------------------- the data -- */

struct lnode { /* list: 16 bytes (pmdk 24) */
  PFIELD(struct lnode) next;
  uint64_t val;
};

struct tnode { /* binary search tree: 32 bytes (pmdk 48) */
  PFIELD(struct tnode) left;
  PFIELD(struct tnode) right;
  uint64_t key, val;
};

struct hnode { /* hash chain: 24 bytes (pmdk 32) */
  PFIELD(struct hnode) next;
  uint64_t key, val;
};

struct bucket { /* hash bucket array element: 8 bytes (pmdk 16) */
  PFIELD(struct hnode) head;
};

/* splitmix64: deterministic keys and shuffles, identical in every build. */
static uint64_t mix(uint64_t x) {
  x += UINT64_C(0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* A random permutation of 0..n-1 (Fisher-Yates), seeded. */
static uint32_t *permutation(size_t n, uint64_t seed) {
  uint32_t *p = malloc(n * sizeof *p);
  if (!p)
    die("malloc", "out of memory");
  for (size_t i = 0; i < n; i++)
    p[i] = (uint32_t)i;
  for (size_t i = n - 1; i > 0; i--) {
    size_t j = mix(seed + i) % (i + 1);
    uint32_t t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

static unsigned hash_bits; /* buckets = 2^hash_bits */
static inline size_t hash(uint64_t key) {
  return (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - hash_bits));
}

/* -------------------------------------------------------------- kernels -- */

/* Pointer chase: `steps` hops from n; the sum keeps the loads live. */
NOINLINE static P(struct lnode) k_chase(P(struct lnode) n, uint64_t steps, uint64_t *sum) {
  uint64_t s = 0;
  for (uint64_t i = 0; i < steps; i++) {
    s += n->val;
    n = PGET(n, next);
  }
  *sum += s;
  return n;
}

/* `count` lookups of keys q[start..] (all present) in a binary search tree. */
NOINLINE static uint64_t k_tree_lookup(P(struct tnode) root, const uint64_t *q, size_t qmask,
                                       size_t start, uint64_t count) {
  uint64_t sum = 0;
  for (uint64_t i = 0; i < count; i++) {
    uint64_t key = q[(start + i) & qmask];
    P(struct tnode) t = root;
    while (t && t->key != key)
      t = key < t->key ? PGET(t, left) : PGET(t, right);
    if (t)
      sum += t->val;
  }
  return sum;
}

/* `count` lookups of keys q[start..] (all present) in a chained hash table. */
NOINLINE static uint64_t k_hash_lookup(P(struct bucket) buckets, const uint64_t *q, size_t qmask,
                                       size_t start, uint64_t count) {
  uint64_t sum = 0;
  for (uint64_t i = 0; i < count; i++) {
    uint64_t key = q[(start + i) & qmask];
    P(struct bucket) b = &buckets[hash(key)];
    for (P(struct hnode) h = PGET(b, head); h; h = PGET(h, next))
      if (h->key == key) {
        sum += h->val;
        break;
      }
  }
  return sum;
}

/* Store-heavy: allocate n list nodes round-robin over k objects and link each
 * to the next (so with k > 1 every link is a cross-object pointer). */
NOINLINE static P(struct lnode) k_build_list(size_t n, int k) {
  P(struct lnode) head = bench_alloc(0, sizeof *head);
  head->val = 0;
  PSET_NULL(head, next);
  P(struct lnode) prev = head;
  int o = 0;
  for (size_t i = 1; i < n; i++) {
    o = o + 1 == k ? 0 : o + 1; /* round robin without a division */
    P(struct lnode) node = bench_alloc(o, sizeof *node);
    node->val = i;
    PSET_NULL(node, next);
    PSET(prev, next, node);
    prev = node;
  }
  return head;
}

/* Store-heavy with loads: insert n keys (random order) into an unbalanced
 * binary search tree, nodes round-robin over k objects. */
NOINLINE static P(struct tnode) k_build_tree(const uint64_t *keys, size_t n, int k) {
  P(struct tnode) root = NULL;
  int o = 0;
  for (size_t i = 0; i < n; i++) {
    P(struct tnode) t = bench_alloc(o, sizeof *t);
    o = o + 1 == k ? 0 : o + 1;
    uint64_t key = keys[i];
    t->key = key;
    t->val = i;
    PSET_NULL(t, left);
    PSET_NULL(t, right);
    if (!root) {
      root = t;
      continue;
    }
    for (P(struct tnode) p = root;;) {
      if (key < p->key) {
        P(struct tnode) c = PGET(p, left);
        if (!c) {
          PSET(p, left, t);
          break;
        }
        p = c;
      } else {
        P(struct tnode) c = PGET(p, right);
        if (!c) {
          PSET(p, right, t);
          break;
        }
        p = c;
      }
    }
  }
  return root;
}

/* ------------------------------------------------------------ workloads -- */

enum kind { CHASE, TREE, HASH, BUILD_LIST, BUILD_TREE };

struct workload {
  const char *name;
  enum kind kind;
  size_t n; /* nodes (a power of two) */
  int k;    /* objects (pools) the nodes alternate among */
  int cg;   /* small enough for callgrind */
  const char *what;
};

#define K4 ((size_t)4096)
#define K64 ((size_t)65536)
#define M4 ((size_t)4 << 20)
static const struct workload workloads[] = {
    {"chase-4K-1obj", CHASE, K4, 1, 1, "list chase, 4K nodes, 1 object (cache-resident)"},
    {"chase-4K-2obj", CHASE, K4, 2, 1, "list chase, 4K nodes alternating among 2 objects"},
    {"chase-4K-8obj", CHASE, K4, 8, 1, "list chase, 4K nodes alternating among 8 objects"},
    {"chase-4K-64obj", CHASE, K4, 64, 1, "list chase, 4K nodes alternating among 64 objects"},
    {"chase-4M-1obj", CHASE, M4, 1, 0, "list chase, 4M nodes, 1 object (DRAM-bound)"},
    {"chase-4M-8obj", CHASE, M4, 8, 0, "list chase, 4M nodes alternating among 8 objects"},
    {"chase-4M-64obj", CHASE, M4, 64, 0, "list chase, 4M nodes alternating among 64 objects"},
    {"tree-64K-1obj", TREE, K64, 1, 1, "BST lookup, 64K keys, 1 object"},
    {"tree-64K-8obj", TREE, K64, 8, 1, "BST lookup, 64K keys, nodes over 8 objects"},
    {"hash-64K-1obj", HASH, K64, 1, 1, "hash lookup, 64K keys, 16K chained buckets, 1 object"},
    {"hash-64K-8obj", HASH, K64, 8, 1, "hash lookup, 64K keys, nodes over 8 objects"},
    {"build-list-64K-1obj", BUILD_LIST, K64, 1, 1, "build a 64K-node list in 1 object"},
    {"build-list-64K-8obj", BUILD_LIST, K64, 8, 1, "build a 64K-node list over 8 objects"},
    {"build-tree-64K-1obj", BUILD_TREE, K64, 1, 1, "build a 64K-key BST in 1 object"},
    {"build-tree-64K-8obj", BUILD_TREE, K64, 8, 1, "build a 64K-key BST over 8 objects"},
};
#define N_WORKLOADS (sizeof workloads / sizeof workloads[0])

/* Everything a workload keeps between repetitions. Lives in ordinary memory,
 * so its pointer members are plain values in every variant. */
static struct {
  const struct workload *w;
  P(struct lnode) head; /* (one declarator per P(): it is not a typedef) */
  P(struct lnode) cur;  /* chase cursor: each repetition continues the walk */
  P(struct tnode) root;
  P(struct bucket) buckets;
  uint64_t *keys;   /* keys in insertion order */
  uint64_t *lookup; /* the same keys in lookup order */
  size_t pos;       /* next lookup index */
  uint64_t sink;    /* results, printed so nothing is optimised away */
} S;

static size_t node_size(enum kind kind) {
  switch (kind) {
  case CHASE:
  case BUILD_LIST:
    return sizeof(struct lnode);
  case TREE:
  case BUILD_TREE:
    return sizeof(struct tnode);
  case HASH:
    return sizeof(struct hnode);
  }
  return 0;
}

/* Chase list: position p of the walk is in object p % k, at a random slot of
 * that object's node array, so consecutive hops change object (k > 1) and
 * land on unrelated cache lines and pages (memory-bound at 4M nodes). The
 * list is circular so a repetition can walk any number of hops. */
static void setup_chase(size_t n, int k) {
  size_t per = n / (size_t)k;
  P(struct lnode) *node = malloc(n * sizeof *node);
  if (!node)
    die("malloc", "out of memory");
  for (int o = 0; o < k; o++) {
    P(struct lnode) base = bench_alloc(o, per * sizeof(struct lnode));
    uint32_t *perm = permutation(per, UINT64_C(1000) * (uint64_t)(o + 1));
    for (size_t j = 0; j < per; j++)
      node[j * (size_t)k + (size_t)o] = base + perm[j];
    free(perm);
  }
  for (size_t p = 0; p < n; p++) {
    node[p]->val = mix(p) >> 8;
    PSET(node[p], next, node[(p + 1) % n]);
  }
  S.head = S.cur = node[0];
  free(node);
}

static void setup_hash(size_t n, int k) {
  hash_bits = 0;
  while (((size_t)1 << hash_bits) < n / 4) /* load factor 4 */
    hash_bits++;
  size_t nb = (size_t)1 << hash_bits;
  S.buckets = bench_alloc(0, nb * sizeof(struct bucket));
  for (size_t b = 0; b < nb; b++)
    PSET_NULL(&S.buckets[b], head);
  int o = 0;
  for (size_t i = 0; i < n; i++) {
    P(struct hnode) h = bench_alloc(o, sizeof *h);
    o = o + 1 == k ? 0 : o + 1;
    h->key = S.keys[i];
    h->val = i;
    P(struct bucket) b = &S.buckets[hash(S.keys[i])];
    P(struct hnode) first = PGET(b, head);
    PSET(h, next, first);
    PSET(b, head, h);
  }
}

static void setup(const struct workload *w, const char *dir) {
  S.w = w;
  size_t n = w->n, per = (n + (size_t)w->k - 1) / (size_t)w->k;
  size_t cap = per * node_size(w->kind) + 4096;
  if (w->kind == HASH)
    cap += (n / 4) * sizeof(struct bucket);
  bench_objects_open(w->k, cap, dir);
  S.keys = malloc(n * sizeof *S.keys);
  S.lookup = malloc(n * sizeof *S.lookup);
  if (!S.keys || !S.lookup)
    die("malloc", "out of memory");
  uint32_t *perm = permutation(n, 77);
  for (size_t i = 0; i < n; i++)
    S.keys[i] = mix(i + 12345);
  for (size_t i = 0; i < n; i++)
    S.lookup[i] = S.keys[perm[i]];
  free(perm);
  switch (w->kind) {
  case CHASE:
    setup_chase(n, w->k);
    break;
  case TREE:
    S.root = k_build_tree(S.keys, n, w->k);
    break;
  case HASH:
    setup_hash(n, w->k);
    break;
  case BUILD_LIST: /* a first build faults the arena's pages in */
    S.head = k_build_list(n, w->k);
    break;
  case BUILD_TREE:
    S.root = k_build_tree(S.keys, n, w->k);
    break;
  }
}

/* One timed unit of work: `iters` hops / lookups / builds. Returns ops done. */
static uint64_t run(uint64_t iters) {
  const struct workload *w = S.w;
  switch (w->kind) {
  case CHASE:
    S.cur = k_chase(S.cur, iters, &S.sink);
    return iters;
  case TREE:
    S.sink += k_tree_lookup(S.root, S.lookup, w->n - 1, S.pos, iters);
    S.pos += iters;
    return iters;
  case HASH:
    S.sink += k_hash_lookup(S.buckets, S.lookup, w->n - 1, S.pos, iters);
    S.pos += iters;
    return iters;
  case BUILD_LIST:
    for (uint64_t i = 0; i < iters; i++) {
      bench_reset();
      S.head = k_build_list(w->n, w->k);
    }
    return iters * w->n;
  case BUILD_TREE:
    for (uint64_t i = 0; i < iters; i++) {
      bench_reset();
      S.root = k_build_tree(S.keys, w->n, w->k);
    }
    return iters * w->n;
  }
  return 0;
}

/* A checksum of the structure as this variant sees it; it must be the same in
 * all four builds (run.py compares them), which checks the translation. */
static uint64_t check(void) {
  const struct workload *w = S.w;
  uint64_t h = 0;
  switch (w->kind) {
  case CHASE:
  case BUILD_LIST: { /* order-sensitive walk of the whole list */
    P(struct lnode) n = S.head;
    for (size_t i = 0; i < w->n && n; i++) {
      h = h * 31 + n->val;
      n = PGET(n, next);
    }
    return h ^ (n == (w->kind == CHASE ? S.head : NULL) ? 0 : 1); /* ends where it should */
  }
  case TREE:
  case BUILD_TREE:
    return k_tree_lookup(S.root, S.lookup, w->n - 1, 0, w->n);
  case HASH:
    return k_hash_lookup(S.buckets, S.lookup, w->n - 1, 0, w->n);
  }
  return h;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static long env_long(const char *name, long dflt) {
  const char *v = getenv(name);
  return v && *v ? strtol(v, NULL, 10) : dflt;
}

/* Calibrate so one repetition takes >= BENCH_MIN_MS, then report the median
 * ns/op over BENCH_REPS repetitions. */
static void time_workload(const struct workload *w) {
  int reps = (int)env_long("BENCH_REPS", 7);
  double min_ns = (double)env_long("BENCH_MIN_MS", 60) * 1e6;
  if (reps < 1 || reps > 101)
    die("BENCH_REPS", "out of range 1..101");
  uint64_t iters = (w->kind == BUILD_LIST || w->kind == BUILD_TREE) ? 1 : 4096;
  for (;;) {
    double t0 = now_ns();
    run(iters);
    double t = now_ns() - t0;
    if (t >= min_ns)
      break;
    double scale = t > 0 ? 1.3 * min_ns / t : 100;
    iters = (uint64_t)((double)iters * (scale < 2 ? 2 : scale > 100 ? 100 : scale)) + 1;
  }
  double per_op[101];
  uint64_t ops = 0;
  for (int r = 0; r < reps; r++) {
    double t0 = now_ns();
    ops = run(iters);
    per_op[r] = (now_ns() - t0) / (double)ops;
  }
  qsort(per_op, (size_t)reps, sizeof per_op[0], cmp_double);
  printf("name=%s variant=%s ns_per_op=%.3f min=%.3f max=%.3f ops_per_rep=%" PRIu64
         " reps=%d check=%016" PRIx64 " sink=%" PRIu64 "\n",
         w->name, VARIANT, per_op[reps / 2], per_op[0], per_op[reps - 1], ops, reps, check(),
         S.sink);
}

/* Under `valgrind --tool=callgrind --collect-atstart=no`: warm up (fills
 * caches, binds lazy symbols), then count exactly one run of the kernel. */
static void callgrind_workload(const struct workload *w) {
  if (!HAVE_CALLGRIND)
    die("callgrind", "built without <valgrind/callgrind.h>");
  uint64_t iters = w->kind == CHASE ? 100000 : (w->kind == TREE || w->kind == HASH) ? 20000 : 1;
  run(iters);
  CALLGRIND_TOGGLE_COLLECT;
  uint64_t ops = run(iters);
  CALLGRIND_TOGGLE_COLLECT;
  printf("name=%s variant=%s ops=%" PRIu64 " check=%016" PRIx64 "\n", w->name, VARIANT, ops,
         check());
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "list") == 0) {
    for (size_t i = 0; i < N_WORKLOADS; i++)
      printf("%s %d %s\n", workloads[i].name, workloads[i].cg, workloads[i].what);
    return 0;
  }
  if (argc != 3 || (strcmp(argv[1], "run") != 0 && strcmp(argv[1], "callgrind") != 0)) {
    fprintf(stderr, "usage: %s list | run NAME | callgrind NAME\n", argv[0]);
    return 2;
  }
  const struct workload *w = NULL;
  for (size_t i = 0; i < N_WORKLOADS; i++)
    if (strcmp(workloads[i].name, argv[2]) == 0)
      w = &workloads[i];
  if (!w)
    die(argv[2], "no such workload (see `list`)");
  const char *dir = getenv("BENCH_DIR");
  setup(w, dir && *dir ? dir : ".");
  if (strcmp(argv[1], "run") == 0)
    time_workload(w);
  else
    callgrind_workload(w);
  bench_objects_close();
  return 0;
}
