// A static local variable in the persistent address space has static storage
// duration like a global: the twz plugin rejects it. (An automatic local or
// a parameter in an address space is rejected by Clang itself.)
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s

int counter(void) {
  static int __persistent count; // expected-error {{variable 'count' is declared __persistent, but __persistent memory exists only inside objects; declare a pointer to it instead ('T __persistent *')}}
  return ++count;
}

void table(void) {
  static const char __persistent names[2][8] = {"a", "b"}; // expected-error {{variable 'names' is declared __persistent}}
  (void)names;
}

void automatic(void) {
  int __persistent local; // expected-error {{automatic variable qualified with an address space}}
  (void)local;
}

void parameter(int __persistent p); // expected-error {{parameter may not be qualified with an address space}}

// A static local *pointer* to persistent memory is fine.
int __persistent *cached(int __persistent *p) {
  static int __persistent *last;
  int __persistent *prev = last;
  last = p;
  return prev;
}
