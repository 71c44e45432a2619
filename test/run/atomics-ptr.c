// Atomic operations on persistent pointers stored in objects: load, store,
// exchange and compare-exchange keep their meaning on pointer values,
// including cross-object ones whose stored form goes through the FOT.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t && env TWZ_STORE=%t.store %t | FileCheck %s
// RUN: rm -rf %t.store && %twz-clang -O0 -I%S/Inputs %s -o %t0 && env TWZ_STORE=%t.store %t0 | FileCheck %s
// CHECK: load: 11
// CHECK-NEXT: xchg old: 11 new: 22 stored index 1
// CHECK-NEXT: cas wrong expected: fail, saw 22
// CHECK-NEXT: cas right expected: ok, now 33 stored index 0
// CHECK-NEXT: cas to null: ok, stored 0x0000000000000000
// CHECK-NEXT: int cas: ok 5
// CHECK-NEXT: c11: 11 22 22 11
// CHECK-NEXT: generic load into a local: 22
#include <stdatomic.h>

#include "check.h"

struct cell {
  int __persistent *p;
  int local;
  long counter;
  _Atomic(int __persistent *) ap;
};

int main(void) {
  twz_object *a, *b;
  CHECK_OK(a = twz_object_create(NULL));
  CHECK_OK(b = twz_object_create(NULL));
  struct cell __persistent *c = twz_object_alloc(a, sizeof *c, 8);
  int __persistent *x = twz_object_alloc(b, sizeof(int), 4);
  int __persistent *y = twz_object_alloc(b, sizeof(int), 4);
  *x = 11;
  *y = 22;
  c->local = 33;

  __atomic_store_n(&c->p, x, __ATOMIC_RELEASE);
  printf("load: %d\n", *__atomic_load_n(&c->p, __ATOMIC_ACQUIRE));

  int __persistent *old = __atomic_exchange_n(&c->p, y, __ATOMIC_SEQ_CST);
  printf("xchg old: %d new: %d stored index %llu\n", *old, *c->p, stored_form(&c->p) >> 30);

  int __persistent *expected = x;
  int ok = __atomic_compare_exchange_n(&c->p, &expected, &c->local, 0, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
  printf("cas wrong expected: %s, saw %d\n", ok ? "ok" : "fail", *expected);
  ok = __atomic_compare_exchange_n(&c->p, &expected, &c->local, 0, __ATOMIC_SEQ_CST,
                                   __ATOMIC_SEQ_CST);
  printf("cas right expected: %s, now %d stored index %llu\n", ok ? "ok" : "fail", *c->p,
         stored_form(&c->p) >> 30);
  expected = &c->local;
  ok = __atomic_compare_exchange_n(&c->p, &expected, NULL, 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
  printf("cas to null: %s, stored 0x%016llx\n", ok ? "ok" : "fail", stored_form(&c->p));

  long want = 0;
  c->counter = 0;
  __atomic_fetch_add(&c->counter, 2, __ATOMIC_SEQ_CST);
  want = 2;
  ok = __atomic_compare_exchange_n(&c->counter, &want, 5, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  printf("int cas: %s %ld\n", ok ? "ok" : "fail", c->counter);

  atomic_store(&c->ap, x);
  int __persistent *l1 = atomic_load(&c->ap);
  int __persistent *l2 = atomic_exchange(&c->ap, y);
  c->ap = x; /* plain access to an _Atomic field */
  expected = x;
  atomic_compare_exchange_strong(&c->ap, &expected, y);
  int __persistent *l3 = c->ap;
  printf("c11: %d %d %d %d\n", *l1, *y, *l3, *l2);

  /* The generic form into a local: the one shape of it the pass can see
   * (test/diag/atomic-generic.c rejects the others). c->p is cross-object. */
  __atomic_store_n(&c->p, y, __ATOMIC_RELEASE);
  int __persistent *g;
  __atomic_load(&c->p, &g, __ATOMIC_ACQUIRE);
  printf("generic load into a local: %d\n", *g);
  return 0;
}
