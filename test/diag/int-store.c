// -Wtwz-int-store: assigning into object memory (an lvalue of __persistent
// type) an integer that is an explicit cast of a pointer, directly or
// through integral casts, stores a virtual address that means nothing in
// another process or after a restart. Reported at the converted value.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
// CHECK: int-store.c:[[@LINE+15]]:13: warning: a pointer converted to an integer is stored into object memory as a virtual address, which means nothing in another process or after a restart; store a __persistent pointer instead [-Wtwz-int-store]

#include <stdint.h>

struct rec {
  uintptr_t addr;
  intptr_t saddr;
  int small;
  long l;
  unsigned char byte;
  uintptr_t history[4];
  struct rec __persistent *next;
};

void stores(struct rec __persistent *r, int *p, void (*fn)(void), uintptr_t __persistent *slot) {
  r->addr = (uintptr_t)p; // expected-warning {{a pointer converted to an integer is stored into object memory as a virtual address, which means nothing in another process or after a restart; store a __persistent pointer instead [-Wtwz-int-store]}}
  r->saddr = (intptr_t)p;           // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->l = (long)p;                   // expected-warning {{a pointer converted to an integer is stored into object memory}}
  *slot = (uintptr_t)p;             // expected-warning {{a pointer converted to an integer is stored into object memory}}
  slot[3] = (uintptr_t)p;           // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->history[1] = (uintptr_t)p;     // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->next->addr = (uintptr_t)p;     // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->addr = (uintptr_t)fn;          // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->addr = (uintptr_t)(void *)p;   // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->addr = ((uintptr_t)p);         // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->addr = (uintptr_t)&r->small;   // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->addr = (uintptr_t)r->next;     // expected-warning {{a pointer converted to an integer is stored into object memory}}
  // Through integral casts.
  r->small = (int)(uintptr_t)p;     // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->l = (long)(intptr_t)(uintptr_t)p; // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->byte = (unsigned char)(uintptr_t)p; // expected-warning {{a pointer converted to an integer is stored into object memory}}
  r->addr = (uintptr_t)(unsigned long)p; // expected-warning {{a pointer converted to an integer is stored into object memory}}
}

void not_reported(struct rec __persistent *r, struct rec *plain, int *p, uintptr_t bits, long n) {
  // Integers that are not a converted pointer.
  r->addr = 42;
  r->addr = bits;
  r->l = n;
  r->small = (int)n;
  r->addr = (uintptr_t)n;
  r->addr = sizeof *p;
  // A converted pointer stored into ordinary memory.
  plain->addr = (uintptr_t)p;
  uintptr_t local = (uintptr_t)p;
  local = (uintptr_t)p;
  // A converted pointer that is not the stored value itself.
  r->addr = local;
  r->small = (uintptr_t)p != 0;
  // Pointers stored as pointers.
  r->next = (struct rec __persistent *)r;
  (void)local;
}
