// twz_context_attach at run time: objects the program mapped before get
// narrowed to the context's rights (their mappings change), objects mapped
// after get them at once, a second attach is refused, and a write through
// an object mapped with every right before the attach now faults.
// RUN: rm -rf %t.store && %twz-clang -O2 -Wall %s -o %t && %twz-clang -O2 %probe-src -o %t.probe
// RUN: env TWZ_STORE=%t.store TWZ_PASSPHRASE=pw %exit 0 twz key new k > /dev/null
// RUN: env TWZ_STORE=%t.store %t.probe make early 1
// RUN: env TWZ_STORE=%t.store %t.probe make late 2
// RUN: env TWZ_STORE=%t.store %exit 0 twz key protect early k --default r > /dev/null
// RUN: env TWZ_STORE=%t.store %exit 0 twz key protect late k --default - > /dev/null
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx new c --key k > /dev/null
// RUN: env TWZ_STORE=%t.store not --crash %t 2>&1 | FileCheck %s
// CHECK:      before: early rwxud
// CHECK-NEXT: attach: ok
// CHECK-NEXT: after: early r----, late -----
// CHECK-NEXT: again: this process already runs in security context 'c'
// CHECK-NEXT: read early: 1
// CHECK-NEXT: twz: fault: write of object {{[0-9a-f]+}} at offset 0x{{[0-9a-f]+}} denied: security context 'c' grants r---- on it, not write (w)
// CHECK-NOT:  written
#include <stdio.h>
#include <twz/twz.h>

struct cell {
  long value;
  long __persistent *other;
};

int main(void) {
  char r1[6], r2[6];
  twz_object *early = twz_object_open("early");
  if (!early)
    return printf("open early: %s\n", twz_error()), 1;
  printf("before: early %s\n", twz_perm_format(twz_object_rights(early), r1));
  if (twz_context_attach("c") < 0)
    return printf("attach: %s\n", twz_error()), 1;
  printf("attach: ok\n");
  twz_object *late = twz_object_open("late");
  if (!late)
    return printf("open late: %s\n", twz_error()), 1;
  printf("after: early %s, late %s\n", twz_perm_format(twz_object_rights(early), r1),
         twz_perm_format(twz_object_rights(late), r2));
  if (twz_context_attach("c") < 0)
    printf("again: %s\n", twz_error());
  struct cell __persistent *c = twz_object_root(early);
  printf("read early: %ld\n", c->value);
  fflush(stdout);
  c->value = 5;
  printf("written\n");
  return 0;
}
