// The BSD red-black tree (libbsd's <bsd/sys/tree.h>), made persistent
// without rewriting it: a sed adds __persistent to the pointer types of its
// macros. 200 nodes spread round-robin over 4 objects are inserted, a
// pseudo-random half is removed (RB_REMOVE copies a node's RB_ENTRY into
// another node, `(elm)->field = (old)->field`: a struct of three pointers
// copied between objects), and the tree is walked in order in process 1 and
// again in processes 2 and 3, which also look keys up with RB_FIND (the key
// is a node in an object: a stack key cannot be cast to a __persistent
// pointer). The walks are checked against the set the program computes by
// itself, against the red-black invariants, and against a plain-C build of
// this file (clang-19 without twz, __persistent defined empty).
//
// The sed, over the header's macro bodies:
//   `struct type *` -> `struct type __persistent *`: every node pointer (the
//       RB_ENTRY links, the RB_HEAD root, locals, parameters, results);
//   `struct name *` -> `struct name __persistent *`: the head, which lives in
//       an object too (the generated functions take a pointer to it).
// Nothing else in the RB macros is a pointer. (The splay-tree macros get
// the same substitutions; they are not used here.)
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: sed -e 's/struct \(type\|name\) \*/struct \1 __persistent */g' /usr/include/bsd/sys/tree.h > %t.dir/ptree.h
// RUN: grep -c 'struct type __persistent \*' %t.dir/ptree.h | FileCheck %s --check-prefix=SED
// RUN: not grep -n 'struct \(type\|name\) \*' %t.dir/ptree.h
// SED: {{[4-9][0-9]}}
//
// The plain-C build gives the walk every twz build must print.
// RUN: %clang -O2 -D__persistent= -DPLAIN -I%t.dir %s -o %t.plain
// RUN: %t.plain build > %t.plain.out
// RUN: FileCheck %s --check-prefix=BUILD < %t.plain.out
// RUN: grep '^walk' %t.plain.out > %t.walk1
// RUN: cat %t.walk1 %t.walk1 %t.walk1 > %t.walk3
//
// RUN: rm -rf %t.s0 && %twz-clang -O0 -I%t.dir -I%S/Inputs %s -o %t.O0
// RUN: %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s --check-prefixes=BUILD,SHOW < %t.out0
// RUN: grep '^walk' %t.out0 > %t.walk0 && diff %t.walk3 %t.walk0
// RUN: rm -rf %t.s2 && %twz-clang -O2 -I%t.dir -I%S/Inputs %s -o %t.O2
// RUN: %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s --check-prefixes=BUILD,SHOW < %t.out2
// RUN: grep '^walk' %t.out2 > %t.walk2 && diff %t.walk3 %t.walk2
//
// BUILD:      inserted 200 (duplicates 0), removed 100 (not found 0)
// BUILD-NEXT: walk: count 100
// BUILD-NEXT: walk: keys {{([0-9]+ ){99}[0-9]+$}}
// BUILD-NEXT: walk: homes {{[0-9]+ [0-9]+ [0-9]+ [0-9]+$}}
// BUILD-NEXT: matches the expected set: yes
// BUILD-NEXT: red-black tree valid: yes
// SHOW-NEXT:  process 2: mapped elsewhere than before: yes
// SHOW-NEXT:  walk: count 100
// SHOW-NEXT:  walk: keys
// SHOW-NEXT:  walk: homes
// SHOW-NEXT:  matches the expected set: yes
// SHOW-NEXT:  red-black tree valid: yes
// SHOW-NEXT:  reverse walk agrees: yes
// SHOW-NEXT:  RB_FIND: 100 of 100 present keys found, 0 of 100 removed keys found
// SHOW-NEXT:  process 3: mapped elsewhere than before: yes
// SHOW-NEXT:  walk: count 100
// SHOW-NEXT:  walk: keys
// SHOW-NEXT:  walk: homes
// SHOW-NEXT:  matches the expected set: yes
// SHOW-NEXT:  red-black tree valid: yes
// SHOW-NEXT:  reverse walk agrees: yes
// SHOW-NEXT:  RB_FIND: 100 of 100 present keys found, 0 of 100 removed keys found
// SHOW-NOT:   {{.}}
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ptree.h"

