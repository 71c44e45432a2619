// Copies the optimizer makes out of ordinary code on object memory, after
// twz's lowering has run: a struct copied through a local
// (`struct pt t = *a; *b = t;`, which MemCpyOpt turns into a memmove between
// the two objects) and strcpy of a constant string into an object (which
// SimplifyLibCalls turns into a memcpy). They must compile at every -O level
// and copy the bytes. The library strcpy takes a plain pointer, so the
// object pointer is cast; the builtin takes the __persistent one as it is.
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s1 && %shapes-cc -O1 %s -o %t.O1 && %three-processes %t.s1 %t.O1 > %t.out1
// RUN: FileCheck %s < %t.out1
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: pt A->B: 1 2
// CHECK-NEXT: pt3 B->C: 3 4 5
// CHECK-NEXT: big C->A: 6 7 8 9 10 11 12 13
// CHECK-NEXT: strcpy: hello / world / again / array / fresh
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: pt A->B: 1 2
// CHECK-NEXT: pt3 B->C: 3 4 5
// CHECK-NEXT: big C->A: 6 7 8 9 10 11 12 13
// CHECK-NEXT: strcpy: hello / world / again / array / fresh
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: pt A->B: 1 2
// CHECK-NEXT: pt3 B->C: 3 4 5
// CHECK-NEXT: big C->A: 6 7 8 9 10 11 12 13
// CHECK-NEXT: strcpy: hello / world / again / array / fresh
// CHECK-NOT: {{.}}
#include "shapes.h"

struct pt {
  int x, y;
};

struct pt3 {
  int x, y, z;
};

struct big {
  long v[8];
};

struct entry {
  char name[16];             /* in the entry's object */
  char name2[16];            /* there too */
  char __persistent *pname;  /* in another object */
  char __persistent *pname2; /* in a third one */
};

struct root {
  struct world w;
  struct pt __persistent *pa, *pb;
  struct pt3 __persistent *qb, *qc;
  struct big __persistent *bc, *ba;
  struct entry __persistent *e; /* in B; pname in C, pname2 in A */
  struct entry __persistent *f; /* in C */
};

/* Out of line, so the two pointers may alias: a memmove, not a memcpy. */
__attribute__((noinline)) static void copy_pt(struct pt __persistent *a, struct pt __persistent *b) {
  struct pt t = *a;
  *b = t;
}

__attribute__((noinline)) static void copy_pt3(struct pt3 __persistent *a,
                                               struct pt3 __persistent *b) {
  struct pt3 t = *a;
  *b = t;
}

/* Emitted before main, so that the module's strcpy is the one the builtin
 * calls with a __persistent argument (and not a plain one, as main's). */
void builtin_strcpy(struct entry __persistent *e, twz_object *c, struct root __persistent *r) {
  __builtin_strcpy(e->pname2, "again");
  __builtin_strcpy(e->name2, "array");
  struct entry __persistent *f;
  CHECK_OK(f = twz_object_alloc(c, sizeof *f, 8));
  __builtin_strcpy(f->name, "fresh");
  r->f = f;
}

static void show(struct root __persistent *r) {
  printf("pt A->B: %d %d\n", r->pb->x, r->pb->y);
  printf("pt3 B->C: %d %d %d\n", r->qc->x, r->qc->y, r->qc->z);
  printf("big C->A:");
  for (int i = 0; i < 8; i++)
    printf(" %ld", r->ba->v[i]);
  printf("\n");
  char buf[5][16];
  for (int i = 0; i < 16; i++) {
    buf[0][i] = r->e->name[i];
    buf[1][i] = r->e->pname[i];
    buf[2][i] = r->e->pname2[i];
    buf[3][i] = r->e->name2[i];
    buf[4][i] = r->f->name[i];
  }
  for (int i = 0; i < 5; i++)
    buf[i][15] = 0;
  printf("strcpy: %s / %s / %s / %s / %s\n", buf[0], buf[1], buf[2], buf[3], buf[4]);
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
  CHECK_OK(r->pa = twz_object_alloc(o[0], sizeof(struct pt), 8));
  CHECK_OK(r->pb = twz_object_alloc(o[1], sizeof(struct pt), 8));
  CHECK_OK(r->qb = twz_object_alloc(o[1], sizeof(struct pt3), 8));
  CHECK_OK(r->qc = twz_object_alloc(o[2], sizeof(struct pt3), 8));
  CHECK_OK(r->bc = twz_object_alloc(o[2], sizeof(struct big), 8));
  CHECK_OK(r->ba = twz_object_alloc(o[0], sizeof(struct big), 8));
  CHECK_OK(r->e = twz_object_alloc(o[1], sizeof(struct entry), 8));
  CHECK_OK(r->e->pname = twz_object_alloc(o[2], 16, 1));
  CHECK_OK(r->e->pname2 = twz_object_alloc(o[0], 16, 1));

  r->pa->x = 1;
  r->pa->y = 2;
  copy_pt(r->pa, r->pb);
  r->qb->x = 3;
  r->qb->y = 4;
  r->qb->z = 5;
  copy_pt3(r->qb, r->qc);
  for (int i = 0; i < 8; i++)
    r->bc->v[i] = 6 + i;
  struct big u = *r->bc;
  *r->ba = u;

  struct entry __persistent *e = r->e;
  strcpy((char *)e->name, "hello");
  strcpy((char *)e->pname, "world");
  builtin_strcpy(e, o[2], r);
  show(r);
  return 0;
}
