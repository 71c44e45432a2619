// twz-clang adds the plugins, the translate macro, the header and the
// location-tracking remark before the user's arguments, and links libtwz
// after them when it links.
//
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -### %s -o %t 2>&1 | FileCheck %s
//
// The command twz-clang runs (TWZ_DRIVER_DEBUG=1), in order:
// CHECK: {{^[^ ]*}}clang{{(-19)?}} -fplugin={{[^ ]*}}/lib/TwzAttrs.so -fpass-plugin={{[^ ]*}}/lib/TwzPass.so -D__twz_translate__=1 -isystem {{[^ ]*}}/include -include twz/persistent.h -Rpass=^twz-locations$ -### {{[^ ]*}}flags.c -o {{[^ ]*}} -L{{[^ ]*}}/lib -ltwz -lsodium -lpthread{{$}}
//
// What clang makes of it: the cc1 job loads both plugins...
// CHECK: "-cc1"
// CHECK-SAME: "-isystem" "{{[^"]*}}/include" "-include" "twz/persistent.h" "-D" "__twz_translate__=1"
// CHECK-SAME: "-load" "{{[^"]*}}/lib/TwzAttrs.so" "-fpass-plugin={{[^"]*}}/lib/TwzPass.so"
// CHECK-SAME: "-x" "c" "{{[^"]*}}flags.c"
// ...and the link job takes libtwz (and pthread) after the program's object.
// CHECK: "{{[^"]*}}ld{{(\.[a-z]+)?}}"
// CHECK-SAME: "-L{{[^"]*}}/lib"
// CHECK-SAME: "{{[^"]*}}.o" "-ltwz" "-lsodium" "-lpthread"

int main(void) { return 0; }
