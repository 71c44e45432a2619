#!/usr/bin/env python3
"""Generate one random, well-defined C program that builds and mutates a
pointer graph over several objects, in two variants from one template:

  plain  ordinary C: nodes come from calloc, `#define P` is empty
  twz    `#define P __persistent`, node i of object k is allocated with
         twz_object_alloc in object k (made by twz_object_create)

Only the prelude (allocation, the qualifier, publishing the graph for a
second process) differs; the body is the same text. Built and run, both
print the same trace and digest; test/random/run.py compares them.

Usage: gen.py SEED [-o DIR] [--disable CAT,...]
writes DIR/seed<SEED>-plain.c and DIR/seed<SEED>-twz.c (DIR defaults to .).
See test/random/README.md for the op menu.
"""
import argparse
import os
import random
import sys

# The op menu: name -> (category, weight). Categories can be disabled with
# --disable (for instance to keep testing while a toolchain bug is open).
OPS = {
    # roots (locals r0..r5) and plain loads/stores of pointer fields
    "root_node": ("basic", 4),
    "root_null": ("basic", 1),
    "root_copy": ("basic", 1),
    "load_next": ("basic", 3),
    "load_arr": ("basic", 3),
    "load_inner": ("basic", 2),
    "store_next": ("basic", 4),
    "store_arr": ("basic", 4),
    "store_inner": ("basic", 3),
    "store_edge": ("basic", 2),
    "packed": ("basic", 2),
    "update_val": ("basic", 3),
    "deref_chain": ("basic", 2),
    "compare": ("basic", 2),
    "walk_next": ("basic", 2),
    "unlink": ("basic", 1),
    "insert": ("basic", 2),
    "branch": ("basic", 1),
    "select_load": ("basic", 2),
    "reverse_arr": ("basic", 1),
    "varargs": ("basic", 1),
    "bits": ("basic", 1),
    # pointer to pointer: &n->field passed to helpers
    "pp_set": ("ptrptr", 3),
    "pp_get": ("ptrptr", 2),
    "pp_swap": ("ptrptr", 2),
    "pp_follow": ("ptrptr", 1),
    "pp_local": ("ptrptr", 2),
    "pp_array": ("ptrptr", 2),
    # slot: a stored pointer to a pointer field (struct node P *P *)
    "slot_set": ("slot", 2),
    "slot_store": ("slot", 2),
    "slot_load": ("slot", 2),
    "slot_arith": ("slot", 1),
    "slot_helper": ("slot", 1),
    "slot_copy": ("slot", 1),
    # pointer arithmetic within the node arrays
    "arith_fwd": ("arith", 2),
    "arith_back": ("arith", 2),
    "arith_index": ("arith", 1),
    "arith_diff": ("arith", 1),
    "arith_less": ("arith", 1),
    "arith_store": ("arith", 2),
    "loop_chain": ("arith", 2),
    "loop_sum": ("arith", 1),
    # struct copies (whole-struct assignment, locals, nested struct)
    "copy_node": ("copy", 3),
    "copy_to_local": ("copy", 2),
    "copy_from_local": ("copy", 2),
    "copy_via_temp": ("copy", 2),
    "copy_inner": ("copy", 2),
    "copy_inner_local": ("copy", 1),
    "copy_edge": ("copy", 2),
    "copy_literal": ("copy", 1),
    "copy_select": ("copy", 1),
    "copy_loop": ("copy", 1),
    "copy_shift": ("copy", 1),
    "edit_local": ("copy", 2),
    "read_local": ("copy", 2),
    # structs by value: returned and passed
    "ret_to_local": ("byvalue", 2),
    "ret_to_object": ("byvalue", 2),
    "ret_load": ("byvalue", 1),
    "pass_node": ("byvalue", 2),
    "pass_and_return": ("byvalue", 1),
    "edge_ret": ("byvalue", 2),
    "edge_pass": ("byvalue", 1),
    "inner_by_value": ("byvalue", 1),
    # memcpy of a typed struct through void *
    "memcpy_node": ("memcpy", 2),
    "memcpy_to_local": ("memcpy", 1),
    "memcpy_from_local": ("memcpy", 1),
    "memcpy_inner": ("memcpy", 1),
    "memcpy_nodes": ("memcpy", 1),
    # __atomic builtins on pointer fields
    "atomic_load": ("atomic", 2),
    "atomic_store": ("atomic", 2),
    "atomic_xchg": ("atomic", 2),
    "atomic_cas": ("atomic", 2),
    "atomic_cas_loop": ("atomic", 1),
    "atomic_generic": ("atomic", 1),
    "atomic_local": ("atomic", 1),
    # C11 _Atomic(struct node P *) in object memory
    "c11_store": ("c11", 1),
    "c11_load": ("c11", 1),
    "c11_xchg": ("c11", 1),
    "c11_cas": ("c11", 1),
    # print a hash of the whole state (localises a divergence)
    "checkpoint": ("checkpoint", 2),
}
CATEGORIES = sorted({cat for cat, _ in OPS.values()})

NROOT = 6  # root pointer locals r0..r5
NLOC = 2  # struct node locals l0, l1
NARR = 3  # node.arr
NCELL = 2  # C11 atomic cells per object
NFIELD = 7  # pointer fields a slot can point to: next, arr[0..2], in.link, in.pair[0..1]
MAXOBJ = 6  # objects per seed: 4..MAXOBJ
MAXPER = 6  # nodes per object: 3..MAXPER

COMMON_HEAD = r"""
/* Each seed picks nobj objects of nper nodes (at most MAXOBJ, MAXPER). */
#define MAXOBJ @MAXOBJ@
#define MAXPER @MAXPER@
#define MAXTOT (MAXOBJ * MAXPER)
#define NARR @NARR@
#define NROOT @NROOT@
#define NCELL @NCELL@

struct node;
struct edge { /* 16 bytes: passed and returned in registers */
  struct node P *from;
  struct node P *to;
};
struct inner {
  unsigned tag;
  struct node P *link;
  struct node P *pair[2];
};
struct packed { /* an unaligned pointer */
  unsigned char c;
  struct node P *p;
} __attribute__((packed));
struct node {
  unsigned val;
  unsigned flags : 5; /* bit-fields and a byte in the padding before next */
  unsigned kind : 3;
  unsigned char mark;
  struct node P *next;
  struct node P *arr[NARR];
  struct inner in;
  struct edge e;
  struct packed pk;
  struct node P *P *slot; /* NULL or the address of a pointer field of a node */
};
struct cell {
  _Atomic(struct node P *) ap;
  unsigned n;
};
/* What a second process needs to print the digest (twz variant only). */
struct dir {
  int nobj, nper;
  struct node P *base[MAXOBJ];
  struct cell P *cells[MAXOBJ];
  struct node P *roots[NROOT];
  struct node locals[2];
  unsigned acc;
};
"""

