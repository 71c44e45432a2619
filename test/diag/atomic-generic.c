// The generic atomic builtins move a value by address, and Clang lowers them
// to integer loads and stores: on a __persistent pointer in object memory
// the pass can translate only __atomic_load into a local variable. Every
// other use would silently move a stored form (or a raw address), so it is
// an error naming the _n form to use instead. Atomics on pointers that are
// not in object memory, and the _n forms, are fine.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// RUN: not %twz-clang -c %s -o %t.o 2>&1 | FileCheck %s
// CHECK: error: __atomic_load of a __persistent pointer in object memory cannot be translated unless it loads into a local variable; load into a local or use __atomic_load_n, which twz translates

#include <twz/twz.h>

struct node {
  long value;
  struct node __persistent *next; // expected-note {{'next' declared here}}
};

typedef struct node __persistent *nptr;

void load_out(nptr __persistent *slot, nptr *out) {
  __atomic_load(slot, out, __ATOMIC_ACQUIRE); // expected-error {{__atomic_load of a __persistent pointer in object memory cannot be translated unless it loads into a local variable; load into a local or use __atomic_load_n, which twz translates}}
}

nptr load_local(nptr __persistent *slot) {
  nptr l;
  __atomic_load(slot, &l, __ATOMIC_ACQUIRE); /* translated: the pass sees the local */
  return l;
}

nptr load_n(nptr __persistent *slot) { return __atomic_load_n(slot, __ATOMIC_ACQUIRE); }

void store_from_object(nptr __persistent *slot, nptr __persistent *from) {
  __atomic_store(slot, from, __ATOMIC_RELEASE); // expected-error {{__atomic_store of a __persistent pointer in object memory cannot be translated; use __atomic_store_n, which twz translates}}
}

void exchange(nptr __persistent *slot, nptr __persistent *val, nptr __persistent *ret) {
  __atomic_exchange(slot, val, ret, __ATOMIC_SEQ_CST); // expected-error {{__atomic_exchange of a __persistent pointer in object memory cannot be translated; use __atomic_exchange_n, which twz translates}}
}

_Bool cas(nptr __persistent *slot, nptr __persistent *expected, nptr __persistent *desired) {
  return __atomic_compare_exchange(slot, expected, desired, 0, __ATOMIC_SEQ_CST, // expected-error {{__atomic_compare_exchange of a __persistent pointer in object memory cannot be translated; use __atomic_compare_exchange_n, which twz translates}}
                                   __ATOMIC_SEQ_CST);
}

void record(struct node __persistent *slot, struct node *out) {
  __atomic_load(slot, out, __ATOMIC_ACQUIRE); // expected-error {{__atomic_load of 'struct node' in object memory would move the stored form of its __persistent pointer 'next' unchanged; access the fields one by one}}
}

/* Not object memory: a local holding a persistent pointer. */
nptr local_only(nptr p) {
  nptr slot = p, out;
  __atomic_load(&slot, &out, __ATOMIC_ACQUIRE);
  __atomic_store(&slot, &out, __ATOMIC_RELEASE);
  return out;
}

/* A struct without persistent pointers in object memory: plain bytes. */
struct plain { long a; };
long plain_record(struct plain __persistent *slot) {
  struct plain out;
  __atomic_load(slot, &out, __ATOMIC_ACQUIRE);
  return out.a;
}
