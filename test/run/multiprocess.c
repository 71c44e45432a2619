// Separate processes (exec'd, so each maps the objects at its own address)
// see each other's stores at once, and their transactions on one object are
// serialised by the object lock: no increment is lost.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: child saw the parent's store: 41
// CHECK-NEXT: parent saw the child's store: 42
// CHECK-NEXT: different mapping addresses: yes
// CHECK-NEXT: counter 4000 (4 processes x 1000 transactions), heap blocks 4000
#include <stdatomic.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

struct shared {
  _Atomic long flag;
  long counter;
  long blocks;
  unsigned long base[2];
};

static void wait_for(struct shared __persistent *s, long v) {
  for (int i = 0; i < 20000 && atomic_load((_Atomic long *)(uintptr_t)&s->flag) != v; i++)
    nanosleep(&(struct timespec){0, 100000}, NULL);
}

static pid_t spawn(const char *self, const char *mode) {
  pid_t pid = fork();
  if (pid == 0) {
    execl(self, self, mode, (char *)NULL);
    _exit(127);
  }
  return pid;
}

int main(int argc, char **argv) {
  twz_object *o;
  if (argc > 1) {
    CHECK_OK(o = twz_object_open("shared"));
    struct shared __persistent *s = twz_object_root(o);
    if (!strcmp(argv[1], "echo")) {
      wait_for(s, 41);
      printf("child saw the parent's store: %ld\n", (long)atomic_load((_Atomic long *)(uintptr_t)&s->flag));
      fflush(stdout);
      s->base[1] = twz_object_base(o);
      atomic_store((_Atomic long *)(uintptr_t)&s->flag, 42);
      return 0;
    }
    for (int i = 0; i < 1000; i++) { /* "count" */
      CHECK_OK(twz_tx_begin(o) == 0);
      CHECK_OK(twz_tx_record(o, &s->counter, 2 * sizeof(long)) == 0);
      long c = s->counter;
      CHECK_OK(twz_malloc(o, 16));
      s->blocks++;
      s->counter = c + 1;
      CHECK_OK(twz_tx_commit(o) == 0);
    }
    return 0;
  }
  CHECK_OK(o = twz_object_create("shared"));
  struct shared __persistent *s = twz_malloc(o, sizeof *s);
  twz_object_set_root(o, s);
  s->base[0] = twz_object_base(o);
  pid_t child = spawn(argv[0], "echo");
  atomic_store((_Atomic long *)(uintptr_t)&s->flag, 41);
  wait_for(s, 42);
  waitpid(child, NULL, 0);
  printf("parent saw the child's store: %ld\n", (long)atomic_load((_Atomic long *)(uintptr_t)&s->flag));
  printf("different mapping addresses: %s\n", s->base[0] != s->base[1] ? "yes" : "no");
  fflush(stdout);
  pid_t kids[4];
  for (int k = 0; k < 4; k++)
    kids[k] = spawn(argv[0], "count");
  for (int k = 0; k < 4; k++)
    waitpid(kids[k], NULL, 0);
  printf("counter %ld (4 processes x 1000 transactions), heap blocks %ld\n", s->counter, s->blocks);
  return 0;
}
