// A struct copied out of object memory as an element of a brace initializer
// (of a variable, an array or a compound literal) is translated like
// `struct node n = *p;`: each copied element gets a layout marker.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// RUN: %twz-clang -S -emit-llvm -Xclang -disable-llvm-passes %s -o - | FileCheck %s
// expected-no-diagnostics

struct node {
  int value;
  struct node __persistent *next;
};
struct wrap { int tag; struct node n; };

void take_wrap(struct wrap w);

// CHECK-LABEL: define {{.*}}@init_lists(
// CHECK-COUNT-5: call ptr addrspace(42) @__twz_copy_layout.16.8(
// CHECK-NOT: __twz_copy_layout
// CHECK: ret void
void init_lists(struct node __persistent *p) {
  struct wrap built = {1, *p};
  struct node arr[2] = {*p, p[1]};
  struct wrap named = {.n = *p};
  take_wrap((struct wrap){2, *p});
  (void)built; (void)arr; (void)named;
}
