// A stored pointer whose FOT index is past the end of the FOT is a clear
// fault naming the pointer, the object and the index; not a wild read.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store not --crash %t 2>&1 | FileCheck %s
// CHECK: twz: fault: corrupt persistent pointer 0x0000007d00001000 at 0x{{[0-9a-f]+}} (object [[ID:[0-9a-f]{32}]], offset 0x{{[0-9a-f]+}}): FOT index 500 is past the end of the FOT (1 entries)
// CHECK-NOT: reached
#include "check.h"

struct box {
  int __persistent *p;
};

int main(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_create(NULL));
  struct box __persistent *b = twz_object_alloc(o, sizeof *b, 8);
  *(unsigned long long *)(void *)&b->p = (500ull << 30) | 0x1000; /* corrupt it */
  int __persistent *p = b->p;
  printf("reached %d\n", *p);
  return 0;
}
