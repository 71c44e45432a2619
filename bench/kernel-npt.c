/* The two back ends of the kernel's translation (docs/kernel.md
 * "Nested-paging back end"), timed by one program that `make -C bench
 * kernel-npt` boots twice, without and with twz-boot --npt, under QEMU TCG:
 *   - a system call round trip (getpid);
 *   - the first touch of an object page (a read of a page never touched);
 *   - a pointer chase around a ring of 8 objects (one node each, every
 *     next pointer crosses objects), per hop, warm;
 *   - a thread switch (two threads calling sched_yield in turn);
 *   - a security context switch: sctx_activate between two contexts that
 *     grant the same rights, then one read in each of the 8 objects.
 * Each is the median of 9 rounds. Prints "kernel-npt: <what> <value> <unit>".
 * Not a test: nothing here is checked against a bound. */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../test/sysroot/Inputs/ksec.h"

#define ROUNDS 9

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}
static double median(double *t) {
  qsort(t, ROUNDS, sizeof *t, cmp);
  return t[ROUNDS / 2];
}

struct node {
  long val;
  struct node __persistent *next;
};

static volatile int turn_done;
static void *yielder(void *arg) {
  long n = (long)arg;
  for (long i = 0; i < n; i++)
    sched_yield();
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  double t[ROUNDS];

  /* system call round trip */
  for (int r = 0; r < ROUNDS; r++) {
    double t0 = mono_us();
    for (int i = 0; i < 2000; i++)
      syscall(SYS_getpid);
    t[r] = (mono_us() - t0) / 2000;
  }
  printf("kernel-npt: system call round trip (getpid) %.2f us\n", median(t));

  /* first touch of an object page: a fresh object per round */
  for (int r = 0; r < ROUNDS; r++) {
    char name[16];
    snprintf(name, sizeof name, "touch%d", r);
    twz_object *o = twz_object_create(name);
    OK(o);
    volatile char *b = (volatile char *)twz_object_base(o);
    long sum = 0;
    double t0 = mono_us();
    for (int i = 0; i < 512; i++)
      sum += b[(uintptr_t)(64 + i) * 4096];
    t[r] = (mono_us() - t0) / 512;
    OK(sum == 0);
  }
  printf("kernel-npt: first touch of an object page %.2f us\n", median(t));

  /* a ring of 8 objects */
  twz_object *obj[8];
  struct node __persistent *nd[8];
  for (int i = 0; i < 8; i++) {
    char name[16];
    snprintf(name, sizeof name, "ring%d", i);
    OK(obj[i] = twz_object_create(name));
    OK(nd[i] = twz_object_alloc(obj[i], sizeof(struct node), 8));
    nd[i]->val = i;
  }
  for (int i = 0; i < 8; i++)
    nd[i]->next = nd[(i + 1) % 8];
  for (int r = 0; r < ROUNDS; r++) {
    struct node __persistent *p = nd[0];
    long sum = 0, hops = 400000;
    double t0 = mono_us();
    for (long i = 0; i < hops; i++) {
      sum += p->val;
      p = p->next;
    }
    t[r] = (mono_us() - t0) * 1000 / hops;
    OK(sum == hops / 8 * 28);
  }
  printf("kernel-npt: pointer chase over 8 objects, per hop %.1f ns\n", median(t));

  /* thread switch */
  for (int r = 0; r < ROUNDS; r++) {
    long n = 500;
    pthread_t th;
    double t0 = mono_us();
    OK(pthread_create(&th, NULL, yielder, (void *)n) == 0);
    yielder((void *)n);
    pthread_join(th, NULL);
    t[r] = (mono_us() - t0) / (2 * n);
  }
  printf("kernel-npt: thread switch (sched_yield between 2 threads) %.2f us\n", median(t));

  /* security context switch, then one read in each object */
  twz_object *ca, *cb;
  OK(ca = twz_ctx_create("ctx-a", NULL));
  OK(cb = twz_ctx_create("ctx-b", NULL));
  twz_id a = twz_object_id(ca), b = twz_object_id(cb);
  OK(k_attach(&a) == 0);
  OK(k_attach(&b) == 0);
  for (int r = 0; r < ROUNDS; r++) {
    long sum = 0;
    double t0 = mono_us();
    for (int i = 0; i < 20; i++) {
      OK(k_activate(i & 1 ? &a : &b) == 0);
      for (int k = 0; k < 8; k++)
        sum += nd[k]->val;
    }
    t[r] = (mono_us() - t0) / 20;
    OK(sum == 20 * 28);
  }
  printf("kernel-npt: context switch (sctx_activate, then a read in each of 8 objects) %.1f us\n",
         median(t));
  return 0;
}
