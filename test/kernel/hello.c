// printf through musl's stdio, argv from the module command line, and the
// exit status through the kernel, QEMU and twz-boot.
// RUN: %musl-cc %s -o %t
// RUN: %exit 3 %twz-boot %t one two,three | FileCheck %s
// CHECK: hello, world
// CHECK-NEXT: argc=3 argv[0]={{.*}}hello.c.tmp
// CHECK-NEXT: argv[1]=one
// CHECK-NEXT: argv[2]=two,three
// CHECK-NEXT: uname: Twizzler x86_64
// CHECK-NEXT: pid 1
// CHECK-NOT: compat:
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv) {
  printf("hello, world\n");
  printf("argc=%d argv[0]=%s\n", argc, argv[0]);
  for (int i = 1; i < argc; i++)
    printf("argv[%d]=%s\n", i, argv[i]);
  struct utsname u;
  if (uname(&u) == 0)
    printf("uname: %s %s\n", u.sysname, u.machine);
  printf("pid %d\n", (int)getpid());
  return 3;
}
