// Transactions survive SIGKILL at random points: a worker moves money
// between accounts and pushes/pops heap-allocated list nodes, one
// transaction at a time; it is killed 200 times, and after every kill the
// next process's recovery leaves the books balanced, the list well formed,
// the heap consistent, and every transaction the worker reported committed
// is still there.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t init | FileCheck %s --check-prefix=INIT
// RUN: env TWZ_STORE=%t.store python3 %S/Inputs/crash-loop.py %t 200 | FileCheck %s
// INIT: initialised
// CHECK: 200 kills, 200 recoveries consistent
// CHECK-NOT: INCONSISTENT
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define ACCOUNTS 64

struct node {
  long seq;
  struct node __persistent *next;
};

struct bank {
  long balance[ACCOUNTS];
  long committed; /* transactions committed so far */
  long nodes;     /* length of the list */
  struct node __persistent *head;
};

static struct bank __persistent *open_bank(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_open("bank"));
  return twz_object_root(o);
}

static int run(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_open("bank"));
  struct bank __persistent *b = twz_object_root(o);
  srand((unsigned)getpid());
  for (;;) {
    int i = rand() % ACCOUNTS, j = rand() % ACCOUNTS, amount = rand() % 50;
    CHECK_OK(twz_tx_begin(o) == 0);
    CHECK_OK(twz_tx_record(o, &b->balance[i], sizeof(long)) == 0);
    CHECK_OK(twz_tx_record(o, &b->balance[j], sizeof(long)) == 0);
    CHECK_OK(twz_tx_record(o, &b->committed, 3 * sizeof(long)) == 0); /* committed, nodes, head */
    b->balance[i] -= amount;
    b->balance[j] += amount;
    long seq = ++b->committed;
    if (rand() % 3 || !b->head) { /* push */
      struct node __persistent *n = twz_malloc(o, sizeof *n);
      CHECK_OK(n);
      n->seq = seq;
      n->next = b->head;
      b->head = n;
      b->nodes++;
    } else { /* pop */
      struct node __persistent *n = b->head;
      b->head = n->next;
      b->nodes--;
      CHECK_OK(twz_free(n) == 0);
    }
    CHECK_OK(twz_tx_commit(o) == 0);
    char line[32];
    int len = snprintf(line, sizeof line, "%ld\n", seq);
    if (write(1, line, (size_t)len) != len) /* reported only once committed */
      return 1;
  }
}

static void report(const char *problem, void *arg) {
  (void)arg;
  printf("INCONSISTENT: %s\n", problem);
}

static int check(long reported) {
  struct bank __persistent *b = open_bank(); /* recovery happens here */
  long sum = 0, n = 0, last = -1;
  for (int i = 0; i < ACCOUNTS; i++)
    sum += b->balance[i];
  int ok = sum == 100 * ACCOUNTS;
  for (struct node __persistent *p = b->head; p && n <= b->nodes; p = p->next, n++) {
    ok &= p->seq <= b->committed && (last < 0 || p->seq < last);
    last = p->seq;
  }
  ok &= n == b->nodes && b->committed >= reported;
  if (twz_object_check(twz_object_of(b), report, NULL))
    ok = 0;
  printf("%s sum %ld committed %ld reported %ld nodes %ld/%ld\n", ok ? "consistent" : "INCONSISTENT",
         sum, b->committed, reported, n, b->nodes);
  return !ok;
}

int main(int argc, char **argv) {
  if (!strcmp(argv[1], "init")) {
    twz_object *o;
    CHECK_OK(o = twz_object_create("bank"));
    struct bank __persistent *b = twz_malloc(o, sizeof *b);
    for (int i = 0; i < ACCOUNTS; i++)
      b->balance[i] = 100;
    twz_object_set_root(o, b);
    printf("initialised\n");
    return 0;
  }
  if (!strcmp(argv[1], "run"))
    return run();
  return check(argc > 2 ? atol(argv[2]) : 0);
}
