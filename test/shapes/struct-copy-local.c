// A struct holding __persistent pointers copied out of an object into a
// local and back into another object: `struct node t = *a; *b = t;`. The
// local holds the pointers as addresses (usable and comparable in this
// process); storing it re-encodes them for the destination's FOT. Also a
// swap of two nodes in different objects through a local.
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: local from B: 2 -> 100 200 300, same addresses: 1 1 1
// CHECK-NEXT: local from C, edited: 30 -> 300 100 200
// CHECK-NEXT: B->local->A: 2 -> 100 200 300
// CHECK-NEXT: C->local->B: 30 -> 300 100 200
// CHECK-NEXT: swapped A<->C: 3 -> -1 200 300, 1 -> 100 -1 300
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: B->local->A: 2 -> 100 200 300
// CHECK-NEXT: C->local->B: 30 -> 300 100 200
// CHECK-NEXT: swapped A<->C: 3 -> -1 200 300, 1 -> 100 -1 300
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: B->local->A: 2 -> 100 200 300
// CHECK-NEXT: C->local->B: 30 -> 300 100 200
// CHECK-NEXT: swapped A<->C: 3 -> -1 200 300, 1 -> 100 -1 300
// CHECK-NOT: {{.}}
#include "shapes.h"

struct node {
  long val;
  long __persistent *pa, *pb, *pc;
};

struct root {
  struct world w;
  struct node __persistent *ba; /* in A: t = *(node in B); *ba = t */
  struct node __persistent *cb; /* in B: t = *(node in C); edited; *cb = t */
  struct node __persistent *sa; /* in A, swapped with sc */
  struct node __persistent *sc; /* in C */
};

static void show_node(struct node __persistent *n) {
  printf("%ld -> %ld %ld %ld", n->val, val(n->pa), val(n->pb), val(n->pc));
}

static void show(struct root __persistent *r) {
  printf("B->local->A: ");
  show_node(r->ba);
  printf("\nC->local->B: ");
  show_node(r->cb);
  printf("\nswapped A<->C: ");
  show_node(r->sa);
  printf(", ");
  show_node(r->sc);
  printf("\n");
}

static struct node __persistent *node_in(twz_object *o, long v, long __persistent *pa,
                                          long __persistent *pb, long __persistent *pc) {
  struct node __persistent *n;
  CHECK_OK(n = twz_object_alloc(o, sizeof *n, 8));
  n->val = v;
  n->pa = pa;
  n->pb = pb;
  n->pc = pc;
  return n;
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
  struct node __persistent *inb = node_in(o[1], 2, ta, tb, tc);
  struct node __persistent *inc = node_in(o[2], 3, ta, tb, tc);
  CHECK_OK(r->ba = twz_object_alloc(o[0], sizeof *r->ba, 8));
  CHECK_OK(r->cb = twz_object_alloc(o[1], sizeof *r->cb, 8));
  r->sa = node_in(o[0], 1, ta, NULL, tc);
  r->sc = node_in(o[2], 3, NULL, tb, tc);

  struct node t = *inb;
  printf("local from B: %ld -> %ld %ld %ld, same addresses: %d %d %d\n", t.val, val(t.pa),
         val(t.pb), val(t.pc), t.pa == ta, t.pb == tb, t.pc == tc);
  *r->ba = t;

  struct node u = *inc;
  long __persistent *first = u.pa;
  u.val *= 10;
  u.pa = u.pc;
  u.pc = u.pb;
  u.pb = first;
  printf("local from C, edited: %ld -> %ld %ld %ld\n", u.val, val(u.pa), val(u.pb), val(u.pc));
  *r->cb = u;

  struct node s = *r->sa;
  *r->sa = *r->sc;
  *r->sc = s;
  show(r);
  return 0;
}