TWZ_PRELUDE = r"""/* Variant twz: nodes of object k live in twz object "rand<k>". */
#include <twz/twz.h>
#define P __persistent

static twz_object *objs[16];

static void die(const char *what) {
  fprintf(stderr, "%s: %s\n", what, twz_error());
  exit(2);
}

/* Zeroed memory for `size` bytes in object k. */
static void P *obj_alloc(int k, size_t size) {
  if (!objs[k]) {
    char name[16];
    snprintf(name, sizeof name, "rand%d", k);
    if (!(objs[k] = twz_object_create(name)))
      die("twz_object_create");
  }
  void P *p = twz_object_alloc(objs[k], size, 16);
  if (!p)
    die("twz_object_alloc");
  return p;
}

/* Make d the root of object 0 (a second process finds it by name). */
static void publish(void P *d) {
  if (twz_object_set_root(objs[0], d) != 0)
    die("twz_object_set_root");
}

/* The published directory, or NULL if this variant cannot reopen. */
static void P *reopen(void) {
  twz_object *o = twz_object_open("rand0");
  if (!o)
    die("twz_object_open");
  return twz_object_root(o);
}

/* Does b point into the object named "rand<k>"? */
static int in_object(int k, const void P *b) {
  char name[16];
  snprintf(name, sizeof name, "rand%d", k);
  twz_object *o = twz_object_open(name);
  return o && twz_object_of(b) == o;
}
"""

PLAIN_PRELUDE = r"""/* Variant plain: ordinary C, nodes from calloc. */
#define P

static void *obj_alloc(int k, size_t size) {
  (void)k;
  void *p = calloc(1, size);
  if (!p) {
    perror("calloc");
    exit(2);
  }
  return p;
}

static void publish(void *d) { (void)d; }

static void *reopen(void) { return NULL; }

static int in_object(int k, const void *b) {
  (void)k;
  (void)b;
  return 1;
}
"""

