// A program built for the twz kernel runs on Linux until it needs an
// object: the native object system calls do not exist there (-ENOSYS), and
// libtwz says so once on stderr and in twz_error() for every call, instead
// of failing obscurely.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: not %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// OUT: before objects
// ERR: twz: this program was built for the twz kernel (--target=x86_64-unknown-twizzler): object system calls are not available here
// ERR-NEXT: create: this program was built for the twz kernel (--target=x86_64-unknown-twizzler): object system calls are not available here
// ERR-NEXT: open: this program was built for the twz kernel (--target=x86_64-unknown-twizzler): object system calls are not available here
// ERR-NEXT: delete: this program was built for the twz kernel (--target=x86_64-unknown-twizzler): object system calls are not available here
// ERR-NOT: twz:
//
// The same program built for the host works (so this test can fail).
// RUN: rm -rf %t.store && %twz-clang -O1 %s -o %t.hosted
// RUN: env TWZ_STORE=%t.store %t.hosted | FileCheck %s --check-prefix=HOSTED
// HOSTED: before objects
// HOSTED-NEXT: created, value 7
#include <stdio.h>
#include <twz/twz.h>

int main(void) {
  printf("before objects\n");
  fflush(stdout);
  twz_object *o = twz_object_create(NULL);
  if (!o) {
    fprintf(stderr, "create: %s\n", twz_error());
    twz_id id = {{1, 2, 3}};
    if (!twz_object_open_id(&id))
      fprintf(stderr, "open: %s\n", twz_error());
    if (twz_object_delete(&id) < 0)
      fprintf(stderr, "delete: %s\n", twz_error());
    return 1;
  }
  int __persistent *p = twz_object_alloc(o, sizeof *p, _Alignof(int));
  *p = 7;
  printf("created, value %d\n", *p);
  return 0;
}
