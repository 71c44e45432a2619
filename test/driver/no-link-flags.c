// When twz-clang does not link (-c, -S, -E, -M, -MM, -fsyntax-only), it
// still adds the compile flags but must not add -L<lib> -ltwz -lpthread:
// clang would warn that they are unused, and -Werror builds would fail.
//
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -### -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=-ltwz --implicit-check-not=-lpthread --implicit-check-not=warning:
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -### -S %s -o %t.s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=-ltwz --implicit-check-not=-lpthread --implicit-check-not=warning:
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -### -E %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=-ltwz --implicit-check-not=-lpthread --implicit-check-not=warning:
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -### -M %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=-ltwz --implicit-check-not=-lpthread --implicit-check-not=warning:
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -### -MM %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=-ltwz --implicit-check-not=-lpthread --implicit-check-not=warning:
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -### -fsyntax-only %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=-ltwz --implicit-check-not=-lpthread --implicit-check-not=warning:
//
// And for real: a warning-free compile with -Werror, no link step.
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -Wall -Werror -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REAL --implicit-check-not=-ltwz --implicit-check-not=-lpthread
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=NM
//
// CHECK: -fplugin={{[^ ]*}}TwzAttrs.so -fpass-plugin={{[^ ]*}}TwzPass.so -D__twz_translate__=1
// CHECK-NOT: {{ -L[^ ]*/lib}}
// CHECK: "-cc1"
// CHECK-SAME: "-load" "{{[^"]*}}TwzAttrs.so"
//
// REAL: -fplugin={{[^ ]*}}TwzAttrs.so {{.*}} -c {{[^ ]*}}no-link-flags.c -o {{[^ ]*}}.o{{$}}
// NM: T get

int get(int __persistent *p) { return *p; }
