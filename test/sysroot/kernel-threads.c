// REQUIRES: twz-kernel
// Threads of one program on the twz kernel use the native back end at
// once: racing creators of one immutable object (one kernel object; every
// thread gets the same handle), racing creators of a named object each, and
// lock-free FOT appends from every thread into one shared object.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t -lpthread
// RUN: %twz-boot %t | FileCheck %s --implicit-check-not=compat: --implicit-check-not=fault
// CHECK: immutable: 8 threads, 1 handle
// CHECK-NEXT: own objects: 8 distinct, all slots distinct
// CHECK-NEXT: shared: 8 pointers, each resolves to its thread's object: 8
// CHECK-NEXT: shared fot count 9
#include <pthread.h>
#include <stdio.h>
#include <twz/twz.h>

#define N 8

struct cell {
  long who;
};
struct table {
  struct cell __persistent *p[N];
};

static pthread_barrier_t go;
static twz_object *imm[N], *own[N];
static struct table __persistent *shared;
static struct cell __persistent *cells[N];

static void *run(void *arg) {
  long i = (long)arg;
  pthread_barrier_wait(&go);
  imm[i] = twz_object_create_immutable(NULL, "same bytes", 10);
  char name[16];
  snprintf(name, sizeof name, "t.%ld", i);
  own[i] = twz_object_create(name);
  if (!imm[i] || !own[i]) {
    fprintf(stderr, "thread %ld: %s\n", i, twz_error());
    return NULL;
  }
  cells[i] = twz_object_alloc(own[i], sizeof *cells[i], 8);
  cells[i]->who = i;
  shared->p[i] = cells[i]; /* FOT append in the shared object, concurrently */
  return NULL;
}

int main(void) {
  twz_object *s = twz_object_create("shared");
  if (!s)
    return fprintf(stderr, "%s\n", twz_error()), 1;
  shared = twz_object_alloc(s, sizeof *shared, 8);
  pthread_t t[N];
  pthread_barrier_init(&go, NULL, N);
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], NULL, run, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  int same = 1, distinct = 1, ok = 0;
  for (int i = 0; i < N; i++) {
    same &= imm[i] && imm[i] == imm[0];
    for (int j = 0; j < i; j++)
      distinct &= own[i] != own[j] && twz_object_base(own[i]) != twz_object_base(own[j]);
    ok += shared->p[i] == cells[i] && shared->p[i]->who == i;
  }
  printf("immutable: %d threads, %d handle\n", N, same ? 1 : 0);
  printf("own objects: %d distinct, all slots %s\n", N, distinct ? "distinct" : "NOT distinct");
  printf("shared: %d pointers, each resolves to its thread's object: %d\n", N, ok);
  printf("shared fot count %llu\n", (unsigned long long)twz_object_fot_count(s));
  return 0;
}
