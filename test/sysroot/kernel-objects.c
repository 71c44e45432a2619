// REQUIRES: twz-kernel
// libtwz's native back end on the twz kernel, call by call: immutable
// objects (same bytes, same object: the second creator finds the first's),
// copies (new ID, same data, pointers still valid), delete (the object
// cannot be opened again), names,
// transactions and the heap, flush (a no-op: memory objects), an object
// whose creator never published it, and a lock left by a program that
// exited mid-transaction (the next program takes it over and rolls back).
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t recover" %t api | FileCheck %s --implicit-check-not=compat: --implicit-check-not=fault
// CHECK: immutable: same handle 1, same id 1, readonly 1, bytes abc
// CHECK-NEXT: immutable id = blake2b: 1
// CHECK-NEXT: copy: new id 1, value 41, next -> 7 in the original's target
// CHECK-NEXT: check: 0 problems
// CHECK-NEXT: delete: 0, reopen: gone
// CHECK-NEXT: delete again: cannot delete object {{[0-9a-f]+}}: no such object
// CHECK-NEXT: names: 3 bound, resolve copy: 0
// CHECK-NEXT: tx: abort restores 5, commit keeps 6
// CHECK-NEXT: heap: free 0, double free -1, reuse 1
// CHECK-NEXT: flush: 0
// CHECK-NEXT: unpublished: object 0000000000000000000000000000beef is incomplete: its creator has not finished writing it (or died while creating it)
// CHECK-NEXT: missing: cannot open object 0000000000000000000000000000dead: no such object
// CHECK-NEXT: left a transaction open, exiting
// CHECK-NEXT: recover: value 5 (was 99 when the owner exited), lock free 1
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <twz/abi.h>
#include <twz/syscall.h>
#include <twz/twz.h>
#include <unistd.h>

struct cell {
  long v;
  struct cell __persistent *next;
};

static int names;
static void count(const char *n, const twz_id *id, void *a) {
  (void)n, (void)id, (void)a;
  names++;
}

static long raw_syscall(long n, long a, long b) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
  return r;
}

static int api(void) {
  /* Immutable: content-addressed; the second create finds the object. */
  twz_object *i1 = twz_object_create_immutable("imm", "abc", 4);
  twz_object *i2 = twz_object_create_immutable(NULL, "abc", 4);
  if (!i1 || !i2)
    return fprintf(stderr, "immutable: %s\n", twz_error()), 1;
  twz_id a = twz_object_id(i1), b = twz_object_id(i2);
  printf("immutable: same handle %d, same id %d, readonly %d, bytes %s\n", i1 == i2,
         !memcmp(&a, &b, sizeof a), twz_object_immutable(i1),
         (const char *)(twz_object_base(i1) + TWZ_DATA_START));
  unsigned char h[16];
  crypto_generichash(h, sizeof h, (const unsigned char *)"abc", 4, NULL, 0);
  printf("immutable id = blake2b: %d\n", !memcmp(h, a.b, 16));

  /* Copy: a cell pointing into another object; the copy's pointer still leads there. */
  twz_object *o = twz_object_create("orig"), *t = twz_object_create(NULL);
  struct cell __persistent *c = twz_object_alloc(o, sizeof *c, 8);
  struct cell __persistent *d = twz_object_alloc(t, sizeof *d, 8);
  d->v = 7;
  c->v = 41;
  c->next = d;
  twz_object_set_root(o, c);
  twz_object *cp = twz_object_copy(o, "copy");
  if (!cp)
    return fprintf(stderr, "copy: %s\n", twz_error()), 1;
  twz_id oid = twz_object_id(o), cid = twz_object_id(cp);
  struct cell __persistent *cc = twz_object_root(cp);
  printf("copy: new id %d, value %ld, next -> %ld in the original's target\n",
         memcmp(&oid, &cid, sizeof oid) != 0, cc->v, cc->next->v);
  printf("check: %d problems\n", twz_object_check(cp, NULL, NULL));

  /* Delete: gone from the kernel; this process's mapping stays usable. */
  twz_id tid = twz_object_id(t);
  printf("delete: %d, reopen: %s\n", twz_object_delete(&tid),
         twz_object_open_id(&tid) == NULL ? "gone" : "same handle");
  if (twz_object_delete(&tid) < 0)
    printf("delete again: %s\n", twz_error());
  twz_id r;
  int rc = twz_name_resolve("copy", &r);
  printf("names: %d bound, resolve copy: %d\n", twz_name_list(count, NULL), rc);

  /* Transactions and heap. */
  long __persistent *x = twz_malloc(o, sizeof *x);
  *x = 5;
  twz_tx_begin(o);
  twz_tx_record(o, x, sizeof *x);
  *x = 99;
  twz_tx_abort(o);
  long aborted = *x;
  twz_tx_begin(o);
  twz_tx_record(o, x, sizeof *x);
  *x = 6;
  twz_tx_commit(o);
  printf("tx: abort restores %ld, commit keeps %ld\n", aborted, *x);
  int f1 = twz_free(x), f2 = twz_free(x);
  long __persistent *y = twz_malloc(o, sizeof *y);
  printf("heap: free %d, double free %d, reuse %d\n", f1, f2, y == x);
  printf("flush: %d\n", twz_object_flush(o));

  /* An object the kernel has but whose creator never wrote the header. */
  twz_id beef = {{0}};
  beef.b[14] = 0xbe, beef.b[15] = 0xef;
  raw_syscall(TWZ_SYS_OBJ_CREATE, (long)beef.b, TWZ_OC_FIXED_ID);
  if (!twz_object_open_id(&beef))
    printf("unpublished: %s\n", twz_error());
  twz_id dead = {{0}};
  dead.b[14] = 0xde, dead.b[15] = 0xad;
  if (!twz_object_open_id(&dead))
    printf("missing: %s\n", twz_error());

  /* Leave a transaction open on a named object and exit. */
  twz_object *l = twz_object_create("locked");
  long __persistent *v = twz_object_alloc(l, sizeof *v, 8);
  *v = 5;
  twz_object_set_root(l, v);
  twz_tx_begin(l);
  twz_tx_record(l, v, sizeof *v);
  *v = 99;
  printf("left a transaction open, exiting\n");
  return 0;
}

static int recover(void) {
  twz_object *l = twz_object_open("locked"); /* takes the dead owner's lock, rolls back */
  if (!l)
    return fprintf(stderr, "recover: %s\n", twz_error()), 1;
  long __persistent *v = twz_object_root(l);
  printf("recover: value %ld (was 99 when the owner exited), lock free %d\n", *v,
         twz_object_header(l)->lock == 0);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "api"))
    return api();
  if (argc > 1 && !strcmp(argv[1], "recover"))
    return recover();
  return 2;
}
