// Process teardown returns every frame: the same program (threads, mmap,
// mprotect, brk, big and small mallocs) run three times in a row leaves the
// same number of free pages after the second and third runs (the first may
// leave kernel-heap chunks cached for reuse). Objects outlive processes,
// so the first run uses none; the "objects" runs create, touch, unmap and
// delete objects, which must give all their pages back as well.
// RUN: %musl-cc -I %twz-syscall-include %s -o %t
// RUN: %exit 0 %twz-boot --verbose --module %t --module %t %t 2>&1 | FileCheck %s
// CHECK: pid 1 ({{.*}}) exited with status 0; {{[0-9]+}} free pages
// CHECK: pid [[#]] ({{.*}}) exited with status 0; [[FREE:[0-9]+]] free pages
// CHECK: pid [[#]] ({{.*}}) exited with status 0; [[FREE]] free pages
// RUN: %exit 0 %twz-boot --verbose --module "%t objects" --module "%t objects" %t objects 2>&1 | FileCheck %s --check-prefix=OBJ
// OBJ: pid 1 ({{.*}}) exited with status 0; {{[0-9]+}} free pages
// OBJ: pid 2 ({{.*}}) exited with status 0; [[OFREE:[0-9]+]] free pages
// OBJ: pid 3 ({{.*}}) exited with status 0; [[OFREE]] free pages
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <twz/syscall.h>

static long sys(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}

static int objects(void) {
  for (int k = 0; k < 4; k++) {
    unsigned char id[16];
    if (sys(TWZ_SYS_OBJ_CREATE, (long)id, 0, 0) ||
        sys(TWZ_SYS_VIEW_SET, 100 + k, (long)id, TWZ_PROT_READ | TWZ_PROT_WRITE) ||
        sys(TWZ_SYS_VIEW_SET, 200 + k, (long)id, TWZ_PROT_READ))
      return 1;
    char *base = (char *)((100ul + k) << 30);
    for (long off = 4096; off < (1l << 30); off += 7 << 20)
      base[off] = 1; /* pages spread over the object: directory pages too */
    if (k % 2 && sys(TWZ_SYS_VIEW_SET, 100 + k, 0, 0))
      return 2; /* half are unmapped explicitly, half at exit */
    if (sys(TWZ_SYS_OBJ_DELETE, (long)id, 0, 0))
      return 3;
  }
  return 0;
}

static void *work(void *arg) {
  char *p = malloc(1 << 20);
  memset(p, 1, 1 << 20);
  free(p);
  return arg;
}

int main(int argc, char **argv) {
  if (argc > 1)
    return objects();
  pthread_t t[8];
  for (int i = 0; i < 8; i++)
    pthread_create(&t[i], 0, work, 0);
  for (int i = 0; i < 8; i++)
    pthread_join(t[i], 0);
  char *m = mmap(0, 64 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (int i = 0; i < 64 << 20; i += 4096)
    m[i] = 1;
  mprotect(m + 4096, 4096, PROT_NONE);
  void *small[1000];
  for (int i = 0; i < 1000; i++)
    memset(small[i] = malloc(100 + i), 2, 100 + i);
  char *big = malloc(8 << 20);
  memset(big, 3, 8 << 20);
  return 0; /* nothing freed: exit must */
}
