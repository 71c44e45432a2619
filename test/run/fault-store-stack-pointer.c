// Storing a pointer that points into no object (here: the stack) into object
// memory is a clear fault with the address and the object, and the object
// keeps its old contents.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store not --crash %t 2>&1 | FileCheck %s
// CHECK: before: 0x000000000{{[0-9a-f]+}}
// CHECK: twz: fault: storing pointer 0x{{[0-9a-f]+}} into object {{[0-9a-f]+}} at offset 0x{{[0-9a-f]+}}: the pointer points into no object, so it cannot be stored in invariant form
// CHECK-NOT: after
#include "check.h"

struct box {
  int __persistent *p;
  int x;
};

int main(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_create(NULL));
  struct box __persistent *b = twz_object_alloc(o, sizeof *b, 8);
  b->p = &b->x;
  printf("before: 0x%016llx\n", stored_form(&b->p));
  fflush(stdout);
  int local = 1;
  /* Through a volatile, so the plugin cannot see where it points (it
   * rejects `(int __persistent *)&local` at compile time). */
  int *volatile hidden = &local;
  b->p = (int __persistent *)hidden;
  printf("after: 0x%016llx\n", stored_form(&b->p));
  return 0;
}
