// The undo log grows: one transaction allocates 100k heap blocks and links
// them, another frees all 100k (the old fixed 1 MiB log held ~16k frees:
// "transaction log full"); the log then has more than one extent, the heap
// checks clean and blocks are reused. A transaction recording 3 MiB is
// undone by abort, and one that dies (_exit before commit) with 3 MiB of
// records in a grown log is undone by the next process's recovery.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/../run/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t free100k | FileCheck %s --check-prefix=FREE
// FREE: allocated 100000 blocks, linked
// FREE: freed 100000 blocks in one transaction
// FREE: log extents [[EXT:[3-9]|[1-9][0-9]]]
// FREE: heap check clean
// FREE: 1000 blocks reused: all below the old top
// RUN: env TWZ_STORE=%t.store %t abort | FileCheck %s --check-prefix=ABORT
// ABORT: recorded 3145728 bytes; aborted; 0 bytes differ
// RUN: env TWZ_STORE=%t.store %exit 7 %t die
// RUN: env TWZ_STORE=%t.store %t recovered | FileCheck %s --check-prefix=REC
// A log extent added by a transaction that then dies stays allocated: with
// TWZ_TEST_VOLATILE=1 (only flushed bytes reach the file) the process dies
// after the log grew, and a later allocation must not overlap any extent
// (no early write-backs, TWZ_TEST_WRITEBACK=0: they could save a lost flush).
// RUN: rm -rf %t.vstore && env TWZ_STORE=%t.vstore TWZ_TEST_VOLATILE=1 TWZ_TEST_WRITEBACK=0 %exit 7 %t die
// RUN: env TWZ_STORE=%t.vstore TWZ_TEST_VOLATILE=1 %t overlap | FileCheck %s --check-prefix=OVERLAP
// OVERLAP: recovered: 0 bytes differ, log idle
// OVERLAP: log extents 4, no allocation overlaps them
// The same with cache-line flushes instead of msync (TWZ_PMEM=1).
// RUN: env TWZ_STORE=%t.store TWZ_PMEM=1 %t abort | FileCheck %s --check-prefix=ABORT
// RUN: env TWZ_STORE=%t.store TWZ_PMEM=1 %exit 7 %t die
// RUN: env TWZ_STORE=%t.store TWZ_PMEM=1 %t recovered | FileCheck %s --check-prefix=REC
// REC: recovered: 0 bytes differ, log idle
#include <string.h>
#include <unistd.h>

#include "check.h"

#define N 100000
#define BIG (3u << 20)

struct node {
  struct node __persistent *next;
  long v;
};

struct root {
  struct node __persistent *head;
  unsigned char __persistent *big;
};

static void report(const char *problem, void *arg) {
  (void)arg;
  printf("heap problem: %s\n", problem);
}

static twz_object *obj(void) {
  twz_object *o = twz_object_open("grow");
  if (!o) {
    CHECK_OK(o = twz_object_create("grow"));
    struct root __persistent *r = twz_malloc(o, sizeof *r);
    CHECK_OK(r);
    r->big = twz_object_alloc(o, BIG, 16);
    CHECK_OK(r->big);
    for (unsigned i = 0; i < BIG; i++)
      r->big[i] = (unsigned char)(i * 7);
    twz_object_flush(o);
    twz_object_set_root(o, r);
  }
  return o;
}

static long differ(struct root __persistent *r) {
  long d = 0;
  for (unsigned i = 0; i < BIG; i++)
    d += r->big[i] != (unsigned char)(i * 7);
  return d;
}

/* Record all of big in 64 KiB pieces and overwrite it. */
static void scribble(twz_object *o, struct root __persistent *r) {
  for (unsigned i = 0; i < BIG; i += 65536)
    CHECK_OK(twz_tx_record(o, r->big + i, 65536) == 0);
  memset((void *)(uintptr_t)r->big, 0xee, BIG);
}

int main(int argc, char **argv) {
  twz_object *o = obj();
  struct root __persistent *r = twz_object_root(o);
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "free100k")) {
    CHECK_OK(twz_tx_begin(o) == 0);
    CHECK_OK(twz_tx_record(o, &r->head, sizeof r->head) == 0);
    for (long i = 0; i < N; i++) {
      struct node __persistent *n = twz_malloc(o, sizeof *n);
      CHECK_OK(n);
      n->v = i;
      n->next = r->head;
      r->head = n;
    }
    CHECK_OK(twz_tx_commit(o) == 0);
    printf("allocated %d blocks, linked\n", N);
    uint64_t top = twz_object_header(o)->alloc_top;
    CHECK_OK(twz_tx_begin(o) == 0);
    CHECK_OK(twz_tx_record(o, &r->head, sizeof r->head) == 0);
    long n = 0;
    for (struct node __persistent *p = r->head, *next; p; p = next, n++) {
      next = p->next;
      CHECK_OK(twz_free(p) == 0);
    }
    r->head = NULL;
    CHECK_OK(twz_tx_commit(o) == 0);
    printf("freed %ld blocks in one transaction\n", n);
    struct twz_log_info li;
    twz_object_log(o, &li);
    printf("log extents %u\n", li.extents);
    if (twz_object_check(o, report, NULL) == 0)
      printf("heap check clean\n");
    long below = 0;
    CHECK_OK(twz_tx_begin(o) == 0);
    for (long i = 0; i < 1000; i++) { /* (each a flush: few) */
      struct node __persistent *p = twz_malloc(o, sizeof *p);
      CHECK_OK(p);
      below += (uintptr_t)p - twz_object_base(o) < top;
    }
    CHECK_OK(twz_tx_commit(o) == 0);
    printf("1000 blocks reused: %s\n", below == 1000 ? "all below the old top" : "NOT REUSED");
    return 0;
  }
  if (!strcmp(argv[1], "abort")) {
    CHECK_OK(twz_tx_begin(o) == 0);
    scribble(o, r);
    CHECK_OK(twz_tx_abort(o) == 0);
    printf("recorded %u bytes; aborted; %ld bytes differ\n", BIG, differ(r));
    return 0;
  }
  if (!strcmp(argv[1], "die")) {
    CHECK_OK(twz_tx_begin(o) == 0);
    scribble(o, r);
    _exit(7); /* no commit: the next process undoes it */
  }
  if (!strcmp(argv[1], "overlap")) {
    struct twz_log_info li;
    twz_object_log(o, &li);
    printf("recovered: %ld bytes differ, log %s\n", differ(r), li.state == TWZ_LOG_IDLE ? "idle" : "ACTIVE");
    uintptr_t a = (uintptr_t)twz_object_alloc(o, 16u << 20, 64) - twz_object_base(o), n = 0;
    int bad = 0;
    struct twz_log *main = (struct twz_log *)(twz_object_base(o) + li.offset);
    uint64_t chains[2] = {li.offset, main->alt}; /* main, alternate */
    for (int c = 0; c < 2; c++)
      for (uint64_t at = chains[c]; at; at = ((struct twz_log *)(twz_object_base(o) + at))->next, n++)
        bad |= a < at + ((struct twz_log *)(twz_object_base(o) + at))->size && at < a + (16u << 20);
    printf("log extents %lu, %s\n", (unsigned long)n, bad ? "AN ALLOCATION OVERLAPS ONE" : "no allocation overlaps them");
    return 0;
  }
  if (!strcmp(argv[1], "recovered")) {
    struct twz_log_info li;
    twz_object_log(o, &li);
    printf("recovered: %ld bytes differ, log %s\n", differ(r), li.state == TWZ_LOG_IDLE ? "idle" : "ACTIVE");
    return 0;
  }
  return 2;
}
