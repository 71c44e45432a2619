// twz-clang adds the plugins, the translate macro, the header and the
// location-tracking remark before the user's arguments, and links libtwz
// after them when it links.
//
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -### %s -o %t 2>&1 | FileCheck %s
// RUN: %twz-clang %s -o %t
//
// The command twz-clang runs (TWZ_DRIVER_DEBUG=1), in order:
// CHECK: {{^[^ ]*}}clang{{(-19)?}} -fplugin={{[^ ]*}}/lib/TwzAttrs.so -fpass-plugin={{[^ ]*}}/lib/TwzPass.so -D__twz_translate__=1 -isystem {{[^ ]*}}/include -include twz/persistent.h -Rpass=^twz-locations$ -### {{[^ ]*}}flags.c -o {{[^ ]*}} -L{{[^ ]*}}/lib -ltwz -Wl,-rpath,{{[^ ]*}}/lib -lpthread{{$}}
//
// What clang makes of it: the cc1 job loads both plugins...
// CHECK: "-cc1"
// CHECK-SAME: "-isystem" "{{[^"]*}}/include" "-include" "twz/persistent.h" "-D" "__twz_translate__=1"
// CHECK-SAME: "-load" "{{[^"]*}}/lib/TwzAttrs.so" "-fpass-plugin={{[^"]*}}/lib/TwzPass.so"
// CHECK-SAME: "-x" "c" "{{[^"]*}}flags.c"
// ...and the link job takes libtwz.so (and pthread) after the program's
// object, with the build's lib/ as the run path.
// CHECK: "{{[^"]*}}ld{{(\.[a-z]+)?}}"
// CHECK-SAME: "-L{{[^"]*}}/lib"
// CHECK-SAME: "{{[^"]*}}.o" "-ltwz" "-rpath" "{{[^"]*}}/lib" "-lpthread"
//
// -static-libtwz links the archive (and what it needs) instead, no run path.
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -static-libtwz %s -o %t.static 2>&1 | FileCheck %s --check-prefix=STATIC --implicit-check-not=rpath --implicit-check-not=static-libtwz
// STATIC: {{^[^ ]*}}clang{{(-19)?}} {{.*}}flags.c -o {{[^ ]*}} {{[^ ]*}}/lib/libtwz.a -lsodium -lpthread{{$}}
// RUN: llvm-readelf -d %t.static | FileCheck %s --check-prefix=STATIC-NEEDED --implicit-check-not=libtwz
// STATIC-NEEDED: NEEDED
// RUN: llvm-readelf -d %t | FileCheck %s --check-prefix=SHARED-NEEDED
// SHARED-NEEDED: (NEEDED) Shared library: [libtwz.so.0]
// SHARED-NEEDED: (RUNPATH) Library runpath: [{{.*}}/lib]

int main(void) { return 0; }
