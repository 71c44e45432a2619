// Deferred participants (docs/abi.md "Undo log"): a participant with only
// fresh bytes in a transaction (new blocks: nothing to undo) is not flushed
// at commit; the coordinator's commit record carries its new bytes, and
// the next record carries them forward until the participant is flushed.
// TWZ_TEST_VOLATILE=1: only flushed bytes reach the files and each process
// is a boot of its own, so a process's end is a power failure;
// TWZ_TEST_WRITEBACK=0: no early write-back saves a page that was not
// flushed.
// `put K V` records index slot K and the count in the coordinator dc,
// allocates a block of 64 longs in the data object dd, fills it with V+i
// and links it from slot K.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/../run/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t init
// (The next boot finishes init's records: then no open flushes anything.)
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show cd | FileCheck %s --check-prefix=INIT
// INIT: slot 127: 0 63 at
// INIT: count 1
//
// Two puts: the first marks dd (ready, mark, commit), the second takes two
// flushes (ready, commit): a crash after a sixth flush never comes.
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 TWZ_TEST_WRITEBACK=0 TWZ_TEST_CRASH_AFTER=6 %t put2 100
// The process ended without flushing dd's blocks: the next boot writes
// them from dc's last record (which carries the first put's block too),
// whichever object it opens first.
// RUN: rm -rf %t.store2 && cp -r %t.store %t.store2
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show cd | FileCheck %s --check-prefix=TWO
// Opening dd alone first finishes its bytes as well: it opens dc, whose
// recovery writes them and clears dd's deferral mark.
// RUN: env TWZ_STORE=%t.store2 TWZ_TEST_VOLATILE=1 %t open-d | FileCheck %s --check-prefix=DD
// DD: dd alone: deferral mark set before opening, clear after
// RUN: env TWZ_STORE=%t.store2 TWZ_TEST_VOLATILE=1 %t show dc | FileCheck %s --check-prefix=TWO
// TWO: slot 0: 100 163 at
// TWO-NEXT: slot 1: 1100 1163 at
// TWO: count 3
// TWO: check clean
//
// A block flushed later by other means (a pointer bound to a name in it)
// is not overwritten by the record at the next boot: that flush made dd
// durable whole and cleared its mark first.
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 TWZ_TEST_WRITEBACK=0 %t bind 200 > %t.bind
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show dc >> %t.bind
// RUN: FileCheck %s --check-prefix=BIND < %t.bind
// BIND: bound: [[P:[0-9]+]]
// BIND: slot 2: 200 [[P]] at
// BIND-NEXT: slot 3: 1200 1263 at
// BIND: count 5
// BIND: check clean
//
// Many puts: dd's carried bytes pass the limit and dd is flushed on the way;
// every block is there after the power failure.
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 TWZ_TEST_WRITEBACK=0 %t many 300
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show dc | FileCheck %s --check-prefix=MANY
// MANY: slot 4: 300 363 at
// MANY: slot 103: 99300 99363 at
// MANY: count 105
// MANY: many: 100 of 100 blocks right
//
// The same for a store into a deferred block made durable by
// twz_object_flush of dd: the record is not written over it at the next boot.
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 TWZ_TEST_WRITEBACK=0 %t flushd 400
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t show dc | FileCheck %s --check-prefix=FLUSHD
// FLUSHD: slot 110: 4242 463 at
// FLUSHD: count 106
// MANY: check clean
//
// `twz show` says when an object's new bytes may be in a coordinator's
// record (outside the crash-test mode: the page cache keeps them, and the
// mark stays until something flushes dd).
// RUN: rm -rf %t.plain && env TWZ_STORE=%t.plain %t init
// RUN: env TWZ_STORE=%t.plain %t put2 5
// RUN: env TWZ_STORE=%t.plain twz show dd | FileCheck %s --check-prefix=SHOW
// SHOW: defer       0x{{[0-9a-f]+}} (new bytes may be in the commit record of the log's coordinator)
#include <string.h>
#include <unistd.h>

#include "check.h"

#define SLOTS 128
struct index {
  long __persistent *slot[SLOTS];
  long count;
};

static twz_object *c, *d;
static struct index __persistent *ix;

