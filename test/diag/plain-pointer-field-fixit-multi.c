// Fix-its of -Wtwz-plain-pointer-field on a field declaration with several
// declarators (`int *a, *b;`) must also yield valid code in which every
// field is a __persistent pointer. Inserting "__persistent " before the '*'
// of a declarator other than the first (`int *a, __persistent *b;`) puts
// the field itself in the address space: "field may not be qualified with
// an address space".
//
// RUN: %twz-clang -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit-multi.c":{[[@LINE+7]]:7-[[@LINE+7]]:7}:"__persistent "
//
// RUN: cp %s %t.c
// RUN: %twz-clang -fsyntax-only -Xclang -fixit %t.c
// RUN: %twz-clang -fsyntax-only -Werror %t.c

struct pair {
  int *first, *second;
  char *lo, *hi, *mid;
};
struct pair __persistent *pair_ref;
