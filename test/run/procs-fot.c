// Several processes append to one object's FOT at the same time (lock-free,
// compare-and-swap on the shared header): every stored pointer is correct
// afterwards, in those processes and in a fresh one.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t write | FileCheck %s --check-prefix=WRITE
// RUN: env TWZ_STORE=%t.store %t read | FileCheck %s --check-prefix=READ
// WRITE: children ok 4
// WRITE-NEXT: fot in range: yes
// READ: 4096 pointers correct
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define TARGETS 8
#define SLOTS 4096

struct root {
  int __persistent *targets[TARGETS];
  int __persistent *slots[SLOTS];
};

static int check(struct root __persistent *r) {
  int ok = 0;
  for (int k = 0; k < SLOTS; k++)
    ok += r->slots[k] == r->targets[k % TARGETS] && *r->slots[k] == k % TARGETS;
  return ok;
}

int main(int argc, char **argv) {
  twz_object *src;
  if (!strcmp(argv[1], "read")) {
    CHECK_OK(src = twz_object_open("src"));
    printf("%d pointers correct\n", check(twz_object_root(src)));
    return 0;
  }
  CHECK_OK(src = twz_object_create("src"));
  struct root __persistent *r = twz_object_alloc(src, sizeof *r, 8);
  twz_object_set_root(src, r);
  twz_object *t[TARGETS];
  int __persistent *xs[TARGETS];
  for (int i = 0; i < TARGETS; i++) {
    CHECK_OK(t[i] = twz_object_create(NULL));
    xs[i] = twz_object_alloc(t[i], sizeof(int), 4);
    *xs[i] = i;
  }
  for (int c = 0; c < 4; c++)
    if (fork() == 0) {
      /* Each child stores its quarter, targets in a different order. */
      for (int k = c; k < SLOTS; k += 4) {
        r->slots[k] = xs[k % TARGETS];
      }
      _exit(0);
    }
  int good = 0, st;
  while (wait(&st) > 0)
    good += WIFEXITED(st) && WEXITSTATUS(st) == 0;
  for (int i = 0; i < TARGETS; i++)
    r->targets[i] = xs[i];
  printf("children ok %d\n", good);
  unsigned long long n = twz_object_fot_count(src);
  printf("fot in range: %s\n", n >= 1 + TARGETS && n <= 1 + 4 * TARGETS ? "yes" : "no");
  return check(r) == SLOTS ? 0 : 1;
}
