// __builtin_memcpy and __builtin_memmove take `void __persistent *` for
// object memory themselves, so their arguments are implicit casts around the
// typed pointers: the layout comes from the typed pointer under them (and
// under an explicit cast to `void __persistent *`), and no untyped-copy
// warning is given. A genuinely untyped side is still reported.
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// RUN: %twz-clang -S -emit-llvm -Xclang -disable-llvm-passes -Wno-twz-struct-copy %s -o - | FileCheck %s

struct node { long v; long __persistent *p; };

// CHECK-LABEL: define {{.*}}@typed(
// CHECK-COUNT-2: call ptr addrspace(42) @__twz_copy_layout.16.8(
// CHECK: call void @llvm.memcpy.p42.p42.i64(
// CHECK-COUNT-2: call ptr addrspace(42) @__twz_copy_layout.16.8(
// CHECK: call void @llvm.memmove.p42.p42.i64(
// CHECK: ret void
void typed(struct node __persistent *dst, struct node __persistent *src) {
  __builtin_memcpy(dst, src, sizeof *dst);
  __builtin_memmove((void __persistent *)dst, (void __persistent *)src, sizeof *dst);
}

// CHECK-LABEL: define {{.*}}@untyped(
// CHECK-NOT: __twz_copy_layout
// CHECK: ret void
void untyped(void __persistent *dst, void __persistent *src) {
  __builtin_memcpy(dst, src, 16); // expected-warning {{this copy moves untyped bytes into or out of object memory}}
}
