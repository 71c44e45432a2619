// A stored pointer through an FOT entry that is not valid (never completed,
// or corrupted) is a fault naming the entry, in the next process that
// resolves it.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t write | FileCheck %s --check-prefix=WRITE
// RUN: env TWZ_STORE=%t.store not --crash %t read 2>&1 | FileCheck %s
// WRITE: stored 0x00000000{{4[0-9a-f]+}}
// CHECK: twz: fault: corrupt persistent pointer 0x00000000{{4[0-9a-f]+}} at 0x{{[0-9a-f]+}} (object {{[0-9a-f]+}}, offset 0x{{[0-9a-f]+}}): FOT entry 1 is not valid (flags 0x6)
// CHECK-NOT: reached
#include <string.h>

#include "check.h"

struct box {
  int __persistent *p;
};

int main(int argc, char **argv) {
  twz_object *a, *b;
  if (argc > 1 && !strcmp(argv[1], "write")) {
    CHECK_OK(a = twz_object_create("a"));
    CHECK_OK(b = twz_object_create(NULL));
    struct box __persistent *box = twz_object_alloc(a, sizeof *box, 8);
    box->p = twz_object_alloc(b, sizeof(int), 4);
    twz_object_set_root(a, box);
    printf("stored 0x%016llx\n", stored_form(&box->p));
    /* Clear the valid bit of entry 1 (ABI: flags at byte 24 of the entry). */
    unsigned *flags = (unsigned *)(twz_object_base(a) + twz_fot_offset(1) + 24);
    *flags &= ~TWZ_FOT_VALID;
    return 0;
  }
  CHECK_OK(a = twz_object_open("a"));
  struct box __persistent *box = twz_object_root(a);
  printf("reached %d\n", *box->p);
  return 0;
}
