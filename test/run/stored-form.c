// Pointers stored in objects are FOT index : offset, never virtual addresses:
// same-object pointers have index 0, cross-object ones index >= 1, null is 0.
// RUN: rm -rf %t.store && %twz-clang -O1 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: null: 0x0000000000000000
// CHECK-NEXT: same: index 0 offset first+0x10
// CHECK-NEXT: cross: index 1 offset first+0x0
// CHECK-NEXT: cross again: index 1 offset first+0x8
// CHECK-NEXT: third: index 2 offset first+0x0
// CHECK-NEXT: fot 3
// CHECK-NEXT: round trip ok
#include <stdint.h>

#include "check.h"

struct rec {
  long pad[2];
  long __persistent *p;
};

/* Offsets relative to the target object's first allocation (objects start
 * their data at a cache line picked by their ID). */
static void show(const char *what, unsigned long long raw, const void __persistent *first) {
  unsigned long long off = raw & ((1ull << 30) - 1);
  printf("%s: index %llu offset first+0x%llx\n", what, raw >> 30,
         off - ((uintptr_t)first & ((1ull << 30) - 1)));
}

int main(void) {
  twz_object *a, *b, *c;
  CHECK_OK(a = twz_object_create(NULL));
  CHECK_OK(b = twz_object_create(NULL));
  CHECK_OK(c = twz_object_create(NULL));
  struct rec __persistent *r = twz_object_alloc(a, sizeof *r, 8);
  long __persistent *inb = twz_object_alloc(b, 2 * sizeof(long), 8);
  long __persistent *inc = twz_object_alloc(c, sizeof(long), 8);
  r->p = NULL;
  printf("null: 0x%016llx\n", stored_form(&r->p));
  r->p = &r->pad[0] + 2;
  show("same", stored_form(&r->p), r);
  r->p = inb;
  show("cross", stored_form(&r->p), inb);
  r->p = inb + 1;
  show("cross again", stored_form(&r->p), inb);
  r->p = inc;
  show("third", stored_form(&r->p), inc);
  printf("fot %llu\n", (unsigned long long)twz_object_fot_count(a));
  *inc = 42;
  if (r->p != inc || *r->p != 42)
    return 1;
  puts("round trip ok");
  return 0;
}
