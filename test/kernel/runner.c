// twz-boot and the compatibility layer's edges: modules run in order (or
// in groups started together, --with) and the first nonzero status ends the run; environment from --env; stdin is
// at EOF, no files, no tty; an unsupported syscall prints one line and
// returns -ENOSYS; privileged or invalid instructions kill the program;
// abort() ends the program with 128 + SIGABRT; a program
// that never ends hits the timeout (124).
// RUN: %musl-cc %s -o %t
// RUN: %exit 5 %twz-boot --module "%t exit 5" --module "%t exit 0" %t exit 0 | FileCheck %s --check-prefix=ORDER
// ORDER: pid 1 exits 0
// ORDER-NEXT: pid 2 exits 5
// ORDER-NOT: pid 3
// --with starts a module together with the one before it; the next module
// waits for the whole group, whose status is its first nonzero one in order:
// RUN: %exit 3 %twz-boot --module "%t exit 0" --with "%t exit 3" --with "%t exit 4" --module "%t exit 0" %t exit 0 | FileCheck %s --check-prefix=GROUP
// GROUP: pid 1 exits 0
// GROUP-DAG: pid 2 exits 0
// GROUP-DAG: pid 3 exits 3
// GROUP-DAG: pid 4 exits 4
// GROUP-NOT: pid 5
// Statuses above 125 do not fit QEMU's exit code; the control line carries them:
// RUN: %exit 200 %twz-boot %t exit 200
// RUN: %exit 126 %twz-boot %S/lit.local.cfg 2>&1 | FileCheck %s --check-prefix=NOTELF
// NOTELF: twz-kernel: {{.*}}lit.local.cfg: not a static x86-64 ELF program
// RUN: %exit 0 %twz-boot --env GREETING=hi --env X=1 %t edges | FileCheck %s --check-prefix=EDGES
// EDGES: GREETING=hi X=1
// EDGES-NEXT: read from stdin: 0
// EDGES-NEXT: open: -1 errno 2
// EDGES-NEXT: isatty(1): 0
// EDGES-NEXT: compat: unsupported syscall 999
// EDGES-NEXT: syscall 999: -38
// EDGES-NEXT: kill(self, 0): 0, kill(12345, 0): -1 errno 3
// EDGES-NEXT: bad pointers: -14 -14 -14 -14 -14 -22
// RUN: %exit 134 %twz-boot %t abort | FileCheck %s --check-prefix=ABORT
// ABORT: aborting
// ABORT-NEXT: twz-kernel: 1/1 killed by signal 6
// RUN: %exit 139 %twz-boot %t hlt | FileCheck %s --check-prefix=GP
// GP: twz-kernel: 1/1 killed: exception 13 (#GP general protection) error 0x0 rip 0x{{[0-9a-f]+}}
// RUN: %exit 132 %twz-boot %t ud2 | FileCheck %s --check-prefix=UD
// UD: twz-kernel: 1/1 killed: exception 6 (#UD invalid opcode) error 0x0 rip 0x{{[0-9a-f]+}}
// RUN: %exit 124 %twz-boot --timeout 5 %t spin 2>&1 | FileCheck %s --check-prefix=TIMEOUT
// TIMEOUT: spinning
// TIMEOUT: twz-boot: timeout after 5 s
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static long sys0(long n) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
  return r;
}

static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}

int main(int argc, char **argv) {
  if (argc > 2 && !strcmp(argv[1], "exit")) {
    printf("pid %d exits %s\n", (int)getpid(), argv[2]);
    return atoi(argv[2]);
  }
  if (argc > 1 && !strcmp(argv[1], "edges")) {
    char buf[8];
    printf("GREETING=%s X=%s\n", getenv("GREETING"), getenv("X"));
    printf("read from stdin: %ld\n", (long)read(0, buf, sizeof buf));
    int fd = open("/etc/passwd", O_RDONLY);
    printf("open: %d errno %d\n", fd, errno);
    printf("isatty(1): %d\n", isatty(1));
    fflush(stdout);
    long r = sys0(999);
    printf("syscall 999: %ld\n", r);
    int k1 = kill(getpid(), 0);
    errno = 0;
    int k2 = kill(12345, 0);
    printf("kill(self, 0): %d, kill(12345, 0): %d errno %d\n", k1, k2, errno);
    /* the kernel must refuse, not fault: null, kernel half, non-canonical, unaligned */
    printf("bad pointers: %ld %ld %ld %ld %ld %ld\n", sys3(1, 1, 0, 8),
           sys3(1, 1, (long)0xffffffff80100000ul, 8), sys3(1, 1, (long)0x0000900000000000ul, 8),
           sys3(228, 1, (long)0xffff800000001000ul, 0), sys3(35, 0, 0, 0),
           sys3(202, (long)&k1 + 1, 0, 0));
    return 0;
  }
  if (argc > 1 && !strcmp(argv[1], "hlt"))
    __asm__ volatile("hlt"); /* privileged: #GP in user mode */
  if (argc > 1 && !strcmp(argv[1], "ud2"))
    __asm__ volatile("ud2");
  if (argc > 1 && !strcmp(argv[1], "abort")) {
    printf("aborting\n");
    fflush(stdout);
    abort();
  }
  printf("spinning\n");
  fflush(stdout);
  for (;;)
    ;
}
