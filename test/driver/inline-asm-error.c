// Code the pass cannot translate is a compile error at the user's
// file:line:col even without -g (twz-clang turns on location tracking), at
// every optimization level, and no object file is written.
//
// RUN: rm -f %t.o
// RUN: not %twz-clang -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not ls %t.o
// RUN: not %twz-clang -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %twz-clang -g -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %twz-clang %s -o %t 2>&1 | FileCheck %s
//
// CHECK: inline-asm-error.c:[[@LINE+9]]:3: error: twz: inline assembly cannot access memory through a __persistent pointer; cast it to a plain pointer first
// CHECK-NEXT: {{ *}}[[@LINE+8]] | {{ *}}__asm__ volatile("incl %0" : "+m"(*p));
// CHECK: 1 error generated.
//
// The fix the message suggests compiles.
// RUN: %twz-clang -DFIXED -c %s -o %t.o

void bump(int __persistent *p) {
#ifndef FIXED
  __asm__ volatile("incl %0" : "+m"(*p));
#else
  __asm__ volatile("incl %0" : "+m"(*(int *)p));
#endif
}

int main(void) { return 0; }