#define NKEYS 200
#define NREMOVE 100
#define NOBJ 4

#ifdef PLAIN
/* Plain C, one process: malloc'd arenas stand in for the objects. */
typedef struct {
  char *mem;
  size_t used;
} twz_object;
static twz_object *obj_create(int i) {
  (void)i;
  twz_object *o = calloc(1, sizeof *o);
  o->mem = calloc(1, 1 << 20);
  return o;
}
static void *obj_alloc(twz_object *o, size_t size) {
  void *p = o->mem + o->used;
  o->used += (size + 15) & ~(size_t)15;
  return p;
}
#define CHECK_OK(x)                                                                      \
  do {                                                                                   \
    if (!(x))                                                                            \
      exit(1);                                                                           \
  } while (0)
#else
#include "shapes.h"
static twz_object *obj_create(int i) {
  char name[8];
  snprintf(name, sizeof name, "rb%d", i);
  return twz_object_create(name);
}
static void __persistent *obj_alloc(twz_object *o, size_t size) {
  return twz_object_alloc(o, size, 16);
}
#endif

struct node {
  RB_ENTRY(node) entry;
  int key;
  int home; /* the object it was allocated in */
};

RB_HEAD(tree, node);

struct root {
  struct tree head;
  struct node key; /* the key RB_FIND searches for */
  unsigned long bases[3];
};

static int cmp(struct node __persistent *a, struct node __persistent *b) {
  return a->key < b->key ? -1 : a->key > b->key;
}

/* Not RB_GENERATE_STATIC: libbsd leaves the __unused it needs undefined. */
RB_GENERATE(tree, node, entry, cmp)

/* The keys in insertion order, and the keys to remove: two shuffles of
 * 10, 13, 16, ... by a fixed LCG, recomputed by every process. */
static unsigned long long lcg_state;
static unsigned rnd(unsigned n) {
  lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
  return (unsigned)(lcg_state >> 33) % n;
}
static void shuffled(int keys[NKEYS], unsigned long long seed) {
  lcg_state = seed;
  for (int i = 0; i < NKEYS; i++)
    keys[i] = 10 + 3 * i;
  for (int i = NKEYS - 1; i > 0; i--) {
    int j = (int)rnd((unsigned)i + 1), t = keys[i];
    keys[i] = keys[j];
    keys[j] = t;
  }
}
static int insert_order[NKEYS], remove_order[NKEYS];
static char removed[10 + 3 * NKEYS];
static void plan(void) {
  shuffled(insert_order, 12345);
  shuffled(remove_order, 67890);
  for (int i = 0; i < NREMOVE; i++)
    removed[remove_order[i]] = 1;
}

/* Red-black invariants: parent links, no red child of a red node, the same
 * number of black nodes on every path; returns the black height, or -1. */
static int black_height(struct node __persistent *n, struct node __persistent *parent) {
  if (!n)
    return 1;
  if (RB_PARENT(n, entry) != parent)
    return -1;
  if (RB_COLOR(n, entry) == RB_RED && parent && RB_COLOR(parent, entry) == RB_RED)
    return -1;
  int l = black_height(RB_LEFT(n, entry), n), r = black_height(RB_RIGHT(n, entry), n);
  if (l < 0 || l != r)
    return -1;
  return l + (RB_COLOR(n, entry) == RB_BLACK);
}

