// Commit records (docs/abi.md "Undo log"): a transaction commits with one
// flush of its new bytes and a record that carries them, so a crash that
// tears that flush is finished from the record. TWZ_TEST_VOLATILE=1: only
// flushed bytes reach the file and each process counts as a boot of its
// own; TWZ_TEST_CRASH_AFTER=N with TWZ_TEST_CRASH_PARTIAL tears the Nth
// flush (log: only the log's ranges land; data: only the others; late: of
// the log's ranges only the pages after the first) and ends the process.
// The transaction `t1 V` records a[0..7] and a[1024..1535] (two records,
// the second over a page boundary of the log), ready (flush 1), sets
// a[i] = V + i and commits (flush 2).
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/../run/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t init
// (The next boot finishes the name's transaction in the namespace object,
// which no later flush of init's retired: then no open flushes anything.)
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show | FileCheck %s --check-prefix=V0
// V0: a = 0 1 1024 1535, log idle
//
// Two flushes in all: a crash after a third never comes.
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 TWZ_TEST_CRASH_AFTER=3 %t t1 100
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show | FileCheck %s --check-prefix=V100
// V100: a = 100 101 1124 1635, log idle
//
// Only the record landed: the next boot writes the new bytes again.
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 TWZ_TEST_CRASH_AFTER=2 TWZ_TEST_CRASH_PARTIAL=log %exit 99 %t t1 200
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show | FileCheck %s --check-prefix=V200
// V200: a = 200 201 1224 1735, log idle
//
// Only the new bytes landed, not the record: not committed, undone.
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 TWZ_TEST_CRASH_AFTER=2 TWZ_TEST_CRASH_PARTIAL=data %exit 99 %t t1 300
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show | FileCheck %s --check-prefix=V200
//
// A committed transaction, then the next one's first batch is torn: its
// records' later pages land, its txid does not. The committed one's records
// are in the other chain, intact: its bytes stay (with one chain the torn
// batch would break its second record, and recovery would undo its first).
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 TWZ_TEST_CRASH_AFTER=3 TWZ_TEST_CRASH_PARTIAL=late %exit 99 %t t1t2 400
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show | FileCheck %s --check-prefix=V400
// V400: a = 400 401 1424 1935, log idle
//
// Bytes made durable after the commit, outside a transaction (a pointer
// bound to a name, a[0]), are not overwritten by the commit record at the
// next boot: that flush retires the committed transaction first.
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t settle 500 > %t.settle
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show >> %t.settle
// RUN: FileCheck %s --check-prefix=SETTLE < %t.settle
// SETTLE: a[0] bound: [[P:[0-9]+]]
// SETTLE: a = [[P]] 501 1524 2035, log idle
//
// In the boot that wrote it the record is not written again (the page cache
// holds every byte it stored): a process that died between its commit and
// marking the log committed leaves it active, and a later store that was
// never flushed survives recovery.
// RUN: env TWZ_STORE=%t.store %t unmarked 600
// RUN: env TWZ_STORE=%t.store %t show | FileCheck %s --check-prefix=SAME
// SAME: a = 77 601 1624 2135, log idle
#include <string.h>
#include <unistd.h>

#include "check.h"

#define N 2048

static void t1(twz_object *o, long __persistent *a, long v) {
  CHECK_OK(twz_tx_begin(o) == 0);
  CHECK_OK(twz_tx_add(o, &a[0], 8 * sizeof *a) == 0);
  CHECK_OK(twz_tx_add(o, &a[1024], 512 * sizeof *a) == 0);
  CHECK_OK(twz_tx_ready() == 0);
  for (int i = 0; i < 8; i++)
    a[i] = v + i;
  for (int i = 1024; i < 1536; i++)
    a[i] = v + i;
  CHECK_OK(twz_tx_commit(o) == 0);
}

int main(int argc, char **argv) {
  twz_object *o;
  long __persistent *a;
  if (argc > 1 && !strcmp(argv[1], "init")) {
    CHECK_OK(o = twz_object_create("cr"));
    CHECK_OK(a = twz_malloc(o, N * sizeof *a));
    for (int i = 0; i < N; i++)
      a[i] = i;
    twz_object_set_root(o, a);
    t1(o, a, 0); /* the log and both chains exist from here on */
    return twz_object_flush(o);
  }
  CHECK_OK(o = twz_object_open("cr"));
  a = twz_object_root(o);
  long v = argc > 2 ? atol(argv[2]) : 0;
  if (argc > 1 && !strcmp(argv[1], "t1")) {
    t1(o, a, v);
    return 0;
  }
  if (argc > 1 && !strcmp(argv[1], "t1t2")) {
    t1(o, a, v);
    CHECK_OK(twz_tx_begin(o) == 0);
    CHECK_OK(twz_tx_add(o, &a[0], 8 * sizeof *a) == 0);
    CHECK_OK(twz_tx_add(o, &a[1024], 512 * sizeof *a) == 0);
    twz_tx_ready(); /* torn: the process ends in it */
    return 1;
  }
  if (argc > 1 && !strcmp(argv[1], "settle")) {
    t1(o, a, v);
    CHECK_OK(twz_ptr_bind_name(&a[0], "elsewhere", 0) == 0); /* stores and flushes a[0] */
    printf("a[0] bound: %ld\n", a[0]);
    fflush(stdout);
    _exit(0); /* a power failure: nothing else reaches the file */
  }
  if (argc > 1 && !strcmp(argv[1], "unmarked")) {
    t1(o, a, v);
    struct twz_log *log = (struct twz_log *)(twz_object_base(o) + twz_object_header(o)->log);
    log->txid &= ~TWZ_LOG_COMMITTED; /* as if it died before marking it */
    a[0] = 77;                       /* in the page cache, never flushed */
    _exit(0);
  }
  struct twz_log_info li;
  twz_object_log(o, &li);
  printf("a = %ld %ld %ld %ld, log %s\n", a[0], a[1], a[1024], a[1535],
         li.state == TWZ_LOG_IDLE ? "idle" : "ACTIVE");
  return 0;
}
