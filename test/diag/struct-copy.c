// Struct and union copies that hold a __persistent pointer (at any depth)
// into, out of, or between object locations are translated: the Clang
// plugin wraps each object-memory side in a marker call that spells the
// layout (`__twz_copy_layout.<size>.<offset>[x<count>s<stride>]...`), which
// the pass turns into a field-wise copy (test/pass/struct-copy*.ll). Only a
// union whose members disagree about holding a pointer cannot be translated,
// and is reported with -Wtwz-struct-copy at the copy, with a note at the
// member.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// RUN: %twz-clang -S -emit-llvm -Xclang -disable-llvm-passes -Wno-twz-struct-copy %s -o - \
// RUN:   | FileCheck %s --check-prefix=IR

#include <stdint.h>

struct node {
  int value;
  struct node __persistent *next;
};

// The persistent pointer is deeper down: in an embedded record, in an array
// of records, in a union.
struct wrap { int tag; struct node n; };
struct many { struct node items[2]; };
union either { long l; struct wrap w; /* #w */ };
union same { struct node __persistent *a; struct wrap __persistent *b; };

void take(struct node n);
void take_wrap(struct wrap w);
void take_union(union either u);

// IR-LABEL: define {{.*}}@assignments(
// Both sides of *p = *q.
// IR: call ptr addrspace(42) @__twz_copy_layout.16.8(
// IR: call ptr addrspace(42) @__twz_copy_layout.16.8(
// IR: call void @llvm.memcpy.p42.p42.i64(
// *p = local: only the destination is object memory.
// IR: call ptr addrspace(42) @__twz_copy_layout.16.8(
// IR: call void @llvm.memcpy.p42.p0.i64(
// local = *p
// IR: call ptr addrspace(42) @__twz_copy_layout.16.8(
// IR: call void @llvm.memcpy.p0.p42.i64(
// m->items[0] = m->items[1]
// IR: @__twz_copy_layout.16.8(
// IR: @__twz_copy_layout.16.8(
// *w = (struct wrap){0}
// IR: call ptr addrspace(42) @__twz_copy_layout.24.16(
// IR-LABEL: define {{.*}}@initializations(
// IR: call ptr addrspace(42) @__twz_copy_layout.16.8(
// IR: call ptr addrspace(42) @__twz_copy_layout.16.8(
// IR: call ptr addrspace(42) @__twz_copy_layout.24.16(
// IR: call ptr addrspace(42) @__twz_copy_layout.32.8x2s16(
// IR-NOT: call {{.*}}__twz_copy_layout
// IR-LABEL: define {{.*}}@returned(
// IR: call ptr addrspace(42) @__twz_copy_layout.16.8(
// IR-LABEL: define {{.*}}@arguments(
// take_wrap(*w) is passed byval: the marker reaches the call.
// IR: [[W:%.*]] = call ptr addrspace(42) @__twz_copy_layout.24.16(
// IR: [[WF:%.*]] = addrspacecast ptr addrspace(42) [[W]] to ptr
// IR: call void @take_wrap(ptr noundef byval(%struct.wrap) align 8 [[WF]])
// IR-LABEL: define {{.*}}@unions(
// IR: call ptr addrspace(42) @__twz_copy_layout.8.0(
// IR: call ptr addrspace(42) @__twz_copy_layout.8.0(
// IR-NOT: call {{.*}}__twz_copy_layout
// IR: ret void

void assignments(struct node __persistent *p, struct node __persistent *q,
                 struct wrap __persistent *w, struct many __persistent *m) {
  struct node local = {0};
  *p = *q;
  *p = local;
  local = *p;
  m->items[0] = m->items[1];
  *w = (struct wrap){0};
  (void)local;
}

void initializations(struct node __persistent *p, struct wrap __persistent *w,
                     struct many __persistent *m, union either __persistent *u) {
  struct node n = *p;
  struct node n2 = p[3];
  struct wrap lw = *w;
  struct many lm = *m;
  union either lu = *u; // expected-warning {{this copy of 'union either' into or out of object memory cannot be translated: a union in it may or may not hold a __persistent pointer, depending on its active member, so the stored form is copied unchanged; copy the active member instead [-Wtwz-struct-copy]}}
  (void)n; (void)n2; (void)lw; (void)lm; (void)lu;
}

struct node returned(struct node __persistent *p) {
  return *p;
}

void arguments(struct node __persistent *p, struct wrap __persistent *w, union either __persistent *u) {
  take_wrap(*w);
  take_union(*u); // expected-warning {{this copy of 'union either' into or out of object memory cannot be translated}}
}

void unions(union same __persistent *a, union same __persistent *b, union either __persistent *c,
            union either __persistent *d) {
  *a = *b; // every member is a __persistent pointer: translated
  *c = *d; // expected-warning {{this copy of 'union either' into or out of object memory cannot be translated}}
}

// expected-note@#w 3 {{'w' declared here}}
