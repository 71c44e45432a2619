// An explicit cast to a __persistent pointer of the address of a local
// (automatic or static) variable is an error at the cast, with a note at the
// variable: a __persistent pointer must point into an object. The root of
// the address is followed through `.` member accesses and subscripts of
// arrays, whether the address is taken with `&` or by array decay, and
// through intermediate casts.
//
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// Errors, not warnings: -Wno-twz and -w leave them.
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Wno-twz -w -Xclang -verify %s
// The error stops a real compile, with the exact text and location.
// RUN: not %twz-clang -c -fno-caret-diagnostics %s -o %t.o 2>&1 | FileCheck %s
// CHECK: cast-of-local.c:[[@LINE+10]]:9: error: cast of the address of local variable 'x' to a __persistent pointer; __persistent pointers must point into objects (allocate with twz_object_alloc)
// CHECK-NEXT: cast-of-local.c:[[@LINE+8]]:7: note: 'x' declared here

#include <stdint.h>

struct pt { int x, y; };
struct shape { int id; int vals[4]; struct pt corners[4]; };

void scalar(void) {
  int x; // expected-note 4 {{'x' declared here}}
  (void)(int __persistent *)&x; // expected-error {{cast of the address of local variable 'x' to a __persistent pointer; __persistent pointers must point into objects (allocate with twz_object_alloc)}}
  (void)(int __persistent *)(&x); // expected-error {{cast of the address of local variable 'x'}}
  // Through an intermediate cast to a plain pointer, or to an integer.
  (void)(int __persistent *)(void *)&x;      // expected-error {{cast of the address of local variable 'x'}}
  (void)(int __persistent *)(uintptr_t)&x;   // expected-error {{cast of the address of local variable 'x'}}
}

void arrays(void) {
  int arr[4]; // expected-note 3 {{'arr' declared here}}
  int matrix[2][3]; // expected-note 2 {{'matrix' declared here}}
  (void)(int __persistent *)arr;      // expected-error {{cast of the address of local variable 'arr'}}
  (void)(int __persistent *)&arr[2];  // expected-error {{cast of the address of local variable 'arr'}}
  (void)(int (__persistent *)[4])&arr; // expected-error {{cast of the address of local variable 'arr'}}
  (void)(int __persistent *)matrix[1]; // expected-error {{cast of the address of local variable 'matrix'}}
  (void)(int __persistent *)&matrix[1][2]; // expected-error {{cast of the address of local variable 'matrix'}}
}

void members(void) {
  struct shape s; // expected-note 5 {{'s' declared here}}
  (void)(int __persistent *)&s.id;            // expected-error {{cast of the address of local variable 's'}}
  (void)(int __persistent *)s.vals;           // expected-error {{cast of the address of local variable 's'}}
  (void)(int __persistent *)&s.vals[1];       // expected-error {{cast of the address of local variable 's'}}
  (void)(int __persistent *)&s.corners[1].x;  // expected-error {{cast of the address of local variable 's'}}
  (void)(struct shape __persistent *)&s;      // expected-error {{cast of the address of local variable 's'}} expected-note {{if 's' is a search key, put it in an object instead}}
}

void static_local(void) {
  static int counter; // expected-note {{'counter' declared here}}
  // Static storage is not object memory either.
  // (Whether the message calls it local or global is not the point.)
  (void)(int __persistent *)&counter; // expected-error-re {{cast of the address of {{(local|global|static)}} variable 'counter' to a __persistent pointer}}
}

// The check follows only `.` and array subscripts: through `->`, `*` or a
// subscripted pointer the origin is unknown, and there is no error.
void through_memory(struct shape *sp, int *ip, int (*pa)[4]) {
  struct shape *local_ptr = sp;
  (void)(int __persistent *)&sp->id;
  (void)(int __persistent *)sp->vals;
  (void)(int __persistent *)&local_ptr->corners[2].y;
  (void)(int __persistent *)&ip[3];
  (void)(int __persistent *)*pa;
  (void)(int __persistent *)&*ip;
}
