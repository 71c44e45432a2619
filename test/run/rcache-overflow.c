// FOT indices beyond the resolution cache (>= 1024) resolve through the slow
// path every time, with the same result. The FOT entry is written by hand
// following docs/abi.md, which also pins the entry format.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: index 1500: 1234 1234 1234
#include <stdatomic.h>
#include <string.h>

#include "check.h"

int main(void) {
  twz_object *a, *b;
  CHECK_OK(a = twz_object_create(NULL));
  CHECK_OK(b = twz_object_create(NULL));
  int __persistent *target = twz_object_alloc(b, sizeof(int), 4);
  *target = 1234;
  uintptr_t base = twz_object_base(a);
  struct twz_obj_header *h = (struct twz_obj_header *)(base + TWZ_META_OFFSET);
  struct twz_fot_entry *e = (struct twz_fot_entry *)(base + twz_fot_offset(1500));
  twz_id id = twz_object_id(b);
  memcpy(e->id, id.b, 16);
  e->flags = TWZ_FOT_VALID | TWZ_FOT_READ | TWZ_FOT_WRITE;
  h->fot_count = 1501;
  int __persistent *__persistent *slot = twz_object_alloc(a, 8, 8);
  unsigned long long off = (uintptr_t)target & ((1ull << 30) - 1);
  *(unsigned long long *)(void *)slot = (1500ull << 30) | off;
  printf("index 1500:");
  for (int i = 0; i < 3; i++)
    printf(" %d", **slot);
  printf("\n");
  return 0;
}
