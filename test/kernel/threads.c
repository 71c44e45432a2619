// pthreads: clone with CLONE_SETTLS/CHILD_CLEARTID/PARENT_SETTID, futexes
// for the mutex and for join, thread exit with the tid word cleared.
// RUN: %musl-cc %s -o %t
// RUN: %exit 0 %twz-boot %t | FileCheck %s
// CHECK-DAG: thread 1 running
// CHECK-DAG: thread 2 running
// CHECK: joined: counter 200000 (expected 200000)
// CHECK-NEXT: tids distinct: yes
// CHECK-NEXT: second round joined
// CHECK-NEXT: detached thread ran and unmapped its own stack
// CHECK-NOT: compat:
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static _Thread_local int tls_marker;
static pid_t tids[3];
static int quiet;

static void *work(void *arg) {
  int id = (int)(long)arg;
  tls_marker = id;
  tids[id] = gettid();
  pthread_mutex_lock(&lock);
  if (!quiet) {
    printf("thread %d running\n", id);
    fflush(stdout);
  }
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < 100000; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
    if (i % 20000 == 0)
      sched_yield();
  }
  return tls_marker == id ? arg : 0; /* TLS stayed per-thread */
}

static atomic_int detached_ran;
static void *detached(void *arg) {
  atomic_store(&detached_ran, 1);
  return arg; /* musl unmaps this stack and exits in one go (__unmapself) */
}

int main(void) {
  pthread_t a, b;
  void *ra, *rb;
  tids[0] = gettid();
  if (pthread_create(&a, 0, work, (void *)1) || pthread_create(&b, 0, work, (void *)2))
    return 1;
  pthread_join(a, &ra);
  pthread_join(b, &rb);
  if (ra != (void *)1 || rb != (void *)2)
    return 2;
  printf("joined: counter %ld (expected 200000)\n", counter);
  printf("tids distinct: %s\n",
         tids[0] != tids[1] && tids[1] != tids[2] && tids[0] == getpid() ? "yes" : "no");
  /* thread slots and stacks are reused */
  quiet = 1;
  for (int r = 0; r < 20; r++) {
    if (pthread_create(&a, 0, work, (void *)1))
      return 3;
    pthread_join(a, 0);
  }
  printf("second round joined\n");
  pthread_attr_t at;
  pthread_attr_init(&at);
  pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
  if (pthread_create(&a, &at, detached, 0))
    return 5;
  while (!atomic_load(&detached_ran))
    sched_yield();
  nanosleep(&(struct timespec){0, 10000000}, 0); /* let it finish exiting */
  if (pthread_create(&a, 0, work, (void *)1) || pthread_join(a, 0))
    return 6;
  printf("detached thread ran and unmapped its own stack\n");
  return counter == 2300000 ? 0 : 4;
}
