// Struct copies between objects where the __persistent pointers are deeper
// down: in a nested struct, in an array of pointers, in an array of structs
// inside a struct (`*dst = *src` of the whole, of one array element, of the
// nested member alone). Every pointer must be re-encoded for the
// destination's FOT; the plain fields are copied as they are.
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: rec B->A: id 5 in (200 tag 6) arr 300 100 200
// CHECK-NEXT: member in C->A: id 9 in (100 tag 7) arr -1 -1 -1
// CHECK-NEXT: bundle C->B: n 2 [id 10 in (300 tag 11) arr 100 -1 300] [id 20 in (-1 tag 21) arr 200 200 100]
// CHECK-NEXT: element B[0]->C[1]: n 2 [id 0 in (-1 tag 0) arr -1 -1 -1] [id 5 in (200 tag 6) arr 300 100 200]
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: rec B->A: id 5 in (200 tag 6) arr 300 100 200
// CHECK-NEXT: member in C->A: id 9 in (100 tag 7) arr -1 -1 -1
// CHECK-NEXT: bundle C->B: n 2 [id 10 in (300 tag 11) arr 100 -1 300] [id 20 in (-1 tag 21) arr 200 200 100]
// CHECK-NEXT: element B[0]->C[1]: n 2 [id 0 in (-1 tag 0) arr -1 -1 -1] [id 5 in (200 tag 6) arr 300 100 200]
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: rec B->A: id 5 in (200 tag 6) arr 300 100 200
// CHECK-NEXT: member in C->A: id 9 in (100 tag 7) arr -1 -1 -1
// CHECK-NEXT: bundle C->B: n 2 [id 10 in (300 tag 11) arr 100 -1 300] [id 20 in (-1 tag 21) arr 200 200 100]
// CHECK-NEXT: element B[0]->C[1]: n 2 [id 0 in (-1 tag 0) arr -1 -1 -1] [id 5 in (200 tag 6) arr 300 100 200]
// CHECK-NOT: {{.}}
#include "shapes.h"

struct inner {
  long __persistent *p;
  int tag;
};

struct rec {
  long id;
  struct inner in;          /* a nested struct */
  long __persistent *arr[3]; /* an array of pointers */
};

struct bundle {
  int n;
  struct rec recs[2]; /* an array of structs */
};

struct root {
  struct world w;
  struct rec __persistent *rec_b;       /* in B, built field by field */
  struct rec __persistent *rec_a;       /* in A: *rec_a = *rec_b */
  struct rec __persistent *mem_a;       /* in A: mem_a->in = (rec in C)->in */
  struct bundle __persistent *bundle_c; /* in C, built field by field */
  struct bundle __persistent *bundle_b; /* in B: *bundle_b = *bundle_c */
  struct bundle __persistent *elem_c;   /* in C: elem_c->recs[1] = bundle_d->recs[0] */
};

static void show_rec(struct rec __persistent *r) {
  printf("id %ld in (%ld tag %d) arr %ld %ld %ld", r->id, val(r->in.p), r->in.tag,
         val(r->arr[0]), val(r->arr[1]), val(r->arr[2]));
}

static void show_bundle(struct bundle __persistent *b) {
  printf("n %d [", b->n);
  show_rec(&b->recs[0]);
  printf("] [");
  show_rec(&b->recs[1]);
  printf("]\n");
}

static void show(struct root __persistent *r) {
  printf("rec B->A: ");
  show_rec(r->rec_a);
  printf("\nmember in C->A: ");
  show_rec(r->mem_a);
  printf("\nbundle C->B: ");
  show_bundle(r->bundle_b);
  printf("element B[0]->C[1]: ");
  show_bundle(r->elem_c);
}

static void fill(struct rec __persistent *r, long id, long __persistent *p, int tag,
                 long __persistent *a0, long __persistent *a1, long __persistent *a2) {
  r->id = id;
  r->in.p = p;
  r->in.tag = tag;
  r->arr[0] = a0;
  r->arr[1] = a1;
  r->arr[2] = a2;
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
  CHECK_OK(r->rec_b = twz_object_alloc(o[1], sizeof(struct rec), 8));
  CHECK_OK(r->rec_a = twz_object_alloc(o[0], sizeof(struct rec), 8));
  CHECK_OK(r->mem_a = twz_object_alloc(o[0], sizeof(struct rec), 8));
  CHECK_OK(r->bundle_c = twz_object_alloc(o[2], sizeof(struct bundle), 8));
  CHECK_OK(r->bundle_b = twz_object_alloc(o[1], sizeof(struct bundle), 8));
  CHECK_OK(r->elem_c = twz_object_alloc(o[2], sizeof(struct bundle), 8));
  struct rec __persistent *rec_c;
  CHECK_OK(rec_c = twz_object_alloc(o[2], sizeof *rec_c, 8));
  struct bundle __persistent *bundle_b2;
  CHECK_OK(bundle_b2 = twz_object_alloc(o[1], sizeof *bundle_b2, 8));

  fill(r->rec_b, 5, tb, 6, tc, ta, tb);
  *r->rec_a = *r->rec_b; /* B -> A, nested struct and array of pointers */

  fill(rec_c, 8, ta, 7, tc, tc, tc);
  r->mem_a->id = 9;
  r->mem_a->in = rec_c->in; /* C -> A, the nested struct alone */

  r->bundle_c->n = 2;
  fill(&r->bundle_c->recs[0], 10, tc, 11, ta, NULL, tc);
  fill(&r->bundle_c->recs[1], 20, NULL, 21, tb, tb, ta);
  *r->bundle_b = *r->bundle_c; /* C -> B, an array of structs inside */

  bundle_b2->n = 2;
  fill(&bundle_b2->recs[0], 5, tb, 6, tc, ta, tb);
  r->elem_c->n = 2;
  r->elem_c->recs[1] = bundle_b2->recs[0]; /* B -> C, one element */
  show(r);
  return 0;
}
