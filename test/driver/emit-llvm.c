// -S -emit-llvm prints the IR after the twz pass: at every optimization level
// no load or store through an addrspace(42) pointer may be left (the backend
// would treat it as flat memory and store raw addresses into objects).
//
// RUN: %twz-clang -O0 -S -emit-llvm %s -o %t.O0.ll
// RUN: FileCheck %s --input-file=%t.O0.ll \
// RUN:   --implicit-check-not='{{(load|store)( volatile| atomic)* .*, ptr addrspace\(42\)}}' \
// RUN:   --implicit-check-not='{{(atomicrmw|cmpxchg)( volatile)* .*ptr addrspace\(42\)}}'
// RUN: %twz-clang -O2 -S -emit-llvm %s -o %t.O2.ll
// RUN: FileCheck %s --input-file=%t.O2.ll \
// RUN:   --implicit-check-not='{{(load|store)( volatile| atomic)* .*, ptr addrspace\(42\)}}' \
// RUN:   --implicit-check-not='{{(atomicrmw|cmpxchg)( volatile)* .*ptr addrspace\(42\)}}'
//
// The persistent pointer type survives in signatures; the pass really ran.
// CHECK-LABEL: define {{.*}} @load_next(ptr addrspace(42)
// CHECK: call {{.*}}i64 @__twz_resolve(
// CHECK-LABEL: define {{.*}} @store_next(ptr addrspace(42)
// CHECK: call {{.*}}i64 @__twz_encode(
// CHECK-LABEL: define {{.*}} @sum(
// CHECK-LABEL: define {{.*}} @bump_volatile(
// CHECK-LABEL: define {{.*}} @bump_atomic(

#include <stdatomic.h>

struct node {
  int value;
  int items[4];
  struct node __persistent *next;
};

struct node __persistent *load_next(struct node __persistent *n) { return n->next; }

void store_next(struct node __persistent *n, struct node __persistent *next) { n->next = next; }

int sum(struct node __persistent *n) {
  int s = 0;
  for (; n; n = n->next)
    for (int i = 0; i < 4; i++)
      s += n->value + n->items[i];
  return s;
}

void bump_volatile(volatile int __persistent *p) { *p += 1; }

int bump_atomic(_Atomic int __persistent *p) { return atomic_fetch_add(p, 1); }
