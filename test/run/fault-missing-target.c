// An FOT entry naming an object that no longer exists is a fault naming both
// objects, raised only when the pointer is actually resolved.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t write | FileCheck %s --check-prefix=WRITE
// RUN: env TWZ_STORE=%t.store not --crash %t read 2>&1 | FileCheck %s
// WRITE: removed [[T:[0-9a-f]{32}]]
// CHECK: value before the pointer: 7
// CHECK-NEXT: twz: fault: persistent pointer 0x00000000{{4[0-9a-f]+}} at 0x{{[0-9a-f]+}} (object {{[0-9a-f]+}}): FOT entry 1 names object {{[0-9a-f]+}}, which cannot be opened: cannot open object
#include <string.h>
#include <unistd.h>

#include "check.h"

struct box {
  int __persistent *p;
  int v;
};

int main(int argc, char **argv) {
  twz_object *a, *b;
  if (argc > 1 && !strcmp(argv[1], "write")) {
    CHECK_OK(a = twz_object_create("a"));
    CHECK_OK(b = twz_object_create(NULL));
    struct box __persistent *box = twz_object_alloc(a, sizeof *box, 8);
    box->p = twz_object_alloc(b, sizeof(int), 4);
    box->v = 7;
    twz_object_set_root(a, box);
    char path[4096], hex[TWZ_ID_STRLEN + 1];
    twz_id id = twz_object_id(b);
    twz_id_format(&id, hex);
    snprintf(path, sizeof path, "%s/%s.obj", twz_store_path(), hex);
    CHECK_OK(unlink(path) == 0);
    printf("removed %s\n", hex);
    return 0;
  }
  CHECK_OK(a = twz_object_open("a"));
  struct box __persistent *box = twz_object_root(a);
  printf("value before the pointer: %d\n", box->v);
  fflush(stdout);
  printf("reached %d\n", *box->p);
  return 0;
}
