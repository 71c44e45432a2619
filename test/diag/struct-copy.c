// -Wtwz-struct-copy: copying a struct or union that holds a __persistent
// pointer (at any depth) into, out of, or between object locations moves
// the pointer's stored form verbatim. Reported at the '=' of an assignment,
// at the copied expression otherwise, with a note at the pointer field.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
// CHECK: struct-copy.c:[[@LINE+27]]:6: warning: copying 'struct node' between object locations copies the stored form of its __persistent pointer 'next', which is valid only within the same object; assign the fields one by one [-Wtwz-struct-copy]
// CHECK-NEXT: struct-copy.c:[[@LINE+10]]:29: note: 'next' declared here
// CHECK: struct-copy.c:[[@LINE+26]]:6: warning: assigning 'struct node' into object memory stores its __persistent pointer 'next' as a raw address, not in invariant form; assign the fields one by one [-Wtwz-struct-copy]
// CHECK-NEXT: struct-copy.c:[[@LINE+8]]:29: note: 'next' declared here
// CHECK: struct-copy.c:[[@LINE+25]]:9: warning: copying 'struct node' out of object memory copies the stored form of its __persistent pointer 'next', not the address it refers to; read the fields one by one [-Wtwz-struct-copy]
// CHECK-NEXT: struct-copy.c:[[@LINE+6]]:29: note: 'next' declared here

#include <stdint.h>

struct node {
  int value;
  struct node __persistent *next; // #next
};

// The persistent pointer is deeper down: in an embedded record, in an array
// of records, in a union.
struct wrap { int tag; struct node n; };
struct many { struct node items[2]; };
union either { long l; struct wrap w; };

void take(struct node n);
void take_wrap(struct wrap w);
void take_union(union either u);

void assignments(struct node __persistent *p, struct node __persistent *q,
                 struct wrap __persistent *w, struct many __persistent *m) {
  struct node local = {0};
  *p = *q;    // expected-warning {{copying 'struct node' between object locations copies the stored form of its __persistent pointer 'next', which is valid only within the same object; assign the fields one by one [-Wtwz-struct-copy]}}
  *p = local; // expected-warning {{assigning 'struct node' into object memory stores its __persistent pointer 'next' as a raw address, not in invariant form; assign the fields one by one [-Wtwz-struct-copy]}}
  local = *p; // expected-warning {{copying 'struct node' out of object memory copies the stored form of its __persistent pointer 'next', not the address it refers to; read the fields one by one [-Wtwz-struct-copy]}}
  p[1] = q[0];               // expected-warning {{copying 'struct node' between object locations}}
  w->n = *p;                 // expected-warning {{copying 'struct node' between object locations}}
  m->items[0] = m->items[1]; // expected-warning {{copying 'struct node' between object locations}}
  *p->next = local;          // expected-warning {{assigning 'struct node' into object memory}}
  *p = (struct node){1, 0};  // expected-warning {{assigning 'struct node' into object memory}}
  *w = (struct wrap){0};     // expected-warning {{assigning 'struct wrap' into object memory stores its __persistent pointer 'next'}}
  local = w->n;              // expected-warning {{copying 'struct node' out of object memory}}
  (void)local;
}

void initializations(struct node __persistent *p, struct wrap __persistent *w,
                     struct many __persistent *m, union either __persistent *u) {
  struct node n = *p;        // expected-warning {{copying 'struct node' out of object memory copies the stored form of its __persistent pointer 'next'}}
  struct node n2 = p[3];     // expected-warning {{copying 'struct node' out of object memory}}
  struct wrap lw = *w;       // expected-warning {{copying 'struct wrap' out of object memory copies the stored form of its __persistent pointer 'next'}}
  struct many lm = *m;       // expected-warning {{copying 'struct many' out of object memory copies the stored form of its __persistent pointer 'next'}}
  union either lu = *u;      // expected-warning {{copying 'union either' out of object memory copies the stored form of its __persistent pointer 'next'}}
  (void)n; (void)n2; (void)lw; (void)lm; (void)lu;
}

struct node returned(struct node __persistent *p) {
  return *p; // expected-warning {{copying 'struct node' out of object memory}}
}

struct wrap returned_wrap(struct wrap __persistent *w) {
  return *w; // expected-warning {{copying 'struct wrap' out of object memory}}
}

void arguments(struct node __persistent *p, struct wrap __persistent *w, union either __persistent *u) {
  take(*p);       // expected-warning {{copying 'struct node' out of object memory}}
  take(p[2]);     // expected-warning {{copying 'struct node' out of object memory}}
  take(w->n);     // expected-warning {{copying 'struct node' out of object memory}}
  take_wrap(*w);  // expected-warning {{copying 'struct wrap' out of object memory}}
  take_union(*u); // expected-warning {{copying 'union either' out of object memory}}
}

// Every warning above has its note at the field.
// expected-note@#next 22 {{'next' declared here}}
