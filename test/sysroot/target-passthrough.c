// Only the twizzler triple is rewritten: another --target goes to clang
// unchanged (hosted behaviour), and a twizzler triple for another
// architecture is an error naming the supported one.
//
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang --target=x86_64-linux-gnu -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GNU --implicit-check-not=--sysroot --implicit-check-not=musl
// GNU: -Rpass=^twz-locations$ --target=x86_64-linux-gnu -c
//
// RUN: not %twz-clang --target=aarch64-unknown-twizzler -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=ARCH
// ARCH: twz-clang: unsupported target 'aarch64-unknown-twizzler': the twz kernel target is x86_64-unknown-twizzler
//
// The last target option decides, as in clang.
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang --target=x86_64-linux-gnu --target=x86_64-unknown-twizzler -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LAST
// LAST: clang{{(-19)?}} --target=x86_64-linux-musl --sysroot={{[^ ]*}} {{.*}} -c
// LAST-NOT: --target=
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang --target=x86_64-unknown-twizzler --target=x86_64-linux-gnu -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LASTGNU --implicit-check-not=musl
// LASTGNU: --target=x86_64-unknown-twizzler --target=x86_64-linux-gnu -c

int f(void) { return 1; }
