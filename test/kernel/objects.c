// Native object syscalls (runtime/include/twz/syscall.h): create, map into
// two slots of the view, write through one and read through the other,
// view_get, error cases, delete, null-page and protection faults, and an
// object outliving the process that made it (second boot module reads it).
// RUN: %musl-cc -I %twz-syscall-include %s -o %t
// RUN: %exit 0 %twz-boot %t | FileCheck %s
// CHECK: create: 0, id nonzero: yes
// CHECK-NEXT: view_set slot 16 rw: 0, slot 17 r: 0
// CHECK-NEXT: read back through slot 17: hello, object
// CHECK-NEXT: far page through slot 17: 0x1234
// CHECK-NEXT: view_get 16: 0, same id: yes, prot 3
// CHECK-NEXT: view_get empty slot: -2, slot 5: -22
// CHECK-NEXT: fixed id: 0, again: -17
// CHECK-NEXT: view_set unknown id: -2, slot 15: -22, slot 65536: -22, bad prot: -22
// CHECK-NEXT: obj_stat: 0, unknown: -2
// CHECK-NEXT: cleared slot 16: 0, view_get: -2
// CHECK-NEXT: deleted while mapped: 0, stat: -2, still readable: 42
// CHECK-NEXT: slot 22 replaced: old object 7, new object 0
// CHECK-NOT: compat:
// RUN: %exit 139 %twz-boot %t null | FileCheck %s --check-prefix=NULL
// NULL: twz-kernel: page fault: 1/1 read at 0x400000008 rip 0x{{[0-9a-f]+}}: null page of slot 16
// RUN: %exit 139 %twz-boot %t ro | FileCheck %s --check-prefix=RO
// RO: twz-kernel: page fault: 1/1 write at 0x440001000 rip 0x{{[0-9a-f]+}}: write to read-only slot 17
// RUN: %exit 139 %twz-boot %t empty | FileCheck %s --check-prefix=EMPTY
// EMPTY: twz-kernel: page fault: 1/1 read at 0x780002000 rip 0x{{[0-9a-f]+}}: no object mapped in slot 30
// RUN: %exit 0 %twz-boot --module "%t reader" %t writer | FileCheck %s --check-prefix=PERSIST
// PERSIST: writer: wrote 777
// PERSIST-NEXT: reader: pid 2 found 777
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <twz/syscall.h>

