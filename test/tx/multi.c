// Transactions over three objects survive crashes, whichever object is
// opened first. A worker moves money between accounts spread over objects
// m.a (the coordinator: it is begun first), m.b and m.c, and pushes or pops
// list nodes allocated in m.b's heap and linked from m.a, one transaction
// each. Objects run in TWZ_TEST_VOLATILE mode: only what libtwz flushes
// reaches the files (plus an early write-back of a changed page at every
// flush), so each kill loses what a power failure could. The checker opens
// the objects in the order it is given (recovery starts from the first).
//  - 200 SIGKILLs at random moments (Inputs/multi-crash.py kill);
//  - a crash right after each of the first 150 flushes of a run
//    (TWZ_TEST_CRASH_AFTER, Inputs/multi-crash.py points);
//  - a crash in each of the first 150 flushes, torn so that only the log's
//    ranges, only the others, or only the log's later pages land
//    (TWZ_TEST_CRASH_PARTIAL, Inputs/multi-crash.py torn): the commit
//    record's flush among them.
// After each: balances sum up, every acknowledged commit is there, the list
// is well formed, every log is idle and twz_object_check finds nothing.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/../run/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t init | FileCheck %s --check-prefix=INIT
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 python3 %S/Inputs/multi-crash.py %t kill 200 | FileCheck %s --check-prefix=KILL
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 python3 %S/Inputs/multi-crash.py %t points 150 | FileCheck %s --check-prefix=POINTS
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 python3 %S/Inputs/multi-crash.py %t torn 150 | FileCheck %s --check-prefix=TORN
// INIT: initialised
// KILL: 200 kills, 200 recoveries consistent, 0 lost commits
// KILL-NOT: INCONSISTENT
// POINTS: 150 crash points, 150 recoveries consistent, 0 lost commits
// POINTS-NOT: INCONSISTENT
// TORN: 150 torn flushes, 150 recoveries consistent, 0 lost commits
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define PER 32 /* accounts per object */
#define NOBJ 3

struct node {
  long seq;
  struct node __persistent *next;
};

struct bank {
  long balance[PER];
  long committed; /* m.a: transactions committed so far */
  long nodes;     /* m.a: length of the list */
  struct node __persistent *head; /* m.a: the list, nodes in m.b */
};

static const char *names[NOBJ] = {"m.a", "m.b", "m.c"};
static twz_object *o[NOBJ];
static struct bank __persistent *bk[NOBJ];

static void open_all(const char *order) {
  for (const char *c = order; *c; c++) {
    int i = *c - 'a';
    CHECK_OK(o[i] = twz_object_open(names[i]));
    bk[i] = twz_object_root(o[i]);
  }
}

static int run(long limit) {
  open_all("abc");
  srand((unsigned)getpid());
  for (long t = 0; t < limit; t++) {
    int from = rand() % (NOBJ * PER), to = rand() % (NOBJ * PER), amount = rand() % 50;
    struct bank __persistent *a = bk[0];
    long __persistent *pf = &bk[from / PER]->balance[from % PER];
    long __persistent *pt = &bk[to / PER]->balance[to % PER];
    CHECK_OK(twz_tx_begin(o[0]) == 0); /* m.a coordinates */
    /* One batch: three ranges in up to three objects, one flush each. */
    CHECK_OK(twz_tx_add(o[0], &a->committed, 3 * sizeof(long)) == 0);
    CHECK_OK(twz_tx_add(o[from / PER], pf, sizeof *pf) == 0);
    CHECK_OK(twz_tx_add(o[to / PER], pt, sizeof *pt) == 0);
    CHECK_OK(twz_tx_ready() == 0);
    *pf -= amount;
    *pt += amount;
    long seq = ++a->committed;
    if (rand() % 3 || !a->head) { /* push a node from m.b's heap */
      struct node __persistent *n = twz_malloc(o[1], sizeof *n);
      CHECK_OK(n);
      n->seq = seq;
      n->next = a->head;
      a->head = n;
      a->nodes++;
    } else {
      struct node __persistent *n = a->head;
      a->head = n->next;
      a->nodes--;
      CHECK_OK(twz_free(n) == 0);
    }
    CHECK_OK(twz_tx_commit(o[0]) == 0);
    char line[32];
    int len = snprintf(line, sizeof line, "%ld\n", seq);
    if (write(1, line, (size_t)len) != len) /* acknowledged only once committed */
      return 1;
  }
  return 0;
}

static void report(const char *problem, void *arg) {
  printf("INCONSISTENT: %s: %s\n", (const char *)arg, problem);
}

static int check(const char *order, long reported) {
  open_all(order); /* recovery starts from the first */
  long sum = 0, n = 0, last = -1;
  int ok = 1;
  for (int i = 0; i < NOBJ; i++) {
    for (int k = 0; k < PER; k++)
      sum += bk[i]->balance[k];
    struct twz_log_info li;
    twz_object_log(o[i], &li);
    if (li.state != TWZ_LOG_IDLE)
      printf("INCONSISTENT: %s's log still active\n", names[i]), ok = 0;
    if (twz_object_check(o[i], report, (void *)names[i]))
      ok = 0;
  }
  struct bank __persistent *a = bk[0];
  ok &= sum == 100 * NOBJ * PER;
  for (struct node __persistent *p = a->head; p && n <= a->nodes; p = p->next, n++) {
    ok &= p->seq <= a->committed && (last < 0 || p->seq < last);
    last = p->seq;
  }
  ok &= n == a->nodes;
  int lost = a->committed < reported;
  printf("%s%s sum %ld committed %ld reported %ld nodes %ld/%ld\n", ok ? "consistent" : "INCONSISTENT",
         lost ? " LOST" : "", sum, a->committed, reported, n, a->nodes);
  return !ok || lost;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "init")) {
    for (int i = 0; i < NOBJ; i++) {
      CHECK_OK(o[i] = twz_object_create(names[i]));
      struct bank __persistent *b = twz_malloc(o[i], sizeof *b);
      CHECK_OK(b);
      for (int k = 0; k < PER; k++)
        b->balance[k] = 100;
      twz_object_set_root(o[i], b);
      CHECK_OK(twz_object_flush(o[i]) == 0);
    }
    printf("initialised\n");
    return 0;
  }
  if (!strcmp(argv[1], "run"))
    return run(argc > 2 ? atol(argv[2]) : -1L >> 1 & 0x7fffffffffffffffL);
  return check(argc > 2 ? argv[2] : "abc", argc > 3 ? atol(argv[3]) : 0);
}
