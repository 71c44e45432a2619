// REQUIRES: twz-kernel
// printf through musl on the twz kernel: the binary twz-clang builds for the
// twizzler target boots in QEMU, prints, and its exit status comes back.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O2 %s -o %t
// RUN: %twz-boot %t alpha beta | FileCheck %s --implicit-check-not=compat:
// CHECK: hello from the twz kernel: argc 3, argv[1] alpha, 6 * 7 = 42
// CHECK-NEXT: uname: Twizzler
// RUN: not %twz-boot %t fail | FileCheck %s --check-prefix=FAIL
// FAIL: exiting with 3
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "fail")) {
    printf("exiting with 3\n");
    return 3;
  }
  volatile int six = 6;
  printf("hello from the twz kernel: argc %d, argv[1] %s, 6 * 7 = %d\n", argc, argv[1], six * 7);
  struct utsname u;
  if (uname(&u) == 0)
    printf("uname: %s\n", u.sysname);
  return 0;
}