static long sys(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
#define SLOT(s) ((char *)((uint64_t)(s) << 30))

int main(int argc, char **argv) {
  uint8_t id[16] = {0}, fixed[16] = {0xf1, 0xed}, unknown[16] = {0xee}, got[16];
  uint64_t prot = 0;
  const char *mode = argc > 1 ? argv[1] : "";

  if (!strcmp(mode, "writer") || !strcmp(mode, "reader")) {
    uint8_t shared[16] = {0x5a, 0x5a};
    if (*mode == 'w' && sys(TWZ_SYS_OBJ_CREATE, (long)shared, TWZ_OC_FIXED_ID, 0))
      return 1;
    if (sys(TWZ_SYS_VIEW_SET, 40, (long)shared, TWZ_PROT_READ | TWZ_PROT_WRITE))
      return 2;
    int *v = (int *)(SLOT(40) + 0x2000);
    if (*mode == 'w') {
      *v = 777;
      printf("writer: wrote %d\n", *v);
    } else {
      printf("reader: pid %d found %d\n", (int)getpid(), *v);
    }
    return 0;
  }

  long c = sys(TWZ_SYS_OBJ_CREATE, (long)id, 0, 0);
  int nz = 0;
  for (int i = 0; i < 16; i++)
    nz |= id[i];
  printf("create: %ld, id nonzero: %s\n", c, nz ? "yes" : "no");
  long s16 = sys(TWZ_SYS_VIEW_SET, 16, (long)id, TWZ_PROT_READ | TWZ_PROT_WRITE);
  long s17 = sys(TWZ_SYS_VIEW_SET, 17, (long)id, TWZ_PROT_READ);
  printf("view_set slot 16 rw: %ld, slot 17 r: %ld\n", s16, s17);
  strcpy(SLOT(16) + 0x1000, "hello, object");
  printf("read back through slot 17: %s\n", SLOT(17) + 0x1000);
  *(int *)(SLOT(16) + 0x3ffff000) = 0x1234; /* the metadata page, at the slot's top */
  printf("far page through slot 17: 0x%x\n", *(int *)(SLOT(17) + 0x3ffff000));

  if (!strcmp(mode, "null"))
    return *(volatile char *)(SLOT(16) + 8);
  if (!strcmp(mode, "ro"))
    *(volatile char *)(SLOT(17) + 0x1000) = 'x';
  if (!strcmp(mode, "empty"))
    return *(volatile char *)(SLOT(30) + 0x2000);

  long g = sys(TWZ_SYS_VIEW_GET, 16, (long)got, (long)&prot);
  printf("view_get 16: %ld, same id: %s, prot %lu\n", g, memcmp(got, id, 16) ? "no" : "yes",
         (unsigned long)prot);
  printf("view_get empty slot: %ld, slot 5: %ld\n", sys(TWZ_SYS_VIEW_GET, 18, (long)got, 0),
         sys(TWZ_SYS_VIEW_GET, 5, (long)got, 0));
  long f1 = sys(TWZ_SYS_OBJ_CREATE, (long)fixed, TWZ_OC_FIXED_ID, 0);
  long f2 = sys(TWZ_SYS_OBJ_CREATE, (long)fixed, TWZ_OC_FIXED_ID, 0);
  printf("fixed id: %ld, again: %ld\n", f1, f2);
  printf("view_set unknown id: %ld, slot 15: %ld, slot 65536: %ld, bad prot: %ld\n",
         sys(TWZ_SYS_VIEW_SET, 20, (long)unknown, TWZ_PROT_READ),
         sys(TWZ_SYS_VIEW_SET, 15, (long)id, TWZ_PROT_READ),
         sys(TWZ_SYS_VIEW_SET, 65536, (long)id, TWZ_PROT_READ),
         sys(TWZ_SYS_VIEW_SET, 20, (long)id, 0x80));
  printf("obj_stat: %ld, unknown: %ld\n", sys(TWZ_SYS_OBJ_STAT, (long)id, 0, 0),
         sys(TWZ_SYS_OBJ_STAT, (long)unknown, 0, 0));
  long cl = sys(TWZ_SYS_VIEW_SET, 16, 0, 0);
  printf("cleared slot 16: %ld, view_get: %ld\n", cl, sys(TWZ_SYS_VIEW_GET, 16, (long)got, 0));
  sys(TWZ_SYS_VIEW_SET, 21, (long)fixed, TWZ_PROT_READ | TWZ_PROT_WRITE);
  *(int *)(SLOT(21) + 0x5000) = 42;
  long d = sys(TWZ_SYS_OBJ_DELETE, (long)fixed, 0, 0);
  printf("deleted while mapped: %ld, stat: %ld, still readable: %d\n", d,
         sys(TWZ_SYS_OBJ_STAT, (long)fixed, 0, 0), *(int *)(SLOT(21) + 0x5000));
  uint8_t a[16], b[16];
  sys(TWZ_SYS_OBJ_CREATE, (long)a, 0, 0);
  sys(TWZ_SYS_OBJ_CREATE, (long)b, 0, 0);
  sys(TWZ_SYS_VIEW_SET, 22, (long)a, TWZ_PROT_READ | TWZ_PROT_WRITE);
  *(volatile int *)(SLOT(22) + 0x1000) = 7;
  int old = *(volatile int *)(SLOT(22) + 0x1000);
  sys(TWZ_SYS_VIEW_SET, 22, (long)b, TWZ_PROT_READ); /* no stale translation may survive */
  printf("slot 22 replaced: old object %d, new object %d\n", old,
         *(volatile int *)(SLOT(22) + 0x1000));
  return 0;
}
