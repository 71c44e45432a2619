// -c, -S and -E with the twizzler target compile like the hosted target
// (the pass translated the __persistent accesses) but against musl, and add
// no link flags; a link-only step links the objects statically.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang --target=x86_64-unknown-twizzler -O1 -c %s -o %t.dir/m.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOLINK
// NOLINK: --target=x86_64-linux-musl --sysroot=
// NOLINK-NOT: -ltwz
// NOLINK-NOT: -static
// RUN: llvm-nm %t.dir/m.o | FileCheck %s --check-prefix=OBJ
// OBJ-DAG: U __twz_encode
// OBJ-DAG: T main
// OBJ-DAG: T store_next
// RUN: llvm-readelf -h %t.dir/m.o | FileCheck %s --check-prefix=ELF
// ELF: Type: REL
// ELF: Machine: Advanced Micro Devices X86-64
//
// -S: assembly in which the stored-pointer store became a call to the encoder.
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 -S %s -o %t.dir/m.s
// RUN: FileCheck %s --check-prefix=ASM < %t.dir/m.s
// ASM-LABEL: store_next:
// ASM: __twz_encode
//
// -E: musl's headers from the sysroot, twz's header included first.
// RUN: %twz-clang --target=x86_64-unknown-twizzler -E %s -o %t.dir/m.i
// RUN: FileCheck %s --check-prefix=PP < %t.dir/m.i
// PP: # 1 "{{[^"]*}}twz/persistent.h" 1
// PP: # 1 "{{[^"]*}}/sysroot/include/stdio.h" 1
// PP-NOT: /usr/include/stdio.h
//
// Link-only: objects in, static executable out.
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang --target=x86_64-unknown-twizzler %t.dir/m.o -o %t.dir/m 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LINKONLY --implicit-check-not=-fplugin
// LINKONLY: --target=x86_64-linux-musl --sysroot={{[^ ]*}} {{[^ ]*}}m.o -o {{[^ ]*}} -static -fuse-ld=lld --rtlib=compiler-rt --unwindlib=none -L{{[^ ]*}}/sysroot/lib -ltwz -lsodium {{[^ ]*}}/twizzler.ld{{$}}
// RUN: llvm-readelf -h -l %t.dir/m | FileCheck %s --check-prefix=STATIC --implicit-check-not=INTERP --implicit-check-not=DYNAMIC
// STATIC: Type: EXEC
// STATIC: LOAD
// RUN: %t.dir/m | FileCheck %s --check-prefix=OUT
// OUT: OK musl

#include <stdio.h>

struct node {
  int v;
  struct node __persistent *next;
};

void store_next(struct node __persistent *n, struct node __persistent *m) { n->next = m; }

int main(void) {
#ifdef __GLIBC__
  puts("glibc");
#else
  puts("OK musl");
#endif
  return 0;
}
