// Casts -Wtwz-drop-persistent leaves alone: byte views (void *, char *,
// unsigned char *: they hold no pointer), casts that keep __persistent or
// go between __persistent pointer types, casts to __persistent from plain
// pointers (other checks own those), NULL and integers, records without
// pointers, plain-to-plain casts, and twz_container_of. Reading a stored
// form on purpose through `(void *)` stays quiet too. Compiling for real is
// clean as well.
//
// RUN: %twz-clang -fsyntax-only -Wall -Wextra -Xclang -verify %s
// RUN: %twz-clang -c -Wall -Wextra -Wtwz -Werror %s -o %t.o 2>&1 | count 0
// expected-no-diagnostics

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <twz/twz.h>

struct node {
  long val;
  char tag[8];
  struct node __persistent *next;
};

struct plain {
  int a;
  char b[4];
};

struct list {
  struct list __persistent *next;
};

struct outer {
  int key;
  struct list link;
};

void byte_views(struct node __persistent *n, char *out) {
  (void)(void *)n;
  (void)(const void *)n;
  (void)(char *)n;
  (void)(unsigned char *)n;
  (void)(const char *)n->tag;
  (void)(void *)&n->next;
  (void)(char *)&n->next;
  (void)(unsigned char *)&n->next;
  (void)(signed char *)&n->next;
  (void)(uint8_t *)&n->next;
  memcpy(out, (const char *)n->tag, sizeof n->tag);
}

void keeps_persistent(struct node __persistent *n, void __persistent *v) {
  (void)(const struct node __persistent *)n;
  (void)(char __persistent *)n;
  (void)(struct node __persistent *)v;
  (void)(struct list __persistent *)n;
  (void)(struct node __persistent *__persistent *)&n->next;
  (void)(void __persistent *__persistent *)&n->next;
  (void)(long __persistent *)&n->val;
  (void)(struct node __persistent *)(void *)n;
}

void to_persistent_from_plain(struct node *p, void *q) {
  (void)(struct node __persistent *)p;
  (void)(struct node __persistent *)q;
}

void null_and_integers(uintptr_t bits, struct node __persistent *n) {
  (void)(struct node *)NULL;
  (void)(struct node *)0;
  (void)(struct node **)0;
  (void)(struct node *)bits;
  // Through an integer the origin is not followed.
  (void)(struct node *)(uintptr_t)n;
  (void)(uintptr_t)n;
}

void no_pointers_inside(struct plain __persistent *pl, struct node __persistent *n) {
  (void)(struct plain *)pl;
  (void)(int *)pl;
  (void)(long *)&n->val;
  (void)*(unsigned long *)&n->val;
}

void plain_to_plain(struct node *p, void *q, char *c) {
  (void)(struct node *)q;
  (void)(struct node **)&p->next;
  (void)(struct outer *)(c - offsetof(struct outer, link));
  (void)(struct node *)(void *)p;
}

// What test/run's stored_form() does: ask for the stored form explicitly.
unsigned long long stored(struct node __persistent *n) {
  return *(const unsigned long long *)(const void *)&n->next;
}

long keys(struct list __persistent *l) {
  long sum = 0;
  for (; l; l = l->next)
    sum += twz_container_of(l, struct outer, link)->key;
  return sum;
}

struct outer __persistent *outer_of(struct list __persistent *l) {
  return twz_container_of(l, struct outer, link);
}
