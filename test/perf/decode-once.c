// Repeated resolution of the same loaded value is done once: a decode is a
// pure call until the scalar optimizers have merged and hoisted it, then it
// is expanded inline (the expanded fast path is pinned in chase-shape.c).
// RUN: %twz-clang -O2 -S -emit-llvm %s -o - | FileCheck %s
struct n {
  long a, b;
  struct n __persistent *next;
};

// Two uses of p->next in one expression: one load, one decode.
// CHECK-LABEL: define {{.*}} @both(
// CHECK:       call i64 @__twz_resolve(
// CHECK-NOT:   call i64 @__twz_resolve(
// CHECK:       ret i64
long both(struct n __persistent *p) { return p->next->a + p->next->b; }

// No placeholder call survives to code generation.
// CHECK-NOT: @__twz_decode
