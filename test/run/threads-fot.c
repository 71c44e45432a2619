// Threads storing pointers into many objects at once: each target gets
// exactly one FOT entry, and every stored pointer resolves to its target.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t -lpthread
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: fot 17, all 4000 pointers correct
#include <pthread.h>

#include "check.h"

#define TARGETS 16
#define PER_THREAD 1000

static twz_object *src;
static int __persistent *targets[TARGETS];
static int __persistent *__persistent *slots;

static void *worker(void *arg) {
  long t = (long)arg;
  for (int i = 0; i < PER_THREAD; i++) {
    int k = (int)(t * PER_THREAD + i);
    slots[k] = targets[k % TARGETS];
  }
  return NULL;
}

int main(void) {
  CHECK_OK(src = twz_object_create(NULL));
  for (int i = 0; i < TARGETS; i++) {
    twz_object *o;
    CHECK_OK(o = twz_object_create(NULL));
    targets[i] = twz_object_alloc(o, sizeof(int), 4);
    *targets[i] = i;
  }
  slots = twz_object_alloc(src, 4 * PER_THREAD * sizeof *slots, 8);
  pthread_t th[4];
  for (long t = 0; t < 4; t++)
    pthread_create(&th[t], NULL, worker, (void *)t);
  for (int t = 0; t < 4; t++)
    pthread_join(th[t], NULL);
  int ok = 0;
  for (int k = 0; k < 4 * PER_THREAD; k++)
    ok += slots[k] == targets[k % TARGETS] && *slots[k] == k % TARGETS;
  printf("fot %llu, all %d pointers %s\n", (unsigned long long)twz_object_fot_count(src), ok,
         ok == 4 * PER_THREAD ? "correct" : "WRONG");
  return 0;
}
