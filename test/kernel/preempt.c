// Preemption: two threads that never make a system call while they spin
// both make progress, and each sees the other run several times, which
// only happens if the timer takes the CPU away from a spinning thread.
// RUN: %musl-cc %s -o %t
// RUN: %exit 0 %twz-boot %t | FileCheck %s
// CHECK: spinner 1 saw the other run {{[0-9]+}} times
// CHECK: spinner 2 saw the other run {{[0-9]+}} times
// CHECK: both made progress
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_long count[3];
static long seen[3];

static void *spin(void *arg) {
  int me = (int)(long)arg, other = 3 - me;
  long last = atomic_load(&count[other]), changes = 0;
  while (changes < 5) { /* no syscalls in here */
    atomic_fetch_add(&count[me], 1);
    long now = atomic_load(&count[other]);
    if (now != last) {
      changes++;
      /* wait for the other to stop running before counting again */
      for (long i = 0; i < 1000 && atomic_load(&count[other]) != now; i++)
        now = atomic_load(&count[other]);
      last = now;
    }
  }
  seen[me] = changes;
  atomic_fetch_add(&count[me], 1000000000); /* let the other finish */
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, spin, (void *)1);
  pthread_create(&b, 0, spin, (void *)2);
  pthread_join(a, 0);
  pthread_join(b, 0);
  printf("spinner 1 saw the other run %ld times\n", seen[1]);
  printf("spinner 2 saw the other run %ld times\n", seen[2]);
  printf("both made progress\n");
  return 0;
}
