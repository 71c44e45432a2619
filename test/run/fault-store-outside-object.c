// Storing a persistent pointer to a cross-object target through a
// "persistent" address that is not in any object cannot be encoded (there
// is no FOT to put it in): a clear fault.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store not --crash %t 2>&1 | FileCheck %s
// CHECK: twz: fault: storing persistent pointer 0x{{[0-9a-f]+}} at 0x{{[0-9a-f]+}}, which is not in any object
#include <stdlib.h>

#include "check.h"

struct box {
  int __persistent *p;
};

int main(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_create(NULL));
  int __persistent *target = twz_object_alloc(o, sizeof(int), 4);
  struct box *heap = malloc(sizeof *heap);
  struct box __persistent *fake = (struct box __persistent *)heap;
  fake->p = target;
  printf("not reached\n");
  return 0;
}
