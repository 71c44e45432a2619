// The fix-it of -Wtwz-plain-pointer-field inserts "__persistent " before the
// '*' of the field's declarator, for data pointers written with a '*' in the
// field's own declaration (not for function pointers, pointers hidden in a
// typedef, or a '*' from a macro). Applying the fix-its leaves exactly the
// fields that have none.
//
// RUN: %twz-clang -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=fix-it:
//
// RUN: cp %s %t.c
// RUN: %twz-clang -fsyntax-only -Xclang -fixit %t.c
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics %t.c 2>&1 \
// RUN:   | FileCheck %s --check-prefix=AFTER --implicit-check-not=warning: --implicit-check-not=error:
// AFTER-DAG: warning: field 'callback' of 'struct fx' is a function pointer
// AFTER-DAG: warning: field 'via_typedef' of 'struct fx' is a plain pointer
// AFTER-DAG: warning: field 'via_macro' of 'struct fx' is a plain pointer

typedef int *intp;
#define PTR *

struct fx {
  int *a;
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit.c":{[[@LINE-1]]:7-[[@LINE-1]]:7}:"__persistent "
  const char *name;
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit.c":{[[@LINE-1]]:14-[[@LINE-1]]:14}:"__persistent "
  char *const fixed;
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit.c":{[[@LINE-1]]:8-[[@LINE-1]]:8}:"__persistent "
  struct fx *argv[4];
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit.c":{[[@LINE-1]]:13-[[@LINE-1]]:13}:"__persistent "
  void	*tabbed;
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit.c":{[[@LINE-1]]:8-[[@LINE-1]]:8}:"__persistent "
  int*tight;
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit.c":{[[@LINE-1]]:6-[[@LINE-1]]:6}:"{{ ?}}__persistent "
  int __persistent **half;
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit.c":{[[@LINE-1]]:21-[[@LINE-1]]:21}:"{{ ?}}__persistent "
  int (*row)[8];
// CHECK: fix-it:"{{.*}}plain-pointer-field-fixit.c":{[[@LINE-1]]:8-[[@LINE-1]]:8}:"{{ ?}}__persistent "
  void (*callback)(int);
  intp via_typedef;
  int PTR via_macro;
  struct fx __persistent *ok;
};

struct fx __persistent *fx_ref;
