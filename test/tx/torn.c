// A torn batch is recognised by its checksums. A process records a[0] and
// changes it, then adds a[1..3] in one batch and makes it durable, then
// dies before changing them; the test then tears a[2]'s record as a crash
// during the batch's flush could (one byte of its saved old value changes)
// and forges a[3]'s record after it (old value 55, checksum recomputed).
// Recovery must restore a[0], apply the records before the torn one and
// none from the torn one on: a = {1, 2, 3, 4}. Without the checksum check
// a[2] becomes 99; without stopping at the torn record a[3] becomes 55.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/../run/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t init
// RUN: env TWZ_STORE=%t.store %exit 7 %t crash
// RUN: env TWZ_STORE=%t.store %t show | FileCheck %s
// CHECK: a = 1 2 3 4, log idle
#include <string.h>
#include <unistd.h>

#include "check.h"

static struct twz_log_record *find(twz_object *o, const void __persistent *p) {
  uintptr_t base = twz_object_base(o);
  struct twz_log *log = (struct twz_log *)(base + twz_object_header(o)->log);
  /* odd txids: the alternate chain */
  char *at = (char *)(base + ((log->txid & 1) && log->alt ? log->alt : twz_object_header(o)->log)) +
             sizeof *log;
  for (;;) {
    struct twz_log_record *r = (struct twz_log_record *)at;
    if (r->txid != log->txid)
      return NULL;
    if (r->offset == (uintptr_t)p - base)
      return r;
    at += sizeof *r + ((r->len + 7) & ~7ull);
  }
}

int main(int argc, char **argv) {
  twz_object *o;
  long __persistent *a;
  if (argc > 1 && !strcmp(argv[1], "init")) {
    CHECK_OK(o = twz_object_create("torn"));
    CHECK_OK(a = twz_malloc(o, 4 * sizeof *a));
    for (int i = 0; i < 4; i++)
      a[i] = i + 1;
    twz_object_set_root(o, a);
    return twz_object_flush(o);
  }
  CHECK_OK(o = twz_object_open("torn"));
  a = twz_object_root(o);
  if (argc > 1 && !strcmp(argv[1], "crash")) {
    CHECK_OK(twz_tx_begin(o) == 0);
    CHECK_OK(twz_tx_record(o, &a[0], sizeof *a) == 0);
    a[0] = 10;
    for (int i = 1; i < 4; i++)
      CHECK_OK(twz_tx_add(o, &a[i], sizeof *a) == 0);
    CHECK_OK(twz_tx_ready() == 0);
    struct twz_log_record *r2 = find(o, &a[2]), *r3 = find(o, &a[3]);
    CHECK_OK(r2 && r3);
    ((unsigned char *)(r2 + 1))[0] ^= 0x60; /* 3 -> 99: torn */
    *(long *)(r3 + 1) = 55;                /* forged, with a valid checksum */
    r3->check = 0;
    r3->check = twz_log_checksum((const uint64_t *)r3, (sizeof *r3 + 8) / 8);
    _exit(7);
  }
  struct twz_log_info li;
  twz_object_log(o, &li);
  printf("a = %ld %ld %ld %ld, log %s\n", a[0], a[1], a[2], a[3], li.state == TWZ_LOG_IDLE ? "idle" : "ACTIVE");
  return 0;
}
