// __twz_gate (__attribute__((twz_gate))) and [[twz::gate]] mark a function
// as a secure-call gate: it goes into section `twz_gates` (kept even if
// unreferenced) and is annotated "twz_gate". A gate must be a function with
// external linkage, not variadic; the attribute takes no arguments.
//
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -std=c23 -Xclang -verify %s
//
// The valid part compiles cleanly; gates land in twz_gates, other
// functions do not.
// RUN: %twz-clang -c -DVALID_ONLY -Wall -Werror %s -o %t.o
// RUN: llvm-objdump -t %t.o | FileCheck %s --check-prefix=SYMS
// SYMS-DAG: g F twz_gates {{[0-9a-f]+}} gnu_gate{{$}}
// SYMS-DAG: g F twz_gates {{[0-9a-f]+}} std_gate{{$}}
// SYMS-DAG: g F twz_gates {{[0-9a-f]+}} raw_gate{{$}}
// SYMS-DAG: g F twz_gates {{[0-9a-f]+}} trailing_gate{{$}}
// SYMS-DAG: g F twz_gates {{[0-9a-f]+}} declared_then_defined{{$}}
// SYMS-DAG: g F twz_gates {{[0-9a-f]+}} std_declared_then_defined{{$}}
// SYMS-DAG: g F twz_gates {{[0-9a-f]+}} takes_persistent{{$}}
// SYMS-DAG: g F .text {{[0-9a-f]+}} ordinary{{$}}
// SYMS-DAG: l F .text {{[0-9a-f]+}} helper{{$}}
// RUN: llvm-readelf -SW %t.o | FileCheck %s --check-prefix=SECTION
// SECTION: twz_gates PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} {{[0-9a-f]+}} 00 AX
//
// The IR carries the annotation, and the gates are kept (compiler.used).
// RUN: %twz-clang -S -emit-llvm -O2 -DVALID_ONLY %s -o - | FileCheck %s --check-prefix=IR
// IR: @llvm.global.annotations = {{.*}}ptr @gnu_gate, ptr [[STR:@[.a-z0-9]+]]
// IR: @llvm.compiler.used = {{.*}}ptr @gnu_gate
// IR: define {{.*}}@gnu_gate({{.*}} section "twz_gates"
// IR: define {{.*}}@ordinary(
// IR-NOT: section
// IR-SAME: {

struct node { int value; struct node __persistent *next; };

// Valid gates, in every spelling and position.
__twz_gate int gnu_gate(int x) { return x + 1; }
[[twz::gate]] int std_gate(void) { return 2; }
__attribute__((twz_gate)) void raw_gate(void) {}
int trailing_gate(void) __twz_gate;
int trailing_gate(void) { return 4; }
__twz_gate extern int declared_then_defined(long);
int declared_then_defined(long v) { return (int)v; }
[[twz::gate]] int std_declared_then_defined(void);
int std_declared_then_defined(void) { return 6; }
__twz_gate long takes_persistent(struct node __persistent *n) { return n ? n->value : 0; }
[[twz::gate]] void only_declared(void); // a gate defined in another file

static int helper(void) { return 1; }
int ordinary(void) { return helper(); }

#ifndef VALID_ONLY
// Not a function.
__twz_gate int gate_var; // expected-error {{'twz_gate' applies only to functions}}
[[twz::gate]] int std_gate_var; // expected-error {{'twz_gate' applies only to functions}}
struct __twz_gate gate_struct { int x; }; // expected-error {{'twz_gate' applies only to functions}}
struct [[twz::gate]] std_gate_struct { int x; }; // expected-error {{'twz_gate' applies only to functions}}
typedef int __twz_gate gate_typedef; // expected-error {{'twz_gate' applies only to functions}}
struct with_field { __twz_gate int f; }; // expected-error {{'twz_gate' applies only to functions}}
void with_local(void) {
  __twz_gate int local; // expected-error {{'twz_gate' applies only to functions}}
  (void)local;
}
void with_param(__twz_gate int p); // expected-error {{'twz_gate' applies only to functions}}

// Internal linkage.
static __twz_gate int static_gate(void) { return 0; } // expected-error {{a secure-call gate must have external linkage; remove 'static'}}
[[twz::gate]] static int std_static_gate(void) { return 0; } // expected-error {{a secure-call gate must have external linkage; remove 'static'}}
__twz_gate static inline int static_inline_gate(void) { return 0; } // expected-error {{a secure-call gate must have external linkage}}

// Variadic.
__twz_gate int variadic_gate(const char *fmt, ...); // expected-error {{a secure-call gate cannot be variadic}}
[[twz::gate]] int std_variadic_gate(int n, ...) { return n; } // expected-error {{a secure-call gate cannot be variadic}}

// Arguments.
__attribute__((twz_gate(1))) int gate_with_arg(void) { return 0; } // expected-error {{takes no arguments}}
__attribute__((twz_gate("x", 2))) int gate_with_args(void) { return 0; } // expected-error {{takes no arguments}}
#endif
