// __twz_root (__attribute__((twz_root))) and [[twz::root]] mark the type of
// an object's root datum, reached from other processes: every pointer field
// of a root struct or union must be __persistent. A plain data or function
// pointer field is an error (not a -Wtwz warning: -Wno-twz and -w do not
// silence it), with a fix-it for data pointers. The attribute applies only
// to struct and union types and takes no arguments.
//
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -std=c23 -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Wno-twz -w -Xclang -verify %s
//
// Exact text:
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
// CHECK: root-attr.c:[[@LINE+22]]:9: error: field 'title' of 'struct conf' is a plain pointer, but 'struct conf' lives in object memory: it will dangle after a restart or in another process (every pointer in a twz_root type must be __persistent)
//
// Fix-its (data pointers only):
// RUN: not %twz-clang -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FIXIT --implicit-check-not=fix-it:
// FIXIT: fix-it:"{{.*}}root-attr.c":{[[@LINE+17]]:8-[[@LINE+17]]:8}:"__persistent "
// FIXIT: fix-it:"{{.*}}root-attr.c":{[[@LINE+17]]:8-[[@LINE+17]]:8}:"__persistent "
// FIXIT: fix-it:"{{.*}}root-attr.c":{[[@LINE+24]]:8-[[@LINE+24]]:8}:"__persistent "
// FIXIT: fix-it:"{{.*}}root-attr.c":{[[@LINE+27]]:7-[[@LINE+27]]:7}:"__persistent "
// FIXIT: fix-it:"{{.*}}root-attr.c":{[[@LINE+33]]:7-[[@LINE+33]]:7}:"__persistent "
//
// Applying them leaves only the errors without a fix-it.
// RUN: cp %s %t.c
// RUN: not %twz-clang -fsyntax-only -DROUNDTRIP -Xclang -fixit -Xclang -fix-what-you-can %t.c
// RUN: not %twz-clang -fsyntax-only -DROUNDTRIP -fno-caret-diagnostics %t.c 2>&1 \
// RUN:   | FileCheck %s --check-prefix=AFTER --implicit-check-not=error: --implicit-check-not=warning:
// AFTER: error: field 'on_change' of 'struct conf' is a function pointer, but 'struct conf' lives in object memory: code addresses differ between processes and runs (every pointer in a twz_root type must be __persistent)

struct item { int n; struct item __persistent *next; };

struct __twz_root conf {
  int version;
  char *title;                     // expected-error {{field 'title' of 'struct conf' is a plain pointer, but 'struct conf' lives in object memory: it will dangle after a restart or in another process (every pointer in a twz_root type must be __persistent)}}
  char *tags[4];                   // expected-error {{field 'tags' of 'struct conf' is a plain pointer}}
  void (*on_change)(int);          // expected-error {{field 'on_change' of 'struct conf' is a function pointer, but 'struct conf' lives in object memory: code addresses differ between processes and runs (every pointer in a twz_root type must be __persistent)}}
  char __persistent *name;         // fine
  struct item __persistent *items; // fine
  char inline_text[32];            // fine
};

struct [[twz::root]] std_root {
  long *counter; // expected-error {{field 'counter' of 'struct std_root' is a plain pointer}}
};

union __twz_root either {
  int *p;  // expected-error {{field 'p' of 'union either' is a plain pointer}}
  long l;
};

// Declared a root before its definition: the definition is checked.
struct __twz_root later;
struct later {
  int *p; // expected-error {{field 'p' of 'struct later' is a plain pointer}}
};

// A correct root type: no diagnostic, even when pointed to.
struct __twz_root good_root {
  struct item __persistent *first;
  struct item __persistent *__persistent *index;
  const char __persistent *names[4];
  unsigned long count;
};
struct good_root __persistent *the_root;
struct [[twz::root]] empty_root { int x; };

#ifndef ROUNDTRIP
// Only on struct and union types.
__twz_root int root_var;             // expected-error {{'twz_root' applies only to struct and union types}}
[[twz::root]] void root_function(void); // expected-error {{'twz_root' applies only to struct and union types}}
void root_param(__twz_root int p);   // expected-error {{'twz_root' applies only to struct and union types}}
struct with_root_field { __twz_root int f; }; // expected-error {{'twz_root' applies only to struct and union types}}

// No arguments.
struct __attribute__((twz_root(1))) root_with_arg { int x; }; // expected-error {{takes no arguments}}
#endif
