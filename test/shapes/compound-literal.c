// A compound literal assigned into object memory:
// `*p = (struct node){ .val = 1, .next = q }`. Its pointers are addresses
// in this process; the store encodes each one for the destination's FOT
// (into another object, into the same object, null for omitted members).
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: p (A): 1, next 20 (in B), t 300, self 1
// CHECK-NEXT: q (B): 20, next 3 (in C), t 100, self -1
// CHECK-NEXT: s (C): 3, next none, t -1, self 3
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: p (A): 1, next 20 (in B), t 300, self 1
// CHECK-NEXT: q (B): 20, next 3 (in C), t 100, self -1
// CHECK-NEXT: s (C): 3, next none, t -1, self 3
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: p (A): 1, next 20 (in B), t 300, self 1
// CHECK-NEXT: q (B): 20, next 3 (in C), t 100, self -1
// CHECK-NEXT: s (C): 3, next none, t -1, self 3
// CHECK-NOT: {{.}}
#include "shapes.h"

struct node {
  long val;
  struct node __persistent *next;
  long __persistent *t;
  struct node __persistent *self;
};

struct root {
  struct world w;
  struct node __persistent *n[3]; /* in A, B, C */
};

static void show(struct root __persistent *r, twz_object *o[3]) {
  static const char *const names[3] = {"A", "B", "C"};
  static const char *const nodes[3] = {"p", "q", "s"};
  for (int i = 0; i < 3; i++) {
    struct node __persistent *n = r->n[i], *next = n->next;
    printf("%s (%s): %ld, next ", nodes[i], names[i], n->val);
    if (next)
      printf("%ld (in %s)", next->val,
             twz_object_of(next) == o[(i + 1) % 3] ? names[(i + 1) % 3] : "the wrong object");
    else
      printf("none");
    printf(", t %ld, self %ld\n", val(n->t), n->self ? n->self->val : -1);
  }
}

int main(int argc, char **argv) {
  twz_object *o[3];
  struct root __persistent *r;
  if (!is_build(argc, argv)) {
    r = (struct root __persistent *)world_open(o);
    show(r, o);
    return 0;
  }
  r = (struct root __persistent *)world_create(o, sizeof *r);
  struct node __persistent *p, *q, *s;
  CHECK_OK(p = twz_object_alloc(o[0], sizeof *p, 8));
  CHECK_OK(q = twz_object_alloc(o[1], sizeof *q, 8));
  CHECK_OK(s = twz_object_alloc(o[2], sizeof *s, 8));
  r->n[0] = p;
  r->n[1] = q;
  r->n[2] = s;
  *p = (struct node){.val = 1, .next = q, .t = r->w.t[2], .self = p};
  *q = (struct node){.val = 20, .next = s, .t = r->w.t[0]};
  *s = (struct node){.t = NULL, .self = s, .val = 3};
  show(r, o);
  return 0;
}
