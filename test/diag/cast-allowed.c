// Casts to a __persistent pointer that are not errors: the null pointer
// (NULL, 0, a null constant through other casts), integers, plain pointer
// values whose origin is unknown (parameters, loads, function results other
// than the known allocators), another __persistent pointer (of any type,
// directly or through plain pointers), and what twz_object_alloc and
// twz_object_root return. Compiling for real is clean as well.
//
// RUN: %twz-clang -fsyntax-only -Wall -Wextra -Xclang -verify %s
// RUN: %twz-clang -c -Wall -Wextra -Werror %s -o %t.o 2>&1 | count 0
// expected-no-diagnostics

#include <stddef.h>
#include <stdint.h>
#include <twz/twz.h>

struct node {
  long value;
  struct node __persistent *next;
};

typedef struct node __persistent *node_ref;

void *lookup(const char *key);

void null_and_integers(uintptr_t bits, long n) {
  (void)(int __persistent *)NULL;
  (void)(int __persistent *)0;
  (void)(struct node __persistent *)(void *)0;
  (void)(node_ref)NULL;
  (void)(int __persistent *)bits;
  (void)(int __persistent *)(uintptr_t)n;
  (void)(char __persistent *)12345;
}

void opaque_plain_pointers(int *p, struct node *np, int **pp, char *s) {
  (void)(int __persistent *)p;
  (void)(struct node __persistent *)np;
  (void)(int __persistent *)*pp;
  (void)(int __persistent *)pp[2];
  (void)(char __persistent *)(s + 1);
  (void)(char __persistent *)lookup("key");
  int *local_copy = p;
  (void)(int __persistent *)local_copy;
}

void persistent_to_persistent(struct node __persistent *n, void __persistent *v) {
  (void)(char __persistent *)n;
  (void)(const struct node __persistent *)n;
  (void)(struct node __persistent *)v;
  (void)(long __persistent *)&n->value;
  (void)(node_ref __persistent *)&n->next;
  (void)(struct node __persistent *)n->next;
  // To a plain pointer and back (the value stays an object address).
  (void)(struct node __persistent *)(void *)n;
}

struct node __persistent *from_object(twz_object *obj) {
  struct node __persistent *a = (struct node __persistent *)twz_object_alloc(obj, sizeof *a, _Alignof(struct node));
  struct node __persistent *r = (struct node __persistent *)twz_object_root(obj);
  if (a && r) {
    a->next = r->next;
    r->next = a;
  }
  return r;
}
