// Undo-log transactions: commit keeps the changes, abort undoes every
// recorded range (including heap allocations and name changes made inside),
// nested transactions join the outer one, and misuse is a clear error.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: committed: 1 2
// CHECK-NEXT: aborted: 1 2
// CHECK-NEXT: nested commit: 10 20
// CHECK-NEXT: nested abort: 10 20
// CHECK-NEXT: heap inside aborted tx: block back on the free list: 1
// CHECK-NEXT: record outside: twz_tx_record outside a transaction
// CHECK-NEXT: commit outside: twz_tx_commit without twz_tx_begin
// CHECK-NEXT: record foreign: twz_tx_record: 0x{{[0-9a-f]+}} is not in this object
#include <stdint.h>

#include "check.h"

struct pair {
  long a, b;
};

int main(void) {
  twz_object *o, *other;
  CHECK_OK(o = twz_object_create(NULL));
  CHECK_OK(other = twz_object_create(NULL));
  struct pair __persistent *p = twz_object_alloc(o, sizeof *p, 8);

  CHECK_OK(twz_tx_begin(o) == 0);
  CHECK_OK(twz_tx_record(o, p, sizeof *p) == 0);
  p->a = 1;
  p->b = 2;
  CHECK_OK(twz_tx_commit(o) == 0);
  printf("committed: %ld %ld\n", p->a, p->b);

  CHECK_OK(twz_tx_begin(o) == 0);
  CHECK_OK(twz_tx_record(o, p, sizeof *p) == 0);
  p->a = 100;
  p->b = 200;
  CHECK_OK(twz_tx_abort(o) == 0);
  printf("aborted: %ld %ld\n", p->a, p->b);

  CHECK_OK(twz_tx_begin(o) == 0);
  CHECK_OK(twz_tx_record(o, &p->a, sizeof p->a) == 0);
  p->a = 10;
  CHECK_OK(twz_tx_begin(o) == 0); /* joins */
  CHECK_OK(twz_tx_record(o, &p->b, sizeof p->b) == 0);
  p->b = 20;
  CHECK_OK(twz_tx_commit(o) == 0);
  CHECK_OK(twz_tx_commit(o) == 0);
  printf("nested commit: %ld %ld\n", p->a, p->b);

  CHECK_OK(twz_tx_begin(o) == 0);
  CHECK_OK(twz_tx_record(o, p, sizeof *p) == 0);
  p->a = -1;
  CHECK_OK(twz_tx_begin(o) == 0);
  CHECK_OK(twz_tx_record(o, &p->b, sizeof p->b) == 0);
  p->b = -2;
  CHECK_OK(twz_tx_abort(o) == 0); /* aborts the whole transaction */
  printf("nested abort: %ld %ld\n", p->a, p->b);

  long __persistent *x = twz_malloc(o, 8);
  CHECK_OK(twz_free(x) == 0);
  CHECK_OK(twz_tx_begin(o) == 0);
  long __persistent *y = twz_malloc(o, 8); /* takes x's block off the free list */
  CHECK_OK(twz_tx_abort(o) == 0);
  long __persistent *z = twz_malloc(o, 8); /* so it must be there again */
  printf("heap inside aborted tx: block back on the free list: %d\n", x == y && y == z);

  if (twz_tx_record(o, p, 8) < 0)
    printf("record outside: %s\n", twz_error());
  if (twz_tx_commit(o) < 0)
    printf("commit outside: %s\n", twz_error());
  CHECK_OK(twz_tx_begin(o) == 0);
  long __persistent *q = twz_object_alloc(other, 8, 8);
  if (twz_tx_record(o, q, 8) < 0)
    printf("record foreign: %s\n", twz_error());
  twz_tx_commit(o);
  return 0;
}
