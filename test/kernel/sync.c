// musl's synchronisation on the kernel's futexes: condition variables
// (wait, signal, broadcast: musl requeues waiters), a timed wait that times
// out, barriers, semaphores, and 40 threads at once.
// RUN: %musl-cc %s -o %t
// RUN: %exit 0 %twz-boot %t | FileCheck %s
// CHECK: producer/consumer: 20000 items, sum ok
// CHECK-NEXT: broadcast woke 10 of 10
// CHECK-NEXT: timedwait: ETIMEDOUT after >= 30 ms
// CHECK-NEXT: barrier: 8 threads x 50 rounds
// CHECK-NEXT: semaphore: 40 threads, max 3 inside at once
// CHECK-NOT: compat:
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER, nonfull = PTHREAD_COND_INITIALIZER;
static int buf[16], head, count;
static long sum;

static void *producer(void *arg) {
  for (int i = 1; i <= 10000; i++) {
    pthread_mutex_lock(&m);
    while (count == 16)
      pthread_cond_wait(&nonfull, &m);
    buf[(head + count++) % 16] = i;
    pthread_cond_signal(&nonempty);
    pthread_mutex_unlock(&m);
  }
  return arg;
}

static void *consumer(void *arg) {
  for (int i = 0; i < 10000; i++) {
    pthread_mutex_lock(&m);
    while (count == 0)
      pthread_cond_wait(&nonempty, &m);
    sum += buf[head];
    head = (head + 1) % 16, count--;
    pthread_cond_signal(&nonfull);
    pthread_mutex_unlock(&m);
  }
  return arg;
}

static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static int started, released;
static atomic_int woke;
static void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  started++;
  while (!released)
    pthread_cond_wait(&go, &m);
  pthread_mutex_unlock(&m);
  atomic_fetch_add(&woke, 1);
  return arg;
}

static pthread_barrier_t bar;
static atomic_int phase_errors, phase;
static void *barrier_worker(void *arg) {
  for (int r = 0; r < 50; r++) {
    if (atomic_load(&phase) != r)
      atomic_fetch_add(&phase_errors, 1);
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
      atomic_store(&phase, r + 1);
    pthread_barrier_wait(&bar);
  }
  return arg;
}

static sem_t sem;
static atomic_int inside, max_inside;
static void *sem_worker(void *arg) {
  sem_wait(&sem);
  int n = atomic_fetch_add(&inside, 1) + 1;
  int old = atomic_load(&max_inside);
  while (n > old && !atomic_compare_exchange_weak(&max_inside, &old, n))
    ;
  struct timespec a, b; /* stay inside longer than a quantum: others get preempted in */
  clock_gettime(CLOCK_MONOTONIC, &a);
  do
    clock_gettime(CLOCK_MONOTONIC, &b);
  while ((b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec < 15000000);
  atomic_fetch_sub(&inside, 1);
  sem_post(&sem);
  return arg;
}

int main(void) {
  pthread_t t[40];
  pthread_create(&t[0], 0, producer, 0);
  pthread_create(&t[1], 0, producer, 0);
  pthread_create(&t[2], 0, consumer, 0);
  pthread_create(&t[3], 0, consumer, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  printf("producer/consumer: 20000 items, sum %s\n", sum == 2L * 10000 * 10001 / 2 ? "ok" : "bad");

  for (int i = 0; i < 10; i++)
    pthread_create(&t[i], 0, waiter, 0);
  for (;;) {
    pthread_mutex_lock(&m);
    int s = started;
    pthread_mutex_unlock(&m);
    if (s == 10)
      break;
    sched_yield();
  }
  pthread_mutex_lock(&m);
  released = 1;
  pthread_cond_broadcast(&go);
  pthread_mutex_unlock(&m);
  for (int i = 0; i < 10; i++)
    pthread_join(t[i], 0);
  printf("broadcast woke %d of 10\n", atomic_load(&woke));

  struct timespec a, b, dl;
  pthread_cond_t never = PTHREAD_COND_INITIALIZER;
  /* Monotonic first: a preemption between the two reads then lengthens
   * the measured wait instead of shortening it (it made this flaky). */
  clock_gettime(CLOCK_MONOTONIC, &a);
  clock_gettime(CLOCK_REALTIME, &dl);
  dl.tv_nsec += 30000000;
  if (dl.tv_nsec >= 1000000000)
    dl.tv_sec++, dl.tv_nsec -= 1000000000;
  pthread_mutex_lock(&m);
  int r = pthread_cond_timedwait(&never, &m, &dl);
  pthread_mutex_unlock(&m);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
  printf("timedwait: %s after %s 30 ms\n", r == ETIMEDOUT ? "ETIMEDOUT" : "no timeout",
         ms >= 29 ? ">=" : "<");

  pthread_barrier_init(&bar, 0, 8);
  for (int i = 0; i < 8; i++)
    pthread_create(&t[i], 0, barrier_worker, 0);
  for (int i = 0; i < 8; i++)
    pthread_join(t[i], 0);
  printf("barrier: 8 threads x %d rounds%s\n", atomic_load(&phase),
         atomic_load(&phase_errors) ? " (phase errors)" : "");

  sem_init(&sem, 0, 3);
  for (int i = 0; i < 40; i++)
    if (pthread_create(&t[i], 0, sem_worker, 0))
      return 1;
  for (int i = 0; i < 40; i++)
    pthread_join(t[i], 0);
  printf("semaphore: 40 threads, max %d inside at once\n", atomic_load(&max_inside));
  return 0;
}
