// __persistent qualifies the pointee of a pointer. A function returning a
// __persistent-qualified non-pointer type, and a cast to one, are errors;
// returning or casting to a pointer to __persistent memory is fine.
//
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
// CHECK: persistent-nonpointer.c:[[@LINE+6]]:1: error: __persistent qualifies the pointee of a pointer; a function cannot return a __persistent 'int'
// CHECK: persistent-nonpointer.c:[[@LINE+19]]:9: error: __persistent qualifies the pointee of a pointer; a cast to __persistent 'int' has no meaning

struct point { int x, y; };
typedef long __persistent plong;

int __persistent get_int(void); // expected-error {{__persistent qualifies the pointee of a pointer; a function cannot return a __persistent 'int'}}
struct point __persistent get_point(void); // expected-error {{a function cannot return a __persistent 'struct point'}}
plong get_long(void); // expected-error {{a function cannot return a __persistent 'long'}}
const int __persistent get_const(int); // expected-error {{a function cannot return a __persistent 'int'}}
// Each declaration is checked, definitions included.
int __persistent get_int(void) { return 0; } // expected-error {{a function cannot return a __persistent 'int'}}

// Pointers to persistent memory, at any depth, are the intended form.
int __persistent *get_ptr(void);
struct point __persistent *__persistent *get_ptr_ptr(void);
plong *get_plong_ptr(void);
int *get_plain(void);

void casts(int i, int __persistent *p, struct point __persistent *sp) {
  (void)(int __persistent)i; // expected-error {{__persistent qualifies the pointee of a pointer; a cast to __persistent 'int' has no meaning}}
  (void)(plong)i;            // expected-error {{a cast to __persistent 'long' has no meaning}}
  long v = (long __persistent)*p; // expected-error {{a cast to __persistent 'long' has no meaning}}
  (void)(const unsigned __persistent)v; // expected-error {{a cast to __persistent 'unsigned int' has no meaning}}
  // Casts to pointer types are fine.
  (void)(int __persistent *)p;
  (void)(plong *)p;
  (void)(struct point __persistent *)sp;
  (void)(int)*p;
  (void)sp->x;
}