# Helpers shared by every program (the body after the prelude).
HELPERS = r"""
static int nobj, nper;                /* this seed's shape */
static struct node P *base[MAXOBJ]; /* node i of object k is base[k] + i */
static struct cell P *cells[MAXOBJ];

/* Identity of a node pointer: k * nper + i, -1 for NULL, -2 for a pointer
 * to no node (only a broken translation makes one). Not inlined: it is
 * called everywhere, and inlined it would double the compile time. */
__attribute__((noinline)) static int ident(const struct node P *p) {
  if (!p)
    return -1;
  for (int k = 0; k < nobj; k++)
    for (int i = 0; i < nper; i++)
      if (p == base[k] + i)
        return k * nper + i;
  return -2;
}

static void put_ident(const struct node P *p) {
  int x = ident(p);
  if (x == -1)
    printf(" -");
  else if (x == -2)
    printf(" ??");
  else
    printf(" %d.%d", x / nper, x % nper);
}

static unsigned mix(unsigned h, unsigned v) { return (h ^ v) * 16777619u; }
static unsigned mix_ptr(unsigned h, const struct node P *p) { return mix(h, (unsigned)(ident(p) + 2)); }

static struct node P *node_at(int x) { return x < 0 ? NULL : base[x / nper] + x % nper; }

/* Pointer field f of node m: 0 next, 1..3 arr[0..2], 4 in.link, 5..6 in.pair[0..1]. */
#define NFIELD 7
static const char *const field_name[NFIELD] = {"next", "arr0", "arr1", "arr2", "link", "pair0", "pair1"};

static struct node P *P *field_of(struct node P *m, int f) {
  switch (f) {
  case 0:
    return &m->next;
  case 1:
  case 2:
  case 3:
    return &m->arr[f - 1];
  case 4:
    return &m->in.link;
  default:
    return &m->in.pair[f - 5];
  }
}

/* Identity of a slot: node * 8 + field, -1 for NULL, -2 for anything else. */
__attribute__((noinline)) static int slot_ident(struct node P *P *s) {
  if (!s)
    return -1;
  for (int x = 0; x < nobj * nper; x++)
    for (int f = 0; f < NFIELD; f++)
      if (s == field_of(node_at(x), f))
        return x * 8 + f;
  return -2;
}

static void put_slot(struct node P *P *s) {
  int x = slot_ident(s);
  if (x == -1)
    printf(" -");
  else if (x == -2)
    printf(" ??");
  else
    printf(" %d.%d:%s", x / 8 / nper, x / 8 % nper, field_name[x % 8]);
}

static unsigned mix_slot(unsigned h, struct node P *P *s) { return mix(h, (unsigned)(slot_ident(s) + 2)); }

static struct node P *P *slot_at(int code) { return code < 0 ? NULL : field_of(node_at(code / 8), code % 8); }

static void init_node(struct node P *n, unsigned val, int next, int a0, int a1, int a2, int link,
                      int p0, int p1, int slot) {
  n->val = val;
  n->flags = val & 31u;
  n->kind = (val >> 5) & 7u;
  n->mark = (unsigned char)(val >> 8);
  n->slot = slot_at(slot);
  n->next = node_at(next);
  n->arr[0] = node_at(a0);
  n->arr[1] = node_at(a1);
  n->arr[2] = node_at(a2);
  n->in.tag = val ^ 0x5a5au;
  n->in.link = node_at(link);
  n->in.pair[0] = node_at(p0);
  n->in.pair[1] = node_at(p1);
  n->e.from = n;
  n->e.to = node_at(next);
  n->pk.c = (unsigned char)val;
  n->pk.p = node_at(link);
}

static void init_local(struct node *l, unsigned val) {
  l->val = val;
  l->flags = 0;
  l->kind = 0;
  l->mark = 0;
  l->slot = NULL;
  l->next = NULL;
  for (int a = 0; a < NARR; a++)
    l->arr[a] = NULL;
  l->in.tag = 0;
  l->in.link = NULL;
  l->in.pair[0] = l->in.pair[1] = NULL;
  l->e.from = l->e.to = NULL;
  l->pk.c = 0;
  l->pk.p = NULL;
}

/* Field by field (not a struct copy, which the ops test): a node in object
 * memory to a local and back. */
static void load_local(struct node *d, const struct node P *s) {
  d->val = s->val;
  d->flags = s->flags;
  d->kind = s->kind;
  d->mark = s->mark;
  d->next = s->next;
  for (int a = 0; a < NARR; a++)
    d->arr[a] = s->arr[a];
  d->in.tag = s->in.tag;
  d->in.link = s->in.link;
  d->in.pair[0] = s->in.pair[0];
  d->in.pair[1] = s->in.pair[1];
  d->e.from = s->e.from;
  d->e.to = s->e.to;
  d->pk.c = s->pk.c;
  d->pk.p = s->pk.p;
  d->slot = s->slot;
}

static void save_node(struct node P *d, const struct node *s) {
  d->val = s->val;
  d->flags = s->flags;
  d->kind = s->kind;
  d->mark = s->mark;
  d->next = s->next;
  for (int a = 0; a < NARR; a++)
    d->arr[a] = s->arr[a];
  d->in.tag = s->in.tag;
  d->in.link = s->in.link;
  d->in.pair[0] = s->in.pair[0];
  d->in.pair[1] = s->in.pair[1];
  d->e.from = s->e.from;
  d->e.to = s->e.to;
  d->pk.c = s->pk.c;
  d->pk.p = s->pk.p;
  d->slot = s->slot;
}

static unsigned hash_node(unsigned h, const struct node *n) {
  h = mix(h, n->val);
  h = mix(h, (unsigned)n->flags << 16 | (unsigned)n->kind << 8 | n->mark);
  h = mix_ptr(h, n->next);
  for (int a = 0; a < NARR; a++)
    h = mix_ptr(h, n->arr[a]);
  h = mix(h, n->in.tag);
  h = mix_ptr(h, n->in.link);
  h = mix_ptr(mix_ptr(h, n->in.pair[0]), n->in.pair[1]);
  h = mix_ptr(mix_ptr(h, n->e.from), n->e.to);
  h = mix_ptr(mix(h, n->pk.c), n->pk.p);
  return mix_slot(h, n->slot);
}

/* The same, reading the node where it is (object memory in twz). */
static unsigned hash_node_at(unsigned h, const struct node P *n) {
  struct node l;
  load_local(&l, n);
  return hash_node(h, &l);
}

static unsigned hash_graph(void) {
  unsigned h = 2166136261u;
  for (int k = 0; k < nobj; k++) {
    for (int i = 0; i < nper; i++)
      h = hash_node_at(h, base[k] + i);
    for (int c = 0; c < NCELL; c++)
      h = mix(mix_ptr(h, atomic_load(&cells[k][c].ap)), cells[k][c].n);
  }
  return h;
}

static void checkpoint(int op, unsigned acc, struct node P *const *roots, const struct node *l0,
                       const struct node *l1) {
  unsigned h = hash_graph();
  for (int j = 0; j < NROOT; j++)
    h = mix_ptr(h, roots[j]);
  h = hash_node(hash_node(h, l0), l1);
  printf("op %d: acc %08x state %08x\n", op, acc, h);
}

/* --- helpers the ops call --- */

static void set_ref(struct node P *P *pp, struct node P *v) { *pp = v; }

static struct node P *get_ref(struct node P *P *pp) { return *pp; }

static void swap_ref(struct node P *P *a, struct node P *P *b) {
  struct node P *t = *a;
  *a = *b;
  *b = t;
}

/* Move *pp along next pointers, at most `steps` times. */
static void follow_ref(struct node P *P *pp, unsigned steps) {
  while (steps-- && *pp && (*pp)->next)
    *pp = (*pp)->next;
}

/* A pointer to a local that holds a persistent pointer. */
static void set_local_ref(struct node P **pp, struct node P *v) { *pp = v; }

/* Walk an array of pointers with a pointer to pointer; rotate it. */
static unsigned visit_refs(struct node P *P *v, int n) {
  unsigned h = 0;
  for (struct node P *P *s = v; s < v + n; s++)
    if (*s) {
      (*s)->val += 1u;
      h = mix_ptr(h, *s);
    }
  struct node P *first = v[0];
  for (int a = 0; a + 1 < n; a++)
    v[a] = v[a + 1];
  v[n - 1] = first;
  return h;
}

static struct node P *walk(struct node P *p, unsigned steps) {
  while (steps-- && p && p->next)
    p = p->next;
  return p;
}

static struct node make_node(unsigned val, struct node P *a, struct node P *b) {
  struct node r;
  init_local(&r, val);
  r.flags = val & 31u;
  r.slot = a ? &a->arr[1] : NULL;
  r.next = a;
  r.arr[1] = b;
  r.in.link = a;
  r.in.pair[1] = b;
  r.e.from = b;
  r.e.to = a;
  return r;
}

static struct node load_node(struct node P *p) { return *p; }

static unsigned weigh(struct node n) {
  unsigned h = n.val * 3u + n.in.tag;
  h = mix_ptr(h, n.next);
  h = mix_ptr(h, n.arr[0]);
  h = mix_ptr(h, n.in.pair[1]);
  if (n.next)
    h = mix(h, n.next->val);
  h = mix(h, n.kind + n.mark);
  h = mix_slot(h, n.slot);
  return mix_ptr(h, n.e.to);
}

static struct node bump(struct node n, unsigned c) {
  n.val += c;
  n.kind = (n.kind + 1u) & 7u;
  if (n.next)
    n.slot = &n.next->next;
  n.arr[0] = n.next;
  n.in.link = n.e.from;
  return n;
}

static struct edge make_edge(struct node P *from, struct node P *to) {
  struct edge e = {from, to};
  return e;
}

static unsigned edge_weight(struct edge e) {
  unsigned h = mix_ptr(mix_ptr(7u, e.from), e.to);
  return e.from ? mix(h, e.from->val) : h;
}

static struct edge flip(struct edge e) {
  struct edge f = {e.to, e.from};
  return f;
}

/* Persistent pointers through varargs. */
static unsigned va_idents(int n, ...) {
  va_list ap;
  unsigned h = 0;
  va_start(ap, n);
  for (int i = 0; i < n; i++) {
    struct node P *p = va_arg(ap, struct node P *);
    h = mix_ptr(h, p);
    if (p)
      h = mix(h, p->val);
  }
  va_end(ap);
  return h;
}

/* 32 bytes: passed and returned in memory. */
static struct inner flip_inner(struct inner x) {
  struct node P *t = x.pair[0];
  x.pair[0] = x.pair[1];
  x.pair[1] = t;
  x.tag += 1u;
  return x;
}

/* --- the digest: everything reachable, by identity, never by address --- */

static void dump_node(const char *what, const struct node *n) {
  printf("%s: val %08x bits %u.%u.%u tag %08x next", what, n->val, n->flags, n->kind, n->mark, n->in.tag);
  put_ident(n->next);
  printf(" arr");
  for (int a = 0; a < NARR; a++)
    put_ident(n->arr[a]);
  printf(" link");
  put_ident(n->in.link);
  printf(" pair");
  put_ident(n->in.pair[0]);
  put_ident(n->in.pair[1]);
  printf(" edge");
  put_ident(n->e.from);
  put_ident(n->e.to);
  printf(" pk %u", n->pk.c);
  put_ident(n->pk.p);
  printf(" slot");
  put_slot(n->slot);
  printf("\n");
}

static void dump_node_at(int k, int i, const struct node P *n) {
  char what[16];
  struct node l;
  snprintf(what, sizeof what, "node %d.%d", k, i);
  load_local(&l, n);
  dump_node(what, &l);
}

/* Follow next from p until NULL, a repeat, or a pointer to no node. */
static void walk_from(int j, const struct node P *p) {
  unsigned char seen[MAXTOT] = {0};
  printf("walk r%d:", j);
  for (int steps = 0; steps <= MAXTOT; steps++) {
    int x = ident(p);
    put_ident(p);
    if (x < 0)
      break;
    if (seen[x]) {
      printf(" (cycle)");
      break;
    }
    seen[x] = 1;
    p = p->next;
  }
  printf("\n");
}

/* Depth-first over every pointer field from the roots. */
static void reach(struct node P *const *roots, int nroots) {
  unsigned char seen[MAXTOT] = {0};
  const struct node P *stack[MAXTOT];
  int top = 0, count = 0;
  unsigned sum = 0;
  printf("reach:");
  for (int j = 0; j < nroots; j++) {
    int x = ident(roots[j]);
    if (x >= 0 && !seen[x]) {
      seen[x] = 1;
      stack[top++] = roots[j];
    }
    while (top > 0) {
      const struct node P *n = stack[--top];
      const struct node P *out[9] = {n->next,    n->arr[0],     n->arr[1],     n->arr[2], n->in.link,
                                     n->in.pair[0], n->in.pair[1], n->e.to, n->pk.p};
      put_ident(n);
      count++;
      sum += n->val;
      for (int o = 0; o < 9; o++) {
        int y = ident(out[o]);
        if (y >= 0 && !seen[y]) {
          seen[y] = 1;
          stack[top++] = out[o];
        }
      }
    }
  }
  printf("\nreached %d nodes, val sum %08x\n", count, sum);
}

static void digest(struct node P *const *roots, const struct node *l0, const struct node *l1,
                   unsigned acc) {
  printf("--- digest\n");
  printf("roots:");
  for (int j = 0; j < NROOT; j++)
    put_ident(roots[j]);
  printf("\n");
  dump_node("l0", l0);
  dump_node("l1", l1);
  for (int k = 0; k < nobj; k++) {
    for (int i = 0; i < nper; i++)
      dump_node_at(k, i, base[k] + i);
    for (int c = 0; c < NCELL; c++) {
      printf("cell %d.%d: n %u ap", k, c, cells[k][c].n);
      put_ident(atomic_load(&cells[k][c].ap));
      printf("\n");
    }
  }
  for (int j = 0; j < NROOT; j++)
    walk_from(j, roots[j]);
  reach(roots, NROOT);
  printf("acc %08x graph %08x\n", acc, hash_graph());
}

/* Save the state for a second process (`walk`): roots, locals, acc. */
static void save_state(struct node P *const *roots, const struct node *l0, const struct node *l1,
                       unsigned acc) {
  struct dir P *d = obj_alloc(0, sizeof *d);
  d->nobj = nobj;
  d->nper = nper;
  for (int k = 0; k < nobj; k++) {
    d->base[k] = base[k];
    d->cells[k] = cells[k];
  }
  for (int j = 0; j < NROOT; j++)
    d->roots[j] = roots[j];
  save_node(&d->locals[0], l0);
  save_node(&d->locals[1], l1);
  d->acc = acc;
  publish(d);
}

/* Process 2: reopen the objects by name and print the same digest. */
static int walk_saved(void) {
  struct dir P *d = reopen();
  if (!d) {
    printf("walk: this variant cannot reopen objects\n");
    return 2;
  }
  nobj = d->nobj;
  nper = d->nper;
  if (nobj < 1 || nobj > MAXOBJ || nper < 1 || nper > MAXPER) {
    printf("walk: bad shape %d x %d\n", nobj, nper);
    return 2;
  }
  for (int k = 0; k < nobj; k++) {
    base[k] = d->base[k];
    cells[k] = d->cells[k];
    if (!in_object(k, base[k]) || !in_object(k, cells[k]))
      printf("object %d: base or cells not in object rand%d\n", k, k);
  }
  struct node P *roots[NROOT];
  for (int j = 0; j < NROOT; j++)
    roots[j] = d->roots[j];
  struct node l0, l1;
  load_local(&l0, &d->locals[0]);
  load_local(&l1, &d->locals[1]);
  digest(roots, &l0, &l1, d->acc);
  return 0;
}

/* Allocate and link the initial graph: links[x] = next, arr[0..2], in.link,
 * in.pair[0..1] of node x (node numbers, -1 for NULL) and its slot (node *
 * 8 + field, -1 for NULL). */
static void setup(int objs, int per, const short (*links)[8], const unsigned *vals,
                  const signed char *cell) {
  nobj = objs;
  nper = per;
  for (int k = 0; k < nobj; k++) {
    base[k] = obj_alloc(k, nper * sizeof(struct node));
    cells[k] = obj_alloc(k, NCELL * sizeof(struct cell));
  }
  for (int x = 0; x < nobj * nper; x++) {
    const short *l = links[x];
    init_node(node_at(x), vals[x], l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]);
  }
  for (int k = 0; k < nobj; k++)
    for (int c = 0; c < NCELL; c++) {
      atomic_store(&cells[k][c].ap, node_at(cell[k * NCELL + c]));
      cells[k][c].n = 0;
    }
}
"""


