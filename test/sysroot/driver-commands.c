// --target=x86_64-unknown-twizzler becomes clang's musl target with the
// sysroot, the same plugins and header as the hosted target, and a static
// lld link of libtwz (native), libsodium, compiler-rt and twizzler.ld. No
// glibc path appears anywhere: not in the driver's command, not in clang's
// jobs, not in the header search list.
//
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang --target=x86_64-unknown-twizzler -### %s -o %t 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=x86_64-linux-gnu --implicit-check-not=ld-linux \
// RUN:       --implicit-check-not='"/usr/include' --implicit-check-not='"/usr/lib/x86_64' --implicit-check-not='"/usr/lib/gcc' --implicit-check-not='"/lib' \
// RUN:       --implicit-check-not=-dynamic-linker --implicit-check-not=unknown-twizzler
// The legacy spelling -target <triple> is the same.
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -target x86_64-unknown-twizzler -### %s -o %t 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=x86_64-linux-gnu --implicit-check-not=ld-linux \
// RUN:       --implicit-check-not='"/usr/include' --implicit-check-not='"/usr/lib/x86_64' --implicit-check-not='"/usr/lib/gcc' --implicit-check-not='"/lib' \
// RUN:       --implicit-check-not=-dynamic-linker --implicit-check-not=unknown-twizzler
//
// The driver's command (TWZ_DRIVER_DEBUG=1); the user's target option is gone:
// CHECK: {{^[^ ]*}}clang{{(-19)?}} --target=x86_64-linux-musl --sysroot=[[SYSROOT:[^ ]*/sysroot]] -fplugin={{[^ ]*}}/lib/TwzAttrs.so -fpass-plugin={{[^ ]*}}/lib/TwzPass.so -D__twz_translate__=1 -isystem {{[^ ]*}}/include -include twz/persistent.h -Rpass=^twz-locations$ -### {{[^ ]*}}driver-commands.c -o {{[^ ]*}} -static -fuse-ld=lld --rtlib=compiler-rt --unwindlib=none -L[[SYSROOT]]/lib -ltwz -lsodium [[SYSROOT]]/lib/twizzler.ld{{$}}
//
// clang's compile job: musl triple, the plugins, headers from the sysroot.
// CHECK: "-cc1" "-triple" "x86_64-unknown-linux-musl"
// CHECK-SAME: "-include" "twz/persistent.h" "-D" "__twz_translate__=1"
// CHECK-SAME: "-internal-externc-isystem" "[[SYSROOT]]/include"
// CHECK-SAME: "-load" "{{[^"]*}}/lib/TwzAttrs.so" "-fpass-plugin={{[^"]*}}/lib/TwzPass.so"
//
// The link job: lld, static, musl's crt files, libtwz and libsodium from the
// sysroot, the linker script, compiler-rt builtins instead of libgcc, musl's libc.
// CHECK: "{{[^"]*}}ld.lld" "--sysroot=[[SYSROOT]]"
// CHECK-SAME: "-static"
// CHECK-SAME: "[[SYSROOT]]/lib/crt1.o" "[[SYSROOT]]/lib/crti.o"
// CHECK-SAME: "-L[[SYSROOT]]/lib"
// CHECK-SAME: "-ltwz" "-lsodium" "[[SYSROOT]]/lib/twizzler.ld"
// CHECK-SAME: "{{[^"]*}}libclang_rt.builtins-x86_64.a" "-lc"
// CHECK-SAME: "[[SYSROOT]]/lib/crtn.o"
//
// Host search-path variables would add glibc's directories; the driver drops
// them for this target (they still work for the hosted one).
// RUN: env LIBRARY_PATH=/usr/lib/x86_64-linux-gnu CPATH=/usr/include C_INCLUDE_PATH=/usr/include \
// RUN:   %twz-clang --target=x86_64-unknown-twizzler -### %s -o %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ENV --implicit-check-not=x86_64-linux-gnu --implicit-check-not='"/usr/include'
// ENV: "-cc1" "-triple" "x86_64-unknown-linux-musl"
// ENV: "{{[^"]*}}ld.lld"
// RUN: env LIBRARY_PATH=/usr/lib/x86_64-linux-gnu %twz-clang -### %s -o %t 2>&1 | FileCheck %s --check-prefix=HOSTENV
// HOSTENV: "-L/usr/lib/x86_64-linux-gnu"
//
// clang -v: the header search list is the twz headers, the sysroot, clang's own.
// RUN: %twz-clang --target=x86_64-unknown-twizzler -v -fsyntax-only %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SEARCH --implicit-check-not=x86_64-linux-gnu
// SEARCH: #include <...> search starts here:
// SEARCH-NEXT: {{/.*}}/include
// SEARCH-NEXT: {{/.*}}/sysroot/include
// SEARCH-NEXT: {{/.*}}/clang/19/include
// SEARCH-NEXT: End of search list.

int main(void) { return 0; }
