// Clang itself keeps ordinary and persistent pointers apart: an implicit
// conversion between `int *` and `int __persistent *` (either way) is an
// error, an explicit cast is accepted.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s

void take_plain(int *p);                  // expected-note {{passing argument to parameter 'p' here}}
void take_persistent(int __persistent *p); // expected-note {{passing argument to parameter 'p' here}}

void implicit(int *plain, int __persistent *pers) {
  int *a = pers;               // expected-error {{initializing 'int *' with an expression of type '__persistent int *' changes address space of pointer}}
  int __persistent *b = plain; // expected-error {{initializing '__persistent int *' with an expression of type 'int *' changes address space of pointer}}
  plain = pers;                // expected-error {{assigning '__persistent int *' to 'int *' changes address space of pointer}}
  pers = plain;                // expected-error {{assigning 'int *' to '__persistent int *' changes address space of pointer}}
  take_plain(pers);            // expected-error {{passing '__persistent int *' to parameter of type 'int *' changes address space of pointer}}
  take_persistent(plain);      // expected-error {{passing 'int *' to parameter of type '__persistent int *' changes address space of pointer}}
  (void)a;
  (void)b;
}

int *give_plain(int __persistent *p) {
  return p; // expected-error {{returning '__persistent int *' from a function with result type 'int *' changes address space of pointer}}
}

void explicit_casts(int *plain, int __persistent *pers) {
  int *a = (int *)pers;
  int __persistent *b = (int __persistent *)plain;
  void __persistent *v = pers;        // same address space: implicit is fine
  int __persistent *c = v;
  take_plain((int *)c);
  take_persistent((int __persistent *)a);
  (void)b;
}
