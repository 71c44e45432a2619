// memcpy, memmove and memset on object memory work on the data (no pointers
// inside, so no translation is needed), in both directions.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t && env TWZ_STORE=%t.store %t | FileCheck %s
// RUN: rm -rf %t.store && %twz-clang -O0 -I%S/Inputs %s -o %t0 && env TWZ_STORE=%t.store %t0 | FileCheck %s
// CHECK: in: hello, object
// CHECK-NEXT: moved: hellhello, object
// CHECK-NEXT: set: xxxxxxxxxxxxxxxx
// CHECK-NEXT: struct copy: 1 2 3
#include <string.h>

#include "check.h"

struct triple {
  int a, b, c;
};

int main(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_create(NULL));
  char __persistent *buf = twz_object_alloc(o, 64, 1);
  char local[64];
  const char msg[] = "hello, object";
  __builtin_memcpy(buf, msg, sizeof msg);
  __builtin_memcpy(local, buf, sizeof msg);
  printf("in: %s\n", local);
  __builtin_memmove(buf + 4, buf, sizeof msg);
  __builtin_memcpy(local, buf, sizeof msg + 4);
  printf("moved: %s\n", local);
  __builtin_memset(buf, 'x', 16);
  buf[16] = 0;
  __builtin_memcpy(local, buf, 17);
  printf("set: %s\n", local);
  struct triple __persistent *t = twz_object_alloc(o, sizeof *t, 4);
  struct triple s = {1, 2, 3}, r;
  *t = s; /* aggregate copies lower to memcpy */
  r = *t;
  printf("struct copy: %d %d %d\n", r.a, r.b, r.c);
  return 0;
}