static void walk(struct root __persistent *r) {
  struct node __persistent *n;
  int count = 0, homes[NOBJ] = {0}, keys[NKEYS], ok = 1;
  RB_FOREACH(n, tree, &r->head) {
    if (count < NKEYS)
      keys[count] = n->key;
    count++;
    homes[n->home % NOBJ]++;
  }
  printf("walk: count %d\nwalk: keys", count);
  for (int i = 0; i < count && i < NKEYS; i++)
    printf(" %d", keys[i]);
  printf("\nwalk: homes %d %d %d %d\n", homes[0], homes[1], homes[2], homes[3]);
  /* The expected walk: the keys not removed, ascending. */
  int k = 0;
  for (int key = 10; key < 10 + 3 * NKEYS; key += 3)
    if (!removed[key])
      ok &= k < count && keys[k++] == key;
  ok &= k == count;
  printf("matches the expected set: %s\n", ok ? "yes" : "no");
  struct node __persistent *root = RB_ROOT(&r->head);
  int valid = black_height(root, NULL) > 0 && (!root || RB_COLOR(root, entry) == RB_BLACK);
  printf("red-black tree valid: %s\n", valid ? "yes" : "no");
}

#ifndef PLAIN
static void show(struct root __persistent *r) {
  walk(r);
  /* Backwards from the maximum: the same keys, descending. */
  int prev = 1 << 30, count = 0, ok = 1;
  struct node __persistent *n;
  RB_FOREACH_REVERSE(n, tree, &r->head) {
    ok &= n->key < prev;
    prev = n->key;
    count++;
  }
  printf("reverse walk agrees: %s\n", ok && count == NKEYS - NREMOVE ? "yes" : "no");
  int present = 0, found_present = 0, found_removed = 0;
  for (int i = 0; i < NKEYS; i++) {
    int key = insert_order[i];
    r->key.key = key;
    n = RB_FIND(tree, &r->head, &r->key);
    if (removed[key])
      found_removed += n != NULL;
    else {
      present++;
      found_present += n != NULL && n->key == key;
    }
  }
  printf("RB_FIND: %d of %d present keys found, %d of %d removed keys found\n", found_present,
         present, found_removed, NKEYS - present);
}
#endif

int main(int argc, char **argv) {
  if (argc != 2 || (strcmp(argv[1], "build") && strcmp(argv[1], "show")))
    return 2;
  setvbuf(stdout, NULL, _IOLBF, 0);
  plan();
  twz_object *o[NOBJ];
  struct root __persistent *r;
#ifndef PLAIN
  if (!strcmp(argv[1], "show")) {
    for (int i = 0; i < NOBJ; i++) {
      char name[8];
      snprintf(name, sizeof name, "rb%d", i);
      CHECK_OK(o[i] = twz_object_open(name));
    }
    CHECK_OK(r = twz_object_root(o[0]));
    mapped_elsewhere(o[0], r->bases);
    show(r);
    return 0;
  }
#endif
  for (int i = 0; i < NOBJ; i++)
    CHECK_OK(o[i] = obj_create(i));
  CHECK_OK(r = obj_alloc(o[0], sizeof *r));
#ifndef PLAIN
  CHECK_OK(twz_object_set_root(o[0], r) == 0);
  mapped_elsewhere(o[0], r->bases);
#endif
  RB_INIT(&r->head);
  int dups = 0, missing = 0;
  for (int i = 0; i < NKEYS; i++) {
    struct node __persistent *n;
    CHECK_OK(n = obj_alloc(o[i % NOBJ], sizeof *n));
    n->key = insert_order[i];
    n->home = i % NOBJ;
    dups += RB_INSERT(tree, &r->head, n) != NULL;
  }
  for (int i = 0; i < NREMOVE; i++) {
    r->key.key = remove_order[i];
    struct node __persistent *n = RB_FIND(tree, &r->head, &r->key);
    if (!n) {
      missing++;
      continue;
    }
    CHECK_OK(RB_REMOVE(tree, &r->head, n) == n);
  }
  printf("inserted %d (duplicates %d), removed %d (not found %d)\n", NKEYS, dups,
         NREMOVE - missing, missing);
  walk(r);
  return 0;
}
