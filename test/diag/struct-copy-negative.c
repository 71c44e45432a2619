// No -Wtwz-struct-copy for copies that do not move a stored __persistent
// pointer: structs without one (copied anywhere), structs with one copied
// between ordinary locations, field-by-field copies (the recommended form),
// copies of the pointer value itself, and non-evaluated uses.
//
// RUN: %twz-clang -fsyntax-only -Wtwz -Xclang -verify %s
// RUN: %twz-clang -c -Wtwz -Werror %s -o %t.o 2>&1 | count 0
// expected-no-diagnostics

#include <string.h>

struct flat { int a, b; char name[8]; };
struct node { int value; struct flat f; struct node __persistent *next; };

struct flat get_flat(struct flat __persistent *f) { return *f; }
void take_flat(struct flat f);
void take_node(struct node n);

void flat_anywhere(struct flat __persistent *p, struct flat __persistent *q, struct flat *o) {
  struct flat local = *p;
  *p = *q;
  *p = local;
  local = *q;
  *o = *p;
  take_flat(*p);
  (void)local;
}

void node_in_ordinary_memory(struct node *a, struct node *b, struct node __persistent *p) {
  struct node local = *a;
  *a = *b;
  *b = local;
  take_node(*a);
  take_node(local);
  // The embedded struct without pointers, out of an object.
  struct flat f = p->f;
  p->f = f;
  p->f = a->f;
  (void)f;
}

void field_by_field(struct node __persistent *dst, const struct node __persistent *src,
                    struct node *out) {
  dst->value = src->value;
  dst->next = src->next;
  dst->f = src->f;
  out->value = src->value;
  out->next = src->next;
  struct node __persistent *n = src->next;
  n->next = dst;
}

unsigned long unevaluated(struct node __persistent *p) {
  return sizeof *p + sizeof(p[0]) + _Alignof(struct node);
}

struct node make_node(void);
void rvalues(struct node *o) {
  *o = make_node();
  take_node(make_node());
}