class Gen:
    """Picks random operands; every op's code guards its own validity."""

    def __init__(self, seed, disabled, inject=None):
        self.rng = random.Random(seed)
        self.seed = seed
        self.inject = inject
        self.nobj = self.rng.randint(4, MAXOBJ)
        self.nper = self.rng.randint(3, MAXPER)
        self.ntot = self.nobj * self.nper
        self.menu = [(name, w) for name, (cat, w) in OPS.items() if cat not in disabled]
        if not self.menu:
            raise ValueError("every op category is disabled")

    def r(self):  # a root local
        return "r%d" % self.rng.randrange(NROOT)

    def two_roots(self):
        j, m = self.rng.sample(range(NROOT), 2)
        return "r%d" % j, "r%d" % m

    def loc(self):
        return "l%d" % self.rng.randrange(NLOC)

    def arr(self):
        return self.rng.randrange(NARR)

    def obj(self):
        return self.rng.randrange(self.nobj)

    def node(self):  # a node, by pointer arithmetic on its object's base
        return "base[%d] + %d" % (self.obj(), self.rng.randrange(self.nper))

    def const(self):
        return "%uu" % self.rng.randrange(1, 1 << 16)

    def link(self):  # one of the inner pointer fields
        return self.rng.choice(["in.link", "in.pair[0]", "in.pair[1]"])

    def field(self):  # any pointer field of a node
        return self.rng.choice(["next", "arr[%d]" % self.arr(), "in.link", "in.pair[%d]" % self.rng.randrange(2)])

    def cell(self):
        return "&cells[%d][%d].ap" % (self.obj(), self.rng.randrange(NCELL))

    # --- ops: each returns C statements (a list of lines) ---

    def op_root_node(self, n):
        return ["%s = %s;" % (self.r(), self.node())]

    def op_root_null(self, n):
        return ["%s = NULL;" % self.r()]

    def op_root_copy(self, n):
        j, m = self.two_roots()
        return ["%s = %s;" % (j, m)]

    def op_load_next(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % m, "  %s = %s->next;" % (j, m)]

    def op_load_arr(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % m, "  %s = %s->arr[%d];" % (j, m, self.arr())]

    def op_load_inner(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % m, "  %s = %s->%s;" % (j, m, self.link())]

    def op_store_next(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % j, "  %s->next = %s;" % (j, m)]

    def op_store_arr(self, n):
        j = self.r()
        return ["if (%s)" % j, "  %s->arr[%d] = %s;" % (j, self.arr(), self.node())]

    def op_store_inner(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % j, "  %s->%s = %s ? %s->next : %s;" % (j, self.link(), m, m, self.node())]

    def op_store_edge(self, n):
        j, m = self.r(), self.r()
        end = self.rng.choice(["from", "to"])
        return ["if (%s)" % j, "  %s->e.%s = %s;" % (j, end, m)]

    def op_packed(self, n):
        j, m = self.r(), self.r()
        if self.rng.randrange(2):
            return ["if (%s) {" % j,
                    "  %s->pk.p = %s ? %s->pk.p : %s;" % (j, m, m, self.node()),
                    "  %s->pk.c += %du;" % (j, self.rng.randrange(256)),
                    "}"]
        return ["if (%s && %s->pk.p)" % (m, m), "  %s = %s->pk.p->pk.p;" % (j, m)]

    def op_update_val(self, n):
        j = self.r()
        return ["if (%s) {" % j,
                "  %s->val = %s->val * %s + %s;" % (j, j, self.const(), self.const()),
                "  %s->in.tag ^= %s;" % (j, self.const()),
                "  acc = mix(acc, %s->val);" % j,
                "}"]

    def op_deref_chain(self, n):
        j, a = self.r(), self.arr()
        return ["if (%s && %s->next && %s->next->arr[%d])" % (j, j, j, a),
                "  %s->next->arr[%d]->val += %s;" % (j, a, self.const())]

    def op_compare(self, n):
        j, m = self.two_roots()
        f = self.field()
        return ["acc = mix(acc, (unsigned)(%s == %s) + 2u * (unsigned)(%s && %s->%s == %s));" % (j, m, j, j, f, m)]

    def op_walk_next(self, n):
        j, m = self.r(), self.r()
        return ["%s = walk(%s, %du);" % (j, m, self.rng.randint(1, 2 * self.ntot))]

    def op_unlink(self, n):
        j = self.r()
        return ["if (%s && %s->next)" % (j, j), "  %s->next = %s->next->next;" % (j, j)]

    def op_insert(self, n):
        j, m = self.two_roots()
        return ["if (%s && %s && %s != %s) {" % (j, m, j, m),
                "  %s->next = %s->next;" % (m, j),
                "  %s->next = %s;" % (j, m),
                "}"]

    def op_branch(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && (%s->val & 1u))" % (j, j),
                "  %s->arr[%d] = %s;" % (j, self.arr(), m),
                "else if (%s)" % j,
                "  %s->%s = %s;" % (j, self.link(), m)]

    def op_select_load(self, n):
        j, a, b = self.r(), self.r(), self.r()
        return ["if (%s && %s)" % (a, b),
                "  %s = (%s->val & %du) ? %s->%s : %s->%s;" % (j, a, 1 << self.rng.randrange(4), a, self.field(), b,
                                                           self.field())]

    def op_reverse_arr(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && %s) {" % (j, m),
                "  struct node P *tmp[NARR];",
                "  for (int a = 0; a < NARR; a++)",
                "    tmp[a] = %s->arr[a];" % m,
                "  for (int a = 0; a < NARR; a++)",
                "    %s->arr[a] = tmp[NARR - 1 - a];" % j,
                "}"]

    def op_varargs(self, n):
        return ["acc = mix(acc, va_idents(3, %s, %s, %s));" % (self.r(), self.r(), self.node())]

    def op_bits(self, n):
        j = self.r()
        return ["if (%s) {" % j,
                "  %s->flags = (%s->flags + %s) & 31u;" % (j, j, self.const()),
                "  %s->kind ^= %du;" % (j, self.rng.randrange(8)),
                "  %s->mark += %du;" % (j, self.rng.randrange(256)),
                "  acc = mix(acc, %s->flags + %s->kind + %s->mark);" % (j, j, j),
                "}"]

    def op_slot_set(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && %s)" % (j, m), "  %s->slot = &%s->%s;" % (j, m, self.field())]

    def op_slot_store(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && %s->slot)" % (j, j), "  *%s->slot = %s;" % (j, m)]

    def op_slot_load(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && %s->slot)" % (m, m), "  %s = *%s->slot;" % (j, m)]

    def op_slot_arith(self, n):
        j = self.r()
        if self.rng.randrange(2):  # arr[0] -> arr[1], arr[1] -> arr[2]
            return ["if (%s && %s->slot && slot_ident(%s->slot) %% 8 >= 1 && slot_ident(%s->slot) %% 8 <= 2)"
                    % (j, j, j, j), "  %s->slot = %s->slot + 1;" % (j, j)]
        return ["if (%s && %s->slot && slot_ident(%s->slot) %% 8 >= 2 && slot_ident(%s->slot) %% 8 <= 3)"
                % (j, j, j, j), "  %s->slot = %s->slot - 1;" % (j, j)]

    def op_slot_helper(self, n):
        j, m = self.r(), self.r()
        if self.rng.randrange(2):
            return ["if (%s && %s->slot)" % (j, j), "  set_ref(%s->slot, %s);" % (j, m)]
        return ["if (%s && %s->slot)" % (j, j), "  %s = get_ref(%s->slot);" % (m, j)]

    def op_slot_copy(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && %s)" % (j, m), "  %s->slot = %s->slot;" % (j, m)]

    def op_pp_set(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % j, "  set_ref(&%s->%s, %s);" % (j, self.field(), m)]

    def op_pp_get(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % m, "  %s = get_ref(&%s->%s);" % (j, m, self.field())]

    def op_pp_swap(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && %s)" % (j, m), "  swap_ref(&%s->next, &%s->arr[%d]);" % (j, m, self.arr())]

    def op_pp_follow(self, n):
        j = self.r()
        return ["if (%s)" % j, "  follow_ref(&%s->%s, %du);" % (j, self.link(), self.rng.randint(1, self.ntot))]

    def op_pp_local(self, n):
        j, m = self.r(), self.r()
        return ["set_local_ref(&%s, %s ? %s->arr[%d] : %s);" % (j, m, m, self.arr(), self.node())]

    def op_pp_array(self, n):
        j = self.r()
        return ["if (%s)" % j, "  acc = mix(acc, visit_refs(%s->arr, NARR));" % j]

    def op_arith_fwd(self, n):
        j, m = self.r(), self.r()
        d = self.rng.randint(1, self.nper - 1)
        return ["if (%s && ident(%s) %% %d + %d < %d)" % (m, m, self.nper, d, self.nper), "  %s = %s + %d;" % (j, m, d)]

    def op_arith_back(self, n):
        j, m = self.r(), self.r()
        d = self.rng.randint(1, self.nper - 1)
        return ["if (%s && ident(%s) %% %d >= %d)" % (m, m, self.nper, d), "  %s = %s - %d;" % (j, m, d)]

    def op_arith_index(self, n):
        j, m = self.r(), self.r()
        d = self.rng.randint(0, self.nper - 1)
        return ["if (%s && ident(%s) %% %d + %d < %d)" % (m, m, self.nper, d, self.nper),
                "  %s = &%s[%d];" % (j, m, d)]

    def op_arith_diff(self, n):
        j, m = self.two_roots()
        return ["if (%s && %s && ident(%s) / %d == ident(%s) / %d)" % (j, m, j, self.nper, m, self.nper),
                "  acc = mix(acc, (unsigned)(%s - %s));" % (j, m)]

    def op_arith_less(self, n):
        j, m = self.two_roots()
        return ["if (%s && %s && ident(%s) / %d == ident(%s) / %d)" % (j, m, j, self.nper, m, self.nper),
                "  acc = mix(acc, (unsigned)(%s < %s) + 2u * (unsigned)(%s >= %s));" % (j, m, j, m)]

    def op_arith_store(self, n):
        j, m = self.r(), self.r()
        d = self.rng.randint(1, self.nper - 1)
        return ["if (%s && %s && ident(%s) %% %d + %d < %d)" % (j, m, m, self.nper, d, self.nper),
                "  %s->%s = %s + %d;" % (j, self.field(), m, d)]

    def op_loop_chain(self, n):
        k, k2, a = self.obj(), self.obj(), self.arr()
        return ["for (struct node P *p = base[%d]; p < base[%d] + %d; p++)" % (k, k, self.nper),
                "  p->arr[%d] = p + 1 < base[%d] + %d ? p + 1 : base[%d];" % (a, k, self.nper, k2)]

    def op_loop_sum(self, n):
        k = self.obj()
        f = self.field()
        return ["for (int i = 0; i < %d; i++)" % self.nper,
                "  if (base[%d][i].%s)" % (k, f),
                "    acc = mix(acc, base[%d][i].%s->val);" % (k, f)]

    def op_copy_node(self, n):
        j, m = self.two_roots()
        if self.inject == "raw-copy":
            # The self-test's bug: through plain pointers the copy is the same
            # in the plain variant, but twz copies the stored form verbatim.
            return ["if (%s && %s && %s != %s)" % (j, m, j, m),
                    "  *(struct node *)(void *)%s = *(struct node *)(void *)%s; /* injected bug */" % (j, m)]
        return ["if (%s && %s && %s != %s)" % (j, m, j, m), "  *%s = *%s;" % (j, m)]

    def op_copy_to_local(self, n):
        m = self.r()
        return ["if (%s)" % m, "  %s = *%s;" % (self.loc(), m)]

    def op_copy_from_local(self, n):
        j = self.r()
        return ["if (%s)" % j, "  *%s = %s;" % (j, self.loc())]

    def op_copy_via_temp(self, n):
        j, m = self.two_roots()
        return ["if (%s && %s) {" % (j, m),
                "  struct node tmp = *%s;" % m,
                "  tmp.val += %s;" % self.const(),
                "  tmp.arr[%d] = %s;" % (self.arr(), m),
                "  *%s = tmp;" % j,
                "}"]

    def op_copy_literal(self, n):
        j = self.r()
        return ["if (%s)" % j,
                "  *%s = (struct node){.val = %s, .next = %s, .arr = {NULL, %s, %s}, .in = {.tag = %s, .link = %s}};"
                % (j, self.const(), self.r(), self.r(), self.node(), self.const(), j)]

    def op_copy_select(self, n):
        j, a, b = self.r(), self.r(), self.r()
        return ["if (%s && %s && %s)" % (j, a, b),
                "  *%s = (%s->val & %du) ? *%s : *%s;" % (j, j, 1 << self.rng.randrange(4), a, b)]

    def op_copy_loop(self, n):
        k, k2 = self.rng.sample(range(self.nobj), 2)
        return ["for (int i = 0; i < %d; i++)" % self.nper, "  base[%d][i] = base[%d][i];" % (k, k2)]

    def op_copy_shift(self, n):
        k = self.obj()
        if self.rng.randrange(2):
            return ["for (int i = 0; i + 1 < %d; i++)" % self.nper, "  base[%d][i] = base[%d][i + 1];" % (k, k)]
        return ["for (int i = %d; i > 0; i--)" % (self.nper - 1), "  base[%d][i] = base[%d][i - 1];" % (k, k)]

    def op_copy_inner(self, n):
        j, m = self.two_roots()
        return ["if (%s && %s && %s != %s)" % (j, m, j, m), "  %s->in = %s->in;" % (j, m)]

    def op_copy_inner_local(self, n):
        j, lc = self.r(), self.loc()
        if self.rng.randrange(2):
            return ["if (%s)" % j, "  %s.in = %s->in;" % (lc, j)]
        return ["if (%s)" % j, "  %s->in = %s.in;" % (j, lc)]

    def op_copy_edge(self, n):
        j, m = self.two_roots()
        return ["if (%s && %s)" % (j, m), "  %s->e = %s->e;" % (j, m)]

    def op_edit_local(self, n):
        lc, j, m = self.loc(), self.r(), self.r()
        return ["%s.next = %s;" % (lc, j),
                "%s.arr[%d] = %s;" % (lc, self.arr(), m),
                "%s.%s = %s;" % (lc, self.link(), self.node()),
                "%s.val += %s;" % (lc, self.const())]

    def op_read_local(self, n):
        lc, j = self.loc(), self.r()
        return ["%s = %s.%s;" % (j, lc, self.field()),
                "if (%s.next)" % lc,
                "  %s.next->val ^= %s;" % (lc, self.const())]

    def op_ret_to_local(self, n):
        return ["%s = make_node(%s, %s, %s);" % (self.loc(), self.const(), self.r(), self.r())]

    def op_ret_to_object(self, n):
        j = self.r()
        return ["if (%s)" % j, "  *%s = make_node(%s, %s, %s);" % (j, self.const(), self.r(), self.node())]

    def op_ret_load(self, n):
        m = self.r()
        return ["if (%s)" % m, "  %s = load_node(%s);" % (self.loc(), m)]

    def op_pass_node(self, n):
        m = self.r()
        if self.rng.randrange(2):
            return ["if (%s)" % m, "  acc = mix(acc, weigh(*%s));" % m]
        return ["acc = mix(acc, weigh(%s));" % self.loc()]

    def op_pass_and_return(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && %s)" % (j, m), "  *%s = bump(*%s, %s);" % (j, m, self.const())]

    def op_edge_ret(self, n):
        j, m, t = self.r(), self.r(), self.r()
        if self.rng.randrange(2):
            return ["if (%s)" % j, "  %s->e = make_edge(%s, %s);" % (j, m, t)]
        return ["if (%s && %s)" % (j, m), "  %s->e = flip(%s->e);" % (j, m)]

    def op_inner_by_value(self, n):
        j, m = self.r(), self.r()
        return ["if (%s && %s)" % (j, m), "  %s->in = flip_inner(%s->in);" % (j, m)]

    def op_edge_pass(self, n):
        m = self.r()
        return ["if (%s)" % m, "  acc = mix(acc, edge_weight(%s->e));" % m]

    def op_memcpy_node(self, n):
        j, m = self.two_roots()
        return ["if (%s && %s && %s != %s)" % (j, m, j, m),
                "  memcpy((void *)%s, (void *)%s, sizeof *%s);" % (j, m, j)]

    def op_memcpy_to_local(self, n):
        m, lc = self.r(), self.loc()
        return ["if (%s)" % m, "  memcpy(&%s, (void *)%s, sizeof %s);" % (lc, m, lc)]

    def op_memcpy_from_local(self, n):
        j, lc = self.r(), self.loc()
        return ["if (%s)" % j, "  memcpy((void *)%s, &%s, sizeof *%s);" % (j, lc, j)]

    def op_memcpy_inner(self, n):
        j, m = self.two_roots()
        return ["if (%s && %s && %s != %s)" % (j, m, j, m),
                "  memcpy((void *)&%s->in, (void *)&%s->in, sizeof %s->in);" % (j, m, j)]

    def op_memcpy_nodes(self, n):
        k, k2 = self.rng.sample(range(self.nobj), 2)
        count = self.rng.randint(1, self.nper)
        return ["memcpy((void *)base[%d], (void *)base[%d], %d * sizeof(struct node));" % (k, k2, count)]

    def op_atomic_load(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % m, "  %s = __atomic_load_n(&%s->%s, __ATOMIC_ACQUIRE);" % (j, m, self.field())]

    def op_atomic_store(self, n):
        j, m = self.r(), self.r()
        return ["if (%s)" % j, "  __atomic_store_n(&%s->%s, %s, __ATOMIC_RELEASE);" % (j, self.field(), m)]

    def op_atomic_xchg(self, n):
        j, m, t = self.r(), self.r(), self.r()
        return ["if (%s)" % j, "  %s = __atomic_exchange_n(&%s->%s, %s, __ATOMIC_SEQ_CST);" % (t, j, self.field(), m)]

    def op_atomic_cas(self, n):
        j, m, t = self.r(), self.r(), self.r()
        f = self.field()
        # expected: the current value (likely success) or another root
        expected = "%s->%s" % (j, f) if self.rng.randrange(2) else t
        return ["if (%s) {" % j,
                "  struct node P *expected = %s;" % expected,
                "  int ok = __atomic_compare_exchange_n(&%s->%s, &expected, %s, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);" % (j, f, m),
                "  acc = mix(acc, (unsigned)ok);",
                "  %s = expected;" % t,
                "}"]

    def op_atomic_cas_loop(self, n):
        j, m = self.r(), self.r()
        f = self.field()
        return ["if (%s) {" % j,
                "  struct node P *expected = __atomic_load_n(&%s->%s, __ATOMIC_RELAXED);" % (j, f),
                "  while (!__atomic_compare_exchange_n(&%s->%s, &expected, %s, 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))"
                % (j, f, m),
                "    ;",
                "  acc = mix_ptr(acc, expected);",
                "}"]

    def op_atomic_generic(self, n):
        j, m = self.r(), self.r()
        return ["if (%s) {" % m,
                "  struct node P *g;",
                "  __atomic_load(&%s->%s, &g, __ATOMIC_ACQUIRE);" % (m, self.field()),
                "  %s = g;" % j,
                "}"]

    def op_atomic_local(self, n):
        j, m, t = self.r(), self.r(), self.r()
        return ["%s = __atomic_exchange_n(&%s, %s, __ATOMIC_SEQ_CST);" % (t, j, m)]

    def op_c11_store(self, n):
        return ["atomic_store(%s, %s);" % (self.cell(), self.r())]

    def op_c11_load(self, n):
        return ["%s = atomic_load(%s);" % (self.r(), self.cell())]

    def op_c11_xchg(self, n):
        return ["%s = atomic_exchange(%s, %s);" % (self.r(), self.cell(), self.r())]

    def op_c11_cas(self, n):
        c, t, m = self.cell(), self.r(), self.r()
        return ["{",
                "  struct node P *expected = %s;" % t,
                "  int ok = atomic_compare_exchange_strong(%s, &expected, %s);" % (c, m),
                "  acc = mix(acc, (unsigned)ok);",
                "  %s = expected;" % t,
                "}"]

    def op_checkpoint(self, n):
        return ["{",
                "  struct node P *roots[NROOT] = {r0, r1, r2, r3, r4, r5};",
                "  checkpoint(%d, acc, roots, &l0, &l1);" % n,
                "}"]

    # --- the program ---

    def function(self):
        """The seed's tables and its function seed_<N>(), which runs the ops."""
        rng = self.rng
        name = "seed_%d" % self.seed

        def target():
            return -1 if rng.randrange(4) == 0 else rng.randrange(self.ntot)

        def slot():
            return -1 if rng.randrange(3) == 0 else rng.randrange(self.ntot) * 8 + rng.randrange(NFIELD)

        links = ["  {%s, %d}," % (", ".join(str(target()) for _ in range(7)), slot()) for _ in range(self.ntot)]
        vals = ", ".join("%uu" % rng.randrange(1 << 32) for _ in range(self.ntot))
        cells = ", ".join(str(target()) for _ in range(self.nobj * NCELL))
        lines = ["/* Seed %d: %d objects of %d nodes. */" % (self.seed, self.nobj, self.nper),
                 "static const short %s_links[%d][8] = {" % (name, self.ntot)] + links + [
                 "};",
                 "static const unsigned %s_val[%d] = {%s};" % (name, self.ntot, vals),
                 "static const signed char %s_cell[%d] = {%s};" % (name, self.nobj * NCELL, cells),
                 "",
                 "static int %s(void) {" % name,
                 "  setup(%d, %d, %s_links, %s_val, %s_cell);" % (self.nobj, self.nper, name, name, name)]
        for j in range(NROOT):
            lines.append("  struct node P *r%d = %s;" % (j, self.node()))
        lines += ["  struct node l0, l1;",
                  "  init_local(&l0, %s);" % self.const(),
                  "  init_local(&l1, %s);" % self.const(),
                  "  unsigned acc = %uu;" % self.seed]
        names = [op for op, _ in self.menu]
        weights = [w for _, w in self.menu]
        for n in range(1, rng.randint(20, 80) + 1):
            op = rng.choices(names, weights)[0]
            lines.append("  /* op %d: %s */" % (n, op))
            lines += ["  " + s for s in getattr(self, "op_" + op)(n)]
        if self.inject == "raw-copy":  # and one copy that surely goes wrong
            lines += ["  /* injected bug: a copy between objects through plain pointers */",
                      "  base[1]->next = base[1];",
                      "  *(struct node *)(void *)base[0] = *(struct node *)(void *)base[1];"]
        lines += ["  struct node P *roots[NROOT] = {r0, r1, r2, r3, r4, r5};",
                  "  digest(roots, &l0, &l1, acc);",
                  "  save_state(roots, &l0, &l1, acc);",
                  "  return 0;",
                  "}",
                  ""]
        return lines


