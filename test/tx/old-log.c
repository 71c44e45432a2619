// An object whose idle undo log is in the first format (before transactions
// v2: a 32-byte header {state, used, owner, reserved}, all zero when idle,
// then old records) still opens, and its log is converted on the next
// transaction (docs/abi.md "Undo log"): the main chain's extent, and the
// alternate chain's that the first commit record needs. The old records
// where `alt` now is are not taken for an alternate chain.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/../run/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t make
// RUN: env TWZ_STORE=%t.store %t use | FileCheck %s
// CHECK: opened; value 2; log idle, 2 extent, magic TWZLOG2
#include <string.h>

#include "check.h"

int main(int argc, char **argv) {
  twz_object *o;
  long __persistent *v;
  if (argc > 1 && !strcmp(argv[1], "make")) {
    CHECK_OK(o = twz_object_create("old"));
    CHECK_OK(v = twz_malloc(o, sizeof *v));
    twz_object_set_root(o, v);
    CHECK_OK(twz_tx_begin(o) == 0 && twz_tx_record(o, v, sizeof *v) == 0);
    *v = 1;
    CHECK_OK(twz_tx_commit(o) == 0);
    /* Rewrite the log header as the first format left an idle log. */
    uint64_t *h = (uint64_t *)(twz_object_base(o) + twz_object_header(o)->log);
    memset(h, 0, 32);
    h[4] = 0x1008, h[5] = 8, h[6] = 0x1234; /* an old record after it */
    return twz_object_flush(o);
  }
  CHECK_OK(o = twz_object_open("old"));
  v = twz_object_root(o);
  CHECK_OK(twz_tx_begin(o) == 0 && twz_tx_record(o, v, sizeof *v) == 0);
  *v = 2;
  CHECK_OK(twz_tx_commit(o) == 0);
  struct twz_log_info li;
  twz_object_log(o, &li);
  const struct twz_log *log = (const struct twz_log *)(twz_object_base(o) + li.offset);
  printf("opened; value %ld; log %s, %u extent, magic %s\n", *v, li.state == TWZ_LOG_IDLE ? "idle" : "ACTIVE",
         li.extents, log->magic == TWZ_LOG_MAGIC ? "TWZLOG2" : "WRONG");
  return 0;
}
