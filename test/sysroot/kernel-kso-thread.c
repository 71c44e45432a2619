// REQUIRES: twz-kernel
// A thread object (<twz/kso.h>) says what the kernel knows of its thread:
// ids, its view, its contexts, running or exited and the exit status. A
// thread reads its own (rights r, no w); when the thread exits its object
// says so and its ID is gone, but a mapping made before keeps working.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot %t | FileCheck %s --implicit-check-not=twz-kernel
// CHECK:      main: magic ok, tid = pid, view is mine, no context, running, rights r----
// CHECK-NEXT: child: its own object: tid matches, running
// CHECK-NEXT: main: child object while it runs: running, tid matches, same view
// CHECK-NEXT: main: child joined: exited, status 0, obj_stat ENOENT
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "Inputs/ksec.h"

static const struct twz_thread *map_thread(const twz_id *id) {
  twz_object *o = twz_object_open_id(id);
  OK(o);
  return (const struct twz_thread *)(twz_object_base(o) + TWZ_DATA_START);
}

static const char *state(uint32_t s) {
  return s == TWZ_THREAD_RUNNING ? "running" : s == TWZ_THREAD_EXITED ? "exited" : "?";
}

static twz_id child_id;
static atomic_int child_tid, go;

static void *child(void *arg) {
  (void)arg;
  child_id = k_self(TWZ_KSO_THREAD);
  const struct twz_thread *t = map_thread(&child_id);
  printf("child: its own object: tid %s, %s\n", t->tid == (uint32_t)gettid() ? "matches" : "differs",
         state(t->state));
  atomic_store(&child_tid, gettid());
  while (!atomic_load(&go))
    sched_yield();
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  twz_id me = k_self(TWZ_KSO_THREAD), view = k_self(TWZ_KSO_VIEW);
  const struct twz_thread *t = map_thread(&me);
  static const uint8_t zero[16];
  printf("main: magic %s, tid %s pid, view is %s, %s, %s, rights %s\n",
         t->magic == TWZ_THREAD_MAGIC ? "ok" : "bad", t->tid == t->pid && t->pid == (uint32_t)getpid() ? "=" : "!=",
         !memcmp(t->view, view.b, 16) ? "mine" : "not mine",
         t->nsctx == 0 && !memcmp(t->active, zero, 16) ? "no context" : "a context", state(t->state),
         rstr(k_rights(&me)));
  pthread_t th;
  OK(pthread_create(&th, NULL, child, NULL) == 0);
  while (!atomic_load(&child_tid))
    sched_yield();
  const struct twz_thread *c = map_thread(&child_id);
  printf("main: child object while it runs: %s, tid %s, %s\n", state(c->state),
         c->tid == (uint32_t)atomic_load(&child_tid) ? "matches" : "differs",
         !memcmp(c->view, view.b, 16) ? "same view" : "other view");
  atomic_store(&go, 1);
  OK(pthread_join(th, NULL) == 0);
  for (int i = 0; i < 1000 && c->state != TWZ_THREAD_EXITED; i++)
    sched_yield(); /* the kernel writes it when it frees the thread */
  printf("main: child joined: %s, status %d, obj_stat %s\n", state(c->state), c->exit_status,
         errname(k_stat(&child_id)));
  return 0;
}
