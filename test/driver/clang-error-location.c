// Clang's own errors reach the user unchanged: reported at the user's file,
// line and column (not inside the force-included header), and the driver
// exits non-zero with clang's status. No output file is left behind.
//
// RUN: rm -f %t.o
// RUN: not %twz-clang -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not ls %t.o
// Linking too: the failure stops before the link step.
// RUN: not %twz-clang %s -o %t 2>&1 | FileCheck %s --check-prefixes=CHECK,LINK
//
// CHECK-NOT: persistent.h
// CHECK: clang-error-location.c:[[@LINE+6]]:22: error: use of undeclared identifier 'undeclared_name'
// CHECK: clang-error-location.c:[[@LINE+6]]:22: error: expected ';' after top level declarator
// CHECK: 2 errors generated.
// LINK-NOT: ld{{(\.[a-z]+)?}}:
// LINK-NOT: undefined reference

int f(void) { return undeclared_name; }
int missing_semicolon
