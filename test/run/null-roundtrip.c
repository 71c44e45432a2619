// Null stored into an object reads back as null, at -O0 and -O2, and a
// stored null is the word 0.
// RUN: rm -rf %t.store && %twz-clang -O0 -I%S/Inputs %s -o %t0 && %twz-clang -O2 -I%S/Inputs %s -o %t2
// RUN: env TWZ_STORE=%t.store %t0 | FileCheck %s
// RUN: env TWZ_STORE=%t.store %t2 | FileCheck %s
// CHECK: stored 0
// CHECK-NEXT: loaded null
#include "check.h"

struct box {
  int __persistent *p;
};

int main(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_create(NULL));
  struct box __persistent *b = twz_object_alloc(o, sizeof *b, 8);
  b->p = (int __persistent *)twz_object_alloc(o, sizeof(int), 4); /* non-null first */
  int __persistent *volatile nul = NULL;
  b->p = nul;
  printf("stored %llu\n", stored_form(&b->p));
  printf("loaded %s\n", b->p == NULL ? "null" : "non-null");
  return 0;
}