static void put(int k, long v) {
  CHECK_OK(twz_tx_begin(c) == 0);
  CHECK_OK(twz_tx_add(c, &ix->slot[k], sizeof ix->slot[k]) == 0);
  CHECK_OK(twz_tx_add(c, &ix->count, sizeof ix->count) == 0);
  CHECK_OK(twz_tx_ready() == 0);
  long __persistent *b = twz_malloc(d, 64 * sizeof *b); /* d joins: fresh bytes only */
  CHECK_OK(b);
  for (int i = 0; i < 64; i++)
    b[i] = v + i;
  ix->slot[k] = b;
  ix->count++;
  CHECK_OK(twz_tx_commit(c) == 0);
}

static void report(const char *what, void *arg) {
  (void)arg;
  printf("problem: %s\n", what);
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "init")) {
    CHECK_OK(c = twz_object_create("dc"));
    CHECK_OK(d = twz_object_create("dd"));
    CHECK_OK(ix = twz_malloc(c, sizeof *ix));
    memset((void *)ix, 0, sizeof *ix);
    twz_object_set_root(c, ix);
    put(127, 0); /* dd's heap and log, dc's chains */
    return twz_object_flush(c) || twz_object_flush(d);
  }
  if (argc > 1 && !strcmp(argv[1], "open-d")) {
    twz_id id;
    char path[4200];
    struct twz_obj_header h;
    CHECK_OK(twz_name_resolve("dd", &id) == 0);
    twz_id_format(&id, path + snprintf(path, 4096, "%s/", getenv("TWZ_STORE")));
    strcat(path, ".obj");
    FILE *f = fopen(path, "rb"); /* the header as stored, before opening */
    CHECK_OK(f && fseek(f, TWZ_META_OFFSET, SEEK_SET) == 0 && fread(&h, sizeof h, 1, f) == 1);
    fclose(f);
    CHECK_OK(d = twz_object_open("dd"));
    printf("dd alone: deferral mark %s before opening, %s after\n", h.defer ? "set" : "clear",
           twz_object_header(d)->defer ? "set" : "clear");
    return 0;
  }
  const char *order = argc > 2 && !strcmp(argv[1], "show") ? argv[2] : "cd";
  for (const char *o = order; *o; o++)
    CHECK_OK(*o == 'c' ? (c = twz_object_open("dc")) : (d = twz_object_open("dd")));
  ix = twz_object_root(c);
  long v = argc > 2 ? atol(argv[2]) : 0;
  if (!strcmp(argv[1], "put2")) {
    put(0, v);
    put(1, v + 1000);
    _exit(0); /* a power failure */
  }
  if (!strcmp(argv[1], "bind")) {
    put(2, v);
    put(3, v + 1000);
    CHECK_OK(twz_ptr_bind_name(&ix->slot[2][63], "elsewhere", 0) == 0); /* flushes it */
    printf("bound: %ld\n", ix->slot[2][63]);
    fflush(stdout);
    _exit(0);
  }
  if (!strcmp(argv[1], "flushd")) {
    put(110, v);
    ix->slot[110][0] = 4242; /* outside a transaction */
    CHECK_OK(twz_object_flush(d) == 0);
    _exit(0);
  }
  if (!strcmp(argv[1], "many")) {
    for (int k = 4; k < 104; k++)
      put(k, v + (k - 4) * 1000);
    _exit(0);
  }
  for (int k = 0; k < SLOTS; k++)
    if (ix->slot[k])
      printf("slot %d: %ld %ld at %lu\n", k, ix->slot[k][0], ix->slot[k][63],
             (unsigned long)((uintptr_t)ix->slot[k] - twz_object_base(d)));
  printf("count %ld\n", ix->count);
  if (ix->count > 10) {
    int right = 0;
    for (int k = 4; k < 104; k++) {
      int ok = ix->slot[k] != NULL;
      for (int i = 0; i < 64 && ok; i++)
        ok = ix->slot[k][i] == 300 + (k - 4) * 1000 + i;
      right += ok;
    }
    printf("many: %d of 100 blocks right\n", right);
  }
  if (twz_object_check(c, report, NULL) == 0 && twz_object_check(d, report, NULL) == 0)
    printf("check clean\n");
  return 0;
}
