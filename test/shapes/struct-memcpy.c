// memcpy and memmove of typed structs holding __persistent pointers, with
// the library functions (`memcpy((void *)a, (void *)b, sizeof *a)`) and the
// builtins (`__builtin_memcpy(a, b, sizeof *a)`): between objects each
// pointer must be re-encoded for the destination's FOT. Also arrays of such
// structs: copied between objects, and moved within one object with overlap
// (both directions).
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: memcpy B->A: 1 -> 100 200 300
// CHECK-NEXT: memmove B->C: 1 -> 100 200 300
// CHECK-NEXT: __builtin_memcpy C->A: 2 -> 300 -1 100
// CHECK-NEXT: __builtin_memmove A->B: 3 -> 200 300 200
// CHECK-NEXT: array memcpy C->B: [10 -> 100 -1 -1] [11 -> -1 200 -1] [12 -> -1 -1 300] [13 -> 300 200 100]
// CHECK-NEXT: array memmove up in A: [10 -> 100 -1 -1] [10 -> 100 -1 -1] [11 -> -1 200 -1] [12 -> -1 -1 300]
// CHECK-NEXT: array memmove down in C: [11 -> -1 200 -1] [12 -> -1 -1 300] [13 -> 300 200 100] [13 -> 300 200 100]
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: memcpy B->A: 1 -> 100 200 300
// CHECK-NEXT: memmove B->C: 1 -> 100 200 300
// CHECK-NEXT: __builtin_memcpy C->A: 2 -> 300 -1 100
// CHECK-NEXT: __builtin_memmove A->B: 3 -> 200 300 200
// CHECK-NEXT: array memcpy C->B: [10 -> 100 -1 -1] [11 -> -1 200 -1] [12 -> -1 -1 300] [13 -> 300 200 100]
// CHECK-NEXT: array memmove up in A: [10 -> 100 -1 -1] [10 -> 100 -1 -1] [11 -> -1 200 -1] [12 -> -1 -1 300]
// CHECK-NEXT: array memmove down in C: [11 -> -1 200 -1] [12 -> -1 -1 300] [13 -> 300 200 100] [13 -> 300 200 100]
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: memcpy B->A: 1 -> 100 200 300
// CHECK-NEXT: memmove B->C: 1 -> 100 200 300
// CHECK-NEXT: __builtin_memcpy C->A: 2 -> 300 -1 100
// CHECK-NEXT: __builtin_memmove A->B: 3 -> 200 300 200
// CHECK-NEXT: array memcpy C->B: [10 -> 100 -1 -1] [11 -> -1 200 -1] [12 -> -1 -1 300] [13 -> 300 200 100]
// CHECK-NEXT: array memmove up in A: [10 -> 100 -1 -1] [10 -> 100 -1 -1] [11 -> -1 200 -1] [12 -> -1 -1 300]
// CHECK-NEXT: array memmove down in C: [11 -> -1 200 -1] [12 -> -1 -1 300] [13 -> 300 200 100] [13 -> 300 200 100]
// CHECK-NOT: {{.}}
#include "shapes.h"

struct node {
  long val;
  long __persistent *pa, *pb, *pc;
};

struct root {
  struct world w;
  struct node __persistent *mc;   /* in A: memcpy from B */
  struct node __persistent *mm;   /* in C: memmove from B */
  struct node __persistent *bmc;  /* in A: __builtin_memcpy from C */
  struct node __persistent *bmm;  /* in B: __builtin_memmove from A */
  struct node __persistent *arr;  /* 4 in B: memcpy from 4 in C */
  struct node __persistent *up;   /* 4 in A: memmove [0..2] to [1..3] */
  struct node __persistent *down; /* 4 in C: memmove [1..3] to [0..2] */
};

static void show_node(struct node __persistent *n) {
  printf("%ld -> %ld %ld %ld", n->val, val(n->pa), val(n->pb), val(n->pc));
}

static void show_line(const char *what, struct node __persistent *n) {
  printf("%s: ", what);
  show_node(n);
  printf("\n");
}

static void show_array(const char *what, struct node __persistent *a) {
  printf("%s:", what);
  for (int i = 0; i < 4; i++) {
    printf(" [");
    show_node(&a[i]);
    printf("]");
  }
  printf("\n");
}

static void show(struct root __persistent *r) {
  show_line("memcpy B->A", r->mc);
  show_line("memmove B->C", r->mm);
  show_line("__builtin_memcpy C->A", r->bmc);
  show_line("__builtin_memmove A->B", r->bmm);
  show_array("array memcpy C->B", r->arr);
  show_array("array memmove up in A", r->up);
  show_array("array memmove down in C", r->down);
}

static struct node __persistent *nodes(twz_object *o, int n) {
  struct node __persistent *p;
  CHECK_OK(p = twz_object_alloc(o, n * sizeof *p, 8));
  return p;
}

static void set(struct node __persistent *n, long v, long __persistent *pa,
                long __persistent *pb, long __persistent *pc) {
  n->val = v;
  n->pa = pa;
  n->pb = pb;
  n->pc = pc;
}

/* Four nodes 10..13 pointing into A, B, C and all three. */
static void fill4(struct node __persistent *a, long __persistent *const t[3]) {
  set(&a[0], 10, t[0], NULL, NULL);
  set(&a[1], 11, NULL, t[1], NULL);
  set(&a[2], 12, NULL, NULL, t[2]);
  set(&a[3], 13, t[2], t[1], t[0]);
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
  long __persistent *t[3] = {r->w.t[0], r->w.t[1], r->w.t[2]};
  struct node __persistent *inb = nodes(o[1], 1), *inc = nodes(o[2], 1), *ina = nodes(o[0], 1);
  set(inb, 1, t[0], t[1], t[2]);
  set(inc, 2, t[2], NULL, t[0]);
  set(ina, 3, t[1], t[2], t[1]);
  r->mc = nodes(o[0], 1);
  r->mm = nodes(o[2], 1);
  r->bmc = nodes(o[0], 1);
  r->bmm = nodes(o[1], 1);
  r->arr = nodes(o[1], 4);
  r->up = nodes(o[0], 4);
  r->down = nodes(o[2], 4);

  struct node __persistent *a = r->mc;
  memcpy((void *)a, (void *)inb, sizeof *a);
  memmove((void *)r->mm, (void *)inb, sizeof *r->mm);
  __builtin_memcpy(r->bmc, inc, sizeof *r->bmc);
  __builtin_memmove(r->bmm, ina, sizeof(struct node));

  struct node __persistent *four_c = nodes(o[2], 4);
  fill4(four_c, t);
  memcpy((void *)r->arr, (void *)four_c, 4 * sizeof *four_c);

  fill4(r->up, t);
  memmove((void *)&r->up[1], (void *)&r->up[0], 3 * sizeof(struct node));
  fill4(r->down, t);
  __builtin_memmove(&r->down[0], &r->down[1], 3 * sizeof(struct node));
  show(r);
  return 0;
}
