// A program read from standard input (-x c -) is compiled with the twz flags
// and linked with libtwz like any other input.
//
// RUN: rm -rf %t.store
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -x c - -o %t < %s 2>&1 | FileCheck %s --check-prefix=CMD
// CMD: -fplugin={{[^ ]*}}TwzAttrs.so {{.*}} -x c - -o {{[^ ]*}} -L{{[^ ]*}}/lib -ltwz -Wl,-rpath,{{[^ ]*}}/lib -lpthread{{$}}
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: stored 41 read 42
//
// -c from stdin: translated object, no link.
// RUN: %twz-clang -x c -c - -o %t.o < %s
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=NM
// NM-DAG: U __twz_resolve
// NM-DAG: U __twz_encode
//
// Diagnostics in stdin code are reported at <stdin>:line:col.
// RUN: not %twz-clang -x c -DBROKEN -c - -o %t.o < %s 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: <stdin>:[[@LINE+20]]:{{[0-9]+}}: error: twz: inline assembly cannot access memory through a __persistent pointer

#include <stdio.h>
#include <twz/twz.h>

struct box {
  int __persistent *value;
};

int main(void) {
  twz_object *obj = twz_object_create(NULL);
  if (!obj)
    return 1;
  struct box __persistent *b = twz_object_alloc(obj, sizeof *b, _Alignof(struct box));
  if (!b)
    return 1;
  b->value = twz_object_alloc(obj, sizeof(int), _Alignof(int));
  *b->value = 41;
  printf("stored %d ", *b->value);
#ifdef BROKEN
  __asm__ volatile("incl %0" : "+m"(*b->value));
#else
  ++*b->value;
#endif
  printf("read %d\n", *b->value);
  return 0;
}
