// Struct copies between objects for layouts off the common path: a packed
// struct (pointers at unaligned offsets), bit-fields around a pointer, a
// compound literal whose members are read out of object memory (`.n = *q`,
// `.m = { *q, ... }`), and a struct holding an array of structs passed by
// value. Every pointer must be re-encoded for the destination's FOT, the
// other bytes copied as they are.
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: packed B->A: x 300 7 100
// CHECK-NEXT: bit-fields C->A: 5 17 200 99
// CHECK-NEXT: literal from B into A: 1 3 300 | 3 300 | 4 100
// CHECK-NEXT: A->C, by value: 1 3 300 | 3 300 | 4 100
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: packed B->A: x 300 7 100
// CHECK-NEXT: bit-fields C->A: 5 17 200 99
// CHECK-NEXT: literal from B into A: 1 3 300 | 3 300 | 4 100
// CHECK-NEXT: A->C, by value: 1 3 300 | 3 300 | 4 100
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: packed B->A: x 300 7 100
// CHECK-NEXT: bit-fields C->A: 5 17 200 99
// CHECK-NEXT: literal from B into A: 1 3 300 | 3 300 | 4 100
// CHECK-NEXT: A->C, by value: 1 3 300 | 3 300 | 4 100
// CHECK-NOT: {{.}}
#include "shapes.h"

struct __attribute__((packed)) packed {
  char c;
  long __persistent *p; /* at offset 1 */
  short s;
  long __persistent *q; /* at offset 11 */
};

struct bits {
  unsigned a : 3, b : 5;
  long __persistent *p;
  unsigned c : 7;
};

struct node {
  long val;
  long __persistent *pa;
};

struct outer {
  int k;
  struct node n;
  struct node m[2];
};

struct root {
  struct world w;
  struct packed __persistent *pk;  /* in A */
  struct bits __persistent *bits;  /* in A */
  struct outer __persistent *lit;  /* in A */
  struct outer __persistent *copy; /* in C */
};

static void print_outer(struct outer o) {
  printf("%d %ld %ld | %ld %ld | %ld %ld\n", o.k, o.n.val, val(o.n.pa), o.m[0].val,
         val(o.m[0].pa), o.m[1].val, val(o.m[1].pa));
}

static void show(struct root __persistent *r) {
  printf("packed B->A: %c %ld %d %ld\n", r->pk->c, val(r->pk->p), r->pk->s, val(r->pk->q));
  printf("bit-fields C->A: %u %u %ld %u\n", r->bits->a, r->bits->b, val(r->bits->p),
         r->bits->c);
  struct outer __persistent *l = r->lit;
  printf("literal from B into A: %d %ld %ld | %ld %ld | %ld %ld\n", l->k, l->n.val,
         val(l->n.pa), l->m[0].val, val(l->m[0].pa), l->m[1].val, val(l->m[1].pa));
  printf("A->C, by value: ");
  print_outer(*r->copy);
}

int main(int argc, char **argv) {
  twz_object *o[3];
  struct root __persistent *r;
  if (!is_build(argc, argv)) {
    r = (struct root __persistent *)world_open(o);
    show(r);
    return 0;
  }
  r = (struct root __persistent *)world_create(o, sizeof *r);
  long __persistent *ta = r->w.t[0], *tb = r->w.t[1], *tc = r->w.t[2];

  struct packed __persistent *pkb;
  CHECK_OK(pkb = twz_object_alloc(o[1], sizeof *pkb, 8));
  pkb->c = 'x';
  pkb->p = tc;
  pkb->s = 7;
  pkb->q = ta;
  CHECK_OK(r->pk = twz_object_alloc(o[0], sizeof(struct packed), 8));
  *r->pk = *pkb;

  struct bits __persistent *bc;
  CHECK_OK(bc = twz_object_alloc(o[2], sizeof *bc, 8));
  bc->a = 5;
  bc->b = 17;
  bc->p = tb;
  bc->c = 99;
  CHECK_OK(r->bits = twz_object_alloc(o[0], sizeof(struct bits), 8));
  *r->bits = *bc;

  struct node __persistent *nb;
  CHECK_OK(nb = twz_object_alloc(o[1], sizeof *nb, 8));
  nb->val = 3;
  nb->pa = tc;
  CHECK_OK(r->lit = twz_object_alloc(o[0], sizeof(struct outer), 8));
  *r->lit = (struct outer){.k = 1, .n = *nb, .m = {*nb, {4, ta}}};
  CHECK_OK(r->copy = twz_object_alloc(o[2], sizeof(struct outer), 8));
  *r->copy = *r->lit;
  show(r);
  return 0;
}
