// A forked child is a different lock owner from its parent: while the
// parent is inside a transaction, the child's transaction on the same object
// waits for it, instead of mistaking the lock for its own, taking it over
// and rolling the parent's work back.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: child saw 2 after waiting
// CHECK-NEXT: final 3
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static void sleep_ms(long ms) { nanosleep(&(struct timespec){0, ms * 1000000}, NULL); }

int main(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_create(NULL));
  long __persistent *x = twz_malloc(o, sizeof *x); /* a transaction: the token is cached */
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    sleep_ms(100); /* the parent is inside its transaction by now */
    CHECK_OK(twz_tx_begin(o) == 0);
    printf("child saw %ld after waiting\n", *x);
    CHECK_OK(twz_tx_record(o, x, sizeof *x) == 0);
    (*x)++;
    CHECK_OK(twz_tx_commit(o) == 0);
    fflush(stdout);
    _exit(0);
  }
  CHECK_OK(twz_tx_begin(o) == 0);
  CHECK_OK(twz_tx_record(o, x, sizeof *x) == 0);
  *x = 1;
  sleep_ms(400);
  *x = 2;
  CHECK_OK(twz_tx_commit(o) == 0);
  waitpid(pid, NULL, 0);
  printf("final %ld\n", *x);
  return 0;
}