def main_function(seeds):
    """`prog N` runs seed N (the first one without an argument); `prog walk`
    prints the digest a previous run saved in the store."""
    lines = ["int main(int argc, char **argv) {",
             "  setvbuf(stdout, NULL, _IOLBF, 0); /* keep the lines before a crash */",
             "  if (argc > 1 && !strcmp(argv[1], \"walk\"))",
             "    return walk_saved();",
             "  int seed = argc > 1 ? atoi(argv[1]) : %d;" % seeds[0],
             "  switch (seed) {"]
    lines += ["  case %d:\n    return seed_%d();" % (s, s) for s in seeds]
    lines += ["  }",
              "  fprintf(stderr, \"no seed %d in this program\\n\", seed);",
              "  return 2;",
              "}"]
    return lines


def generate(seeds, disabled=(), inject=None):
    """Returns (plain source, twz source) of one program running `seeds`
    (one or more seed numbers; each seed's code is the same in any batch).
    inject="raw-copy" writes op copy_node through plain pointers and adds one
    such copy between objects at the end: right in the plain variant, wrong
    in twz (the harness's self-test)."""
    if isinstance(seeds, int):
        seeds = [seeds]
    disabled = set(disabled)
    head = ["/* Random pointer-graph program%s %s (test/random/gen.py%s). */"
            % ("s, seeds" if len(seeds) > 1 else ", seed", " ".join(map(str, seeds)),
               ("; disabled: " + ",".join(sorted(disabled)) if disabled else "")
               + ("; injected bug: " + inject if inject else "")),
            "#include <stdarg.h>",
            "#include <stdatomic.h>",
            "#include <stdio.h>",
            "#include <stdlib.h>",
            "#include <string.h>",
            ""]
    common = COMMON_HEAD
    for key, value in (("MAXOBJ", MAXOBJ), ("MAXPER", MAXPER), ("NARR", NARR), ("NROOT", NROOT),
                       ("NCELL", NCELL)):
        common = common.replace("@%s@" % key, str(value))
    body = [HELPERS]
    for seed in seeds:
        body += Gen(seed, disabled, inject).function()
    body += main_function(seeds)
    rest = common + "\n".join(body) + "\n"
    head = "\n".join(head) + "\n"
    return (head + PLAIN_PRELUDE + rest, head + TWZ_PRELUDE + rest)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seeds", type=int, nargs="+", metavar="SEED")
    ap.add_argument("-o", "--out", default=".", help="directory for NAME-plain.c and NAME-twz.c")
    ap.add_argument("--name", help="file name stem (default: seed<first SEED>)")
    ap.add_argument("--disable", default="", help="comma-separated op categories: " + ", ".join(CATEGORIES))
    ap.add_argument("--inject-bug", choices=["raw-copy"],
                    help="copy_node through plain pointers (wrong in twz: tests the tester)")
    args = ap.parse_args()
    disabled = [c for c in args.disable.split(",") if c]
    for c in disabled:
        if c not in CATEGORIES:
            sys.exit("gen.py: unknown category %r (have: %s)" % (c, ", ".join(CATEGORIES)))
    plain, twz = generate(args.seeds, disabled, args.inject_bug)
    os.makedirs(args.out, exist_ok=True)
    stem = args.name or "seed%d" % args.seeds[0]
    for variant, text in (("plain", plain), ("twz", twz)):
        with open(os.path.join(args.out, "%s-%s.c" % (stem, variant)), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
