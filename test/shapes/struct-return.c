// A struct holding __persistent pointers returned by value straight into
// object memory, `*p = make(...)`: a small one (16 bytes, returned in
// registers) and a big one (> 16 bytes, returned through a hidden sret
// pointer), from functions kept out of line and from ones the optimizer may
// inline; and functions returning `*p` read from object memory
// (`*q = get(p)`, p and q in different objects). The stored pointers must be
// encoded for the destination's FOT.
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: small, out of line, into A: 200 -> 300
// CHECK-NEXT: small, inlined, into B: 100 -> 200
// CHECK-NEXT: big, out of line, into C: 7: 100 200 300 -1
// CHECK-NEXT: big, inlined, into A: 8: 300 -1 200 100
// CHECK-NEXT: small *p from A into B: 200 -> 300
// CHECK-NEXT: big *p from C into B: 7: 100 200 300 -1
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: small, out of line, into A: 200 -> 300
// CHECK-NEXT: small, inlined, into B: 100 -> 200
// CHECK-NEXT: big, out of line, into C: 7: 100 200 300 -1
// CHECK-NEXT: big, inlined, into A: 8: 300 -1 200 100
// CHECK-NEXT: small *p from A into B: 200 -> 300
// CHECK-NEXT: big *p from C into B: 7: 100 200 300 -1
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: small, out of line, into A: 200 -> 300
// CHECK-NEXT: small, inlined, into B: 100 -> 200
// CHECK-NEXT: big, out of line, into C: 7: 100 200 300 -1
// CHECK-NEXT: big, inlined, into A: 8: 300 -1 200 100
// CHECK-NEXT: small *p from A into B: 200 -> 300
// CHECK-NEXT: big *p from C into B: 7: 100 200 300 -1
// CHECK-NOT: {{.}}
#include "shapes.h"

struct small { /* 16 bytes: returned in RAX:RDX */
  long __persistent *p, *q;
};

struct big { /* 40 bytes: returned through sret */
  long v;
  long __persistent *p[4];
};

struct root {
  struct world w;
  struct small __persistent *s1; /* in A */
  struct small __persistent *s2; /* in B */
  struct big __persistent *b1;   /* in C */
  struct big __persistent *b2;   /* in A */
  struct small __persistent *s3; /* in B: *s3 = get_small(s1) */
  struct big __persistent *b3;   /* in B: *b3 = get_big(b1) */
};

__attribute__((noinline)) static struct small make_small(long __persistent *p,
                                                         long __persistent *q) {
  return (struct small){p, q};
}

static inline struct small make_small_inline(long __persistent *p, long __persistent *q) {
  struct small s;
  s.p = p;
  s.q = q;
  return s;
}

__attribute__((noinline)) static struct big make_big(long v, long __persistent *a,
                                                     long __persistent *b,
                                                     long __persistent *c,
                                                     long __persistent *d) {
  return (struct big){v, {a, b, c, d}};
}

static inline struct big make_big_inline(long v, long __persistent *a, long __persistent *b,
                                         long __persistent *c, long __persistent *d) {
  struct big r = {v, {a, b, c, d}};
  return r;
}

__attribute__((noinline)) static struct small get_small(struct small __persistent *p) {
  return *p;
}

__attribute__((noinline)) static struct big get_big(struct big __persistent *p) { return *p; }

static void show(struct root __persistent *r) {
  printf("small, out of line, into A: %ld -> %ld\n", val(r->s1->p), val(r->s1->q));
  printf("small, inlined, into B: %ld -> %ld\n", val(r->s2->p), val(r->s2->q));
  struct big __persistent *b[2] = {r->b1, r->b2};
  static const char *const what[2] = {"big, out of line, into C", "big, inlined, into A"};
  for (int i = 0; i < 2; i++)
    printf("%s: %ld: %ld %ld %ld %ld\n", what[i], b[i]->v, val(b[i]->p[0]), val(b[i]->p[1]),
           val(b[i]->p[2]), val(b[i]->p[3]));
  printf("small *p from A into B: %ld -> %ld\n", val(r->s3->p), val(r->s3->q));
  struct big __persistent *b3 = r->b3;
  printf("big *p from C into B: %ld: %ld %ld %ld %ld\n", b3->v, val(b3->p[0]), val(b3->p[1]),
         val(b3->p[2]), val(b3->p[3]));
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
  CHECK_OK(r->s1 = twz_object_alloc(o[0], sizeof(struct small), 8));
  CHECK_OK(r->s2 = twz_object_alloc(o[1], sizeof(struct small), 8));
  CHECK_OK(r->b1 = twz_object_alloc(o[2], sizeof(struct big), 8));
  CHECK_OK(r->b2 = twz_object_alloc(o[0], sizeof(struct big), 8));
  *r->s1 = make_small(tb, tc);
  *r->s2 = make_small_inline(ta, tb);
  *r->b1 = make_big(7, ta, tb, tc, NULL);
  *r->b2 = make_big_inline(8, tc, NULL, tb, ta);
  CHECK_OK(r->s3 = twz_object_alloc(o[1], sizeof(struct small), 8));
  CHECK_OK(r->b3 = twz_object_alloc(o[1], sizeof(struct big), 8));
  *r->s3 = get_small(r->s1);
  *r->b3 = get_big(r->b1);
  show(r);
  return 0;
}
