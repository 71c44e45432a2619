// A struct holding __persistent pointers into objects A, B and C, copied
// with `*dst = *src` between objects: each pointer must be re-encoded for the
// destination object's FOT (the same target has another FOT index in each).
// Process 1 builds one source node in each object (field by field) and
// copies B -> A, A -> B, B -> C, C -> A and A -> A (within one object);
// processes 2 and 3 read the copies at other mapping addresses.
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: sources: 1 -> 100 200 300, 2 -> 100 200 300, 3 -> 100 200 300
// CHECK-NEXT: B->A: 2 -> 100 200 300
// CHECK-NEXT: A->B: 1 -> 100 200 300
// CHECK-NEXT: B->C: 2 -> 100 200 300
// CHECK-NEXT: C->A: 3 -> 100 200 300
// CHECK-NEXT: A->A: 1 -> 100 200 300
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: sources: 1 -> 100 200 300, 2 -> 100 200 300, 3 -> 100 200 300
// CHECK-NEXT: B->A: 2 -> 100 200 300
// CHECK-NEXT: A->B: 1 -> 100 200 300
// CHECK-NEXT: B->C: 2 -> 100 200 300
// CHECK-NEXT: C->A: 3 -> 100 200 300
// CHECK-NEXT: A->A: 1 -> 100 200 300
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: sources: 1 -> 100 200 300, 2 -> 100 200 300, 3 -> 100 200 300
// CHECK-NEXT: B->A: 2 -> 100 200 300
// CHECK-NEXT: A->B: 1 -> 100 200 300
// CHECK-NEXT: B->C: 2 -> 100 200 300
// CHECK-NEXT: C->A: 3 -> 100 200 300
// CHECK-NEXT: A->A: 1 -> 100 200 300
// CHECK-NOT: {{.}}
#include "shapes.h"

struct node {
  long val;
  long __persistent *pa, *pb, *pc; /* into A, B and C */
};

struct root {
  struct world w;
  struct node __persistent *src[3]; /* in A, B, C, built field by field */
  struct node __persistent *ba;     /* in A: *ba = *src[1] */
  struct node __persistent *ab;     /* in B: *ab = *src[0] */
  struct node __persistent *bc;     /* in C: *bc = *src[1] */
  struct node __persistent *ca;     /* in A: *ca = *src[2] */
  struct node __persistent *aa;     /* in A: *aa = *src[0] */
};

static void show(const char *what, struct node __persistent *n) {
  printf("%s: %ld -> %ld %ld %ld\n", what, n->val, val(n->pa), val(n->pb), val(n->pc));
}

static void show_all(struct root __persistent *r) {
  printf("sources:");
  for (int i = 0; i < 3; i++) {
    struct node __persistent *n = r->src[i];
    printf("%s %ld -> %ld %ld %ld", i ? "," : "", n->val, val(n->pa), val(n->pb), val(n->pc));
  }
  printf("\n");
  show("B->A", r->ba);
  show("A->B", r->ab);
  show("B->C", r->bc);
  show("C->A", r->ca);
  show("A->A", r->aa);
}

static struct node __persistent *alloc_node(twz_object *o) {
  struct node __persistent *n;
  CHECK_OK(n = twz_object_alloc(o, sizeof *n, 8));
  return n;
}

int main(int argc, char **argv) {
  twz_object *o[3];
  struct root __persistent *r;
  if (!is_build(argc, argv)) {
    r = (struct root __persistent *)world_open(o);
    show_all(r);
    return 0;
  }
  r = (struct root __persistent *)world_create(o, sizeof *r);
  for (int i = 0; i < 3; i++) {
    struct node __persistent *n = alloc_node(o[i]);
    n->val = i + 1;
    n->pa = r->w.t[0];
    n->pb = r->w.t[1];
    n->pc = r->w.t[2];
    r->src[i] = n;
  }
  r->ba = alloc_node(o[0]);
  r->ab = alloc_node(o[1]);
  r->bc = alloc_node(o[2]);
  r->ca = alloc_node(o[0]);
  r->aa = alloc_node(o[0]);

  *r->ba = *r->src[1]; /* B -> A */
  *r->ab = *r->src[0]; /* A -> B */
  *r->bc = *r->src[1]; /* B -> C */
  *r->ca = *r->src[2]; /* C -> A */
  *r->aa = *r->src[0]; /* A -> A: same object */
  show_all(r);
  return 0;
}
