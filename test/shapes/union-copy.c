// Unions whose members are all __persistent pointers (of different pointee
// types): whichever member was stored, the union holds one pointer, so a
// copy between objects, of the union alone or inside a struct or an array,
// must re-encode it for the destination's FOT like a pointer.
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: union B->A: 300
// CHECK-NEXT: union C->B: 100
// CHECK-NEXT: tagged B->C: long 200, bytes 'd' 'e', long 100
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: union B->A: 300
// CHECK-NEXT: union C->B: 100
// CHECK-NEXT: tagged B->C: long 200, bytes 'd' 'e', long 100
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: union B->A: 300
// CHECK-NEXT: union C->B: 100
// CHECK-NEXT: tagged B->C: long 200, bytes 'd' 'e', long 100
// CHECK-NOT: {{.}}
#include "shapes.h"

union ref {
  long __persistent *l;
  char __persistent *c;
  void __persistent *v;
};

struct tagged {
  int kind[3]; /* 0: l, 1: c */
  union ref r[3];
};

struct root {
  struct world w;
  union ref __persistent *ua;     /* in A: *ua = *(union in B) */
  union ref __persistent *ub;     /* in B: *ub = *(union in C) */
  struct tagged __persistent *tc; /* in C: *tc = *(struct in B) */
};

static void show(struct root __persistent *r) {
  printf("union B->A: %ld\n", val(r->ua->l));
  printf("union C->B: %ld\n", val(r->ub->l));
  struct tagged __persistent *t = r->tc;
  printf("tagged B->C:");
  for (int i = 0; i < 3; i++) {
    if (t->kind[i] == 0)
      printf("%s long %ld", i ? "," : "", val(t->r[i].l));
    else
      printf("%s bytes '%c' '%c'", i ? "," : "", t->r[i].c[0], t->r[i].c[1]);
  }
  printf("\n");
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
  char __persistent *text;
  CHECK_OK(text = twz_object_alloc(o[0], 8, 1)); /* "de" in A */
  text[0] = 'd';
  text[1] = 'e';
  union ref __persistent *inb, *inc;
  CHECK_OK(inb = twz_object_alloc(o[1], sizeof *inb, 8));
  CHECK_OK(inc = twz_object_alloc(o[2], sizeof *inc, 8));
  inb->l = tc;
  inc->v = ta;
  CHECK_OK(r->ua = twz_object_alloc(o[0], sizeof(union ref), 8));
  CHECK_OK(r->ub = twz_object_alloc(o[1], sizeof(union ref), 8));
  *r->ua = *inb; /* B -> A */
  *r->ub = *inc; /* C -> B */

  struct tagged __persistent *tb_src;
  CHECK_OK(tb_src = twz_object_alloc(o[1], sizeof *tb_src, 8));
  tb_src->kind[0] = 0;
  tb_src->r[0].l = tb;
  tb_src->kind[1] = 1;
  tb_src->r[1].c = text;
  tb_src->kind[2] = 0;
  tb_src->r[2].v = ta;
  CHECK_OK(r->tc = twz_object_alloc(o[2], sizeof(struct tagged), 8));
  *r->tc = *tb_src; /* B -> C */
  show(r);
  return 0;
}
