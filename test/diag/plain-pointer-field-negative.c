// No -Wtwz-plain-pointer-field (nor any other diagnostic) for correct code:
// a binary search tree and a list of trees whose nodes are spread over
// several objects, every stored pointer __persistent (in nested and
// embedded records, arrays and unions too), next to records full of plain
// pointers that only ever live in ordinary memory (even when they hold
// __persistent pointers themselves).
//
// RUN: %twz-clang -fsyntax-only -Wtwz -Xclang -verify %s
// RUN: %twz-clang -c -Wtwz -Wall -Wextra -Werror %s -o %t.o 2>&1 | count 0
// expected-no-diagnostics

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <twz/twz.h>

struct key {
  char text[24];
  unsigned len;
};

struct tree_node {
  struct key key;
  long value;
  struct tree_node __persistent *child[2];
  struct tree_node __persistent *parent;
  union {
    const char __persistent *note;
    long number;
  } extra;
};

struct forest {
  struct forest __persistent *next;
  struct tree_node __persistent *root;
  struct tree_node __persistent *__persistent *slots;
  size_t count;
};

typedef struct forest __persistent *forest_ref;

// Ordinary memory only: the bookkeeping of this process.
struct arena_set {
  twz_object *objs[4];
  unsigned n, turn;
  const char *label;
  void (*log)(const char *);
  struct tree_node __persistent *last; // holds a persistent pointer, lives on the stack
};

static twz_object *pick(struct arena_set *a) { return a->objs[a->turn++ % a->n]; }

static void __persistent *alloc_in(struct arena_set *a, size_t size, size_t align) {
  return twz_object_alloc(pick(a), size, align);
}

static struct tree_node __persistent *tree_insert(struct arena_set *a,
                                                  struct tree_node __persistent *root,
                                                  const char *text, long value) {
  struct tree_node __persistent *n = alloc_in(a, sizeof *n, _Alignof(struct tree_node));
  if (!n)
    return root;
  size_t len = strlen(text);
  if (len >= sizeof n->key.text)
    len = sizeof n->key.text - 1;
  memcpy((char *)n->key.text, text, len); // copy into the object through a plain view
  n->key.len = (unsigned)len;
  n->value = value;
  n->extra.number = value * 2;
  a->last = n;
  if (!root)
    return n;
  struct tree_node __persistent *at = root;
  for (;;) {
    int dir = strncmp(text, (const char *)at->key.text, at->key.len) > 0;
    if (!at->child[dir]) {
      at->child[dir] = n;
      n->parent = at;
      return root;
    }
    at = at->child[dir];
  }
}

static long tree_sum(const struct tree_node __persistent *n) {
  if (!n)
    return 0;
  return n->value + tree_sum(n->child[0]) + tree_sum(n->child[1]);
}

static forest_ref forest_push(struct arena_set *a, forest_ref head, struct tree_node __persistent *t) {
  forest_ref f = alloc_in(a, sizeof *f, _Alignof(struct forest));
  if (!f)
    return head;
  f->root = t;
  f->next = head;
  f->slots = alloc_in(a, 4 * sizeof *f->slots, _Alignof(struct tree_node __persistent *));
  if (f->slots)
    f->slots[0] = t;
  f->count = 1;
  return f;
}

static void print_line(const char *s) { puts(s); }

int build(void) {
  struct arena_set a = {{NULL}, 0, 0, "demo", print_line, NULL};
  for (unsigned i = 0; i < 3; i++) {
    a.objs[i] = twz_object_create(NULL);
    if (!a.objs[i])
      return 1;
  }
  a.n = 3;
  struct tree_node __persistent *root = NULL;
  static const char *const words[] = {"m", "c", "x", "a", "e"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    root = tree_insert(&a, root, words[i], (long)i);
  forest_ref forest = forest_push(&a, NULL, root);
  twz_object_set_root(a.objs[0], forest);
  a.log(a.label);
  return tree_sum(forest->root) == 10 ? 0 : 1;
}
