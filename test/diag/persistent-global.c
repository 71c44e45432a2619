// The twz Clang plugin rejects variables with static storage duration in the
// persistent address space, at the declaration: __persistent memory exists
// only inside objects, which are created at run time.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// The same errors stop a real compile (before the pass sees any IR).
// RUN: not %twz-clang -c %s -o %t.o 2>&1 | FileCheck %s
// CHECK: persistent-global.c:[[@LINE+3]]:18: error: variable 'g' is declared __persistent, but __persistent memory exists only inside objects; declare a pointer to it instead ('T __persistent *')
// CHECK: 8 errors generated.

int __persistent g; // expected-error {{variable 'g' is declared __persistent, but __persistent memory exists only inside objects; declare a pointer to it instead ('T __persistent *')}}

// Every kind of global storage, whatever the type.
static int __persistent file_static;  // expected-error {{variable 'file_static' is declared __persistent}}
extern int __persistent declared_elsewhere; // expected-error {{variable 'declared_elsewhere' is declared __persistent}}
_Thread_local int __persistent per_thread; // expected-error {{variable 'per_thread' is declared __persistent}}
int __persistent array[4][2];              // expected-error {{variable 'array' is declared __persistent}}

struct point {
  int x, y;
};
struct point __persistent origin = {0, 0}; // expected-error {{variable 'origin' is declared __persistent}}

typedef long __persistent plong;
plong via_typedef; // expected-error {{variable 'via_typedef' is declared __persistent}}
plong matrix[3];   // expected-error {{variable 'matrix' is declared __persistent}}

// Pointers to persistent memory are the intended form: no diagnostic, even
// when the pointer itself is global, or points to a persistent pointer.
int __persistent *pointer;
struct point __persistent *__persistent *pointer_to_pointer;
static plong *static_pointer;
