// -E runs only the preprocessor: <twz/persistent.h> is included ahead of the
// file, __twz_translate__ is defined and __persistent expands to the twz
// address space. No link flags, no diagnostics.
//
// RUN: %twz-clang -E %s -o %t.i 2>&1 | count 0
// RUN: FileCheck %s < %t.i
// RUN: %twz-clang -E -P %s | FileCheck %s --check-prefix=EXPAND
// RUN: %twz-clang -E -dM %s | FileCheck %s --check-prefix=MACROS
//
// CHECK: # 1 "{{[^"]*}}twz/persistent.h" 1
// CHECK: # 1 "{{[^"]*}}preprocess.c" 2
//
// EXPAND: int __attribute__((address_space(42))) *pointer_into_an_object;
// EXPAND: int translated = 1;
// EXPAND-NOT: __persistent
//
// MACROS-DAG: #define __persistent __attribute__((address_space(TWZ_PERSISTENT_AS)))
// MACROS-DAG: #define TWZ_PERSISTENT_AS 42
// MACROS-DAG: #define __twz_translate__ 1

int __persistent *pointer_into_an_object;
#ifdef __twz_translate__
int translated = __twz_translate__;
#endif
