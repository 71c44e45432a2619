// `*p` passed by value to a function, where *p is a struct in object memory
// holding __persistent pointers: a small one (16 bytes, passed in
// registers) and a big one (> 16 bytes, passed byval in memory), to
// functions kept out of line and to ones the optimizer may inline. The
// callee must see the pointers as addresses it can follow; one callee stores
// its parameter into another object.
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: small, out of line: 300 -> 100
// CHECK-NEXT: small, inlined: 300 -> 100
// CHECK-NEXT: big, out of line: 9: 200 300 -1 100
// CHECK-NEXT: big, inlined: 9: 200 300 -1 100
// CHECK-NEXT: stored by the callee into C: 9: 200 300 -1 100
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: small, out of line: 300 -> 100
// CHECK-NEXT: small, inlined: 300 -> 100
// CHECK-NEXT: big, out of line: 9: 200 300 -1 100
// CHECK-NEXT: big, inlined: 9: 200 300 -1 100
// CHECK-NEXT: stored by the callee into C: 9: 200 300 -1 100
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: small, out of line: 300 -> 100
// CHECK-NEXT: small, inlined: 300 -> 100
// CHECK-NEXT: big, out of line: 9: 200 300 -1 100
// CHECK-NEXT: big, inlined: 9: 200 300 -1 100
// CHECK-NEXT: stored by the callee into C: 9: 200 300 -1 100
// CHECK-NOT: {{.}}
#include "shapes.h"

struct small { /* 16 bytes: passed in two registers */
  long __persistent *p, *q;
};

struct big { /* 40 bytes: passed byval in memory */
  long v;
  long __persistent *p[4];
};

struct root {
  struct world w;
  struct small __persistent *s; /* in B */
  struct big __persistent *b;   /* in A */
  struct big __persistent *c;   /* in C: stored by put_big */
};

__attribute__((noinline)) static void show_small(const char *what, struct small s) {
  printf("%s: %ld -> %ld\n", what, val(s.p), val(s.q));
}

static inline void show_small_inline(const char *what, struct small s) {
  printf("%s: %ld -> %ld\n", what, val(s.p), val(s.q));
}

__attribute__((noinline)) static void show_big(const char *what, struct big b) {
  printf("%s: %ld: %ld %ld %ld %ld\n", what, b.v, val(b.p[0]), val(b.p[1]), val(b.p[2]),
         val(b.p[3]));
}

static inline void show_big_inline(const char *what, struct big b) {
  printf("%s: %ld: %ld %ld %ld %ld\n", what, b.v, val(b.p[0]), val(b.p[1]), val(b.p[2]),
         val(b.p[3]));
}

__attribute__((noinline)) static void put_big(struct big __persistent *dst, struct big b) {
  *dst = b;
}

static void show(struct root __persistent *r) {
  show_small("small, out of line", *r->s);
  show_small_inline("small, inlined", *r->s);
  show_big("big, out of line", *r->b);
  show_big_inline("big, inlined", *r->b);
  struct big __persistent *c = r->c;
  printf("stored by the callee into C: %ld: %ld %ld %ld %ld\n", c->v, val(c->p[0]),
         val(c->p[1]), val(c->p[2]), val(c->p[3]));
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
  CHECK_OK(r->s = twz_object_alloc(o[1], sizeof(struct small), 8));
  CHECK_OK(r->b = twz_object_alloc(o[0], sizeof(struct big), 8));
  CHECK_OK(r->c = twz_object_alloc(o[2], sizeof(struct big), 8));
  r->s->p = tc;
  r->s->q = ta;
  r->b->v = 9;
  r->b->p[0] = tb;
  r->b->p[1] = tc;
  r->b->p[2] = NULL;
  r->b->p[3] = ta;
  put_big(r->c, *r->b); /* A -> byval -> C */
  show(r);
  return 0;
}
