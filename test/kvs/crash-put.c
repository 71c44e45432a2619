// SIGKILL during puts and deletes loses nothing acknowledged and leaves the
// store consistent. A worker runs a fixed sequence of operations (new keys,
// overwrites that move pairs between two data objects, deletes), holding and
// releasing values as it goes, and prints the number of each operation once
// it returns; it is killed at a random moment 150 times. After each kill a
// new process opens the store (recovery) and requires it to be exactly the
// state after the last acknowledged operation, or after the one following it
// (committed but killed before it was printed): every key with the right
// value in the right data object, no other key, the index's count equal to
// its live slots, twz_object_check clean on all three objects, and no
// retired pair left once the checker lets go (its holders are all dead).
// RUN: rm -rf %t.store && %kvs-cc %s %kvs-lib -o %t
// RUN: env TWZ_STORE=%t.store %t init | FileCheck %s --check-prefix=INIT
// RUN: env TWZ_STORE=%t.store python3 %S/Inputs/kvs-crash-loop.py %t 150 | FileCheck %s
// The same with each kill standing for a power failure: TWZ_TEST_VOLATILE=1
// (docs/abi.md) writes to the files only what libtwz flushes (each put is
// one transaction over the index and a data object).
// RUN: rm -rf %t.vstore && env TWZ_STORE=%t.vstore TWZ_TEST_VOLATILE=1 %t init | FileCheck %s --check-prefix=INIT
// RUN: env TWZ_STORE=%t.vstore TWZ_TEST_VOLATILE=1 python3 %S/Inputs/kvs-crash-loop.py %t 100 | FileCheck %s --check-prefix=VOL
// VOL: 100 kills, 100 recoveries consistent
// VOL-NOT: INCONSISTENT
// INIT: created
// CHECK: 150 kills, 150 recoveries consistent
// CHECK-NOT: INCONSISTENT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvs-check.h"

#define VLEN 32

/* Operation i >= 1: what it does to which key (keys are numbered). */
enum op { PUT, OVERWRITE, DEL };
static enum op op_of(long i, long *key, const char **data) {
  if (i % 7 == 0)
    return *key = i - 5, *data = NULL, DEL;
  if (i % 5 == 0)
    return *key = i / 5, *data = i % 2 ? "odd" : "default", OVERWRITE;
  return *key = i, *data = i % 3 ? "default" : "odd", PUT;
}

static void key_name(long key, char out[24]) { snprintf(out, 24, "key%ld", key); }

static void value_of(long i, char out[VLEN]) { /* unique per operation */
  char tmp[VLEN + 1];
  snprintf(tmp, sizeof tmp, "op %08ld %020lx", i, (unsigned long)i * 2654435761u);
  memcpy(out, tmp, VLEN);
}

static int worker(long start) {
  struct kvs *k;
  CHECK(k = kvs_open("kv"));
  srand((unsigned)getpid());
  for (long i = start;; i++) {
    long key;
    const char *data;
    char name[24], val[VLEN];
    enum op op = op_of(i, &key, &data);
    key_name(key, name);
    value_of(i, val);
    if (op == DEL)
      CHECK(kvs_del(k, name) >= 0);
    else
      CHECK(kvs_put_in(k, data, name, val, VLEN) == 0);
    if (i % 4 == 0) { /* hold a value for a while: retired pairs wait for us */
      key_name(1 + rand() % i, name);
      kvs_get(k, name, NULL);
    } else if (i % 4 == 2)
      kvs_release(k);
    char line[32];
    int len = snprintf(line, sizeof line, "%ld\n", i);
    if (write(1, line, (size_t)len) != len) /* acknowledged only once it returned */
      return 1;
  }
}

/* The expected state after operations 1..n: the operation that last set
 * each key (0: absent). */
static long *expected(long n) {
  long *set = calloc((size_t)n + 2, sizeof *set);
  for (long i = 1; i <= n; i++) {
    long key;
    const char *data;
    enum op op = op_of(i, &key, &data);
    if (key >= 1)
      set[key] = op == DEL ? 0 : i;
  }
  return set;
}

static const char *data_name(long i) {
  long key;
  const char *data;
  op_of(i, &key, &data);
  return data;
}

static int visit(const char __persistent *key, const void __persistent *val, size_t len,
                 const char *data, void *arg) {
  (void)val, (void)len, (void)data, (void)key;
  ++*(long *)arg;
  return 0;
}

/* Does the store hold exactly the state after operations 1..n? */
static int matches(struct kvs *k, long n, char *why, size_t whylen) {
  long *set = expected(n), live = 0;
  for (long key = 1; key <= n; key++) {
    char name[24], val[VLEN];
    size_t len;
    key_name(key, name);
    const void __persistent *v = kvs_get(k, name, &len);
    if (!set[key]) {
      if (v || errno != ENOENT)
        return snprintf(why, whylen, "%s is present, expected absent", name), free(set), 0;
      continue;
    }
    live++;
    value_of(set[key], val);
    if (!v || len != VLEN || memcmp(KVS_PLAIN(v), val, VLEN))
      return snprintf(why, whylen, "%s: %s, expected op %ld's value", name, v ? "wrong value" : "missing",
                      set[key]), free(set), 0;
    char obj[40];
    twz_id want, got = twz_object_id(twz_object_of(v));
    snprintf(obj, sizeof obj, "kv.%s", data_name(set[key]));
    if (twz_name_resolve(obj, &want) < 0 || memcmp(&want, &got, sizeof want))
      return snprintf(why, whylen, "%s is not in %s", name, obj), free(set), 0;
  }
  long seen = 0;
  kvs_iter(k, visit, &seen, NULL);
  free(set);
  if (seen != live)
    return snprintf(why, whylen, "iteration finds %ld pairs, expected %ld", seen, live), 0;
  return 1;
}

static void report(const char *problem, void *arg) {
  printf("INCONSISTENT: %s: %s\n", (const char *)arg, problem);
}

static int check(long last) {
  struct kvs *k;
  char why[2][200];
  CHECK(k = kvs_open("kv")); /* recovery of the index happens here, of data objects on use */
  int at_last = matches(k, last, why[0], sizeof why[0]);
  int at_next = !at_last && matches(k, last + 1, why[1], sizeof why[1]);
  if (!at_last && !at_next) {
    printf("INCONSISTENT after op %ld: %s; not after op %ld either: %s\n", last, why[0], last + 1, why[1]);
    return 1;
  }
  struct kvs_stats s;
  kvs_stats(k, &s);
  uint64_t walked = 0;
  int bad = 0;
  for (int d = 0; d < s.ndata; d++)
    walked += s.data[d].pairs;
  if (s.pairs != walked || s.used < s.pairs) {
    printf("INCONSISTENT: index count %llu, live slots %llu, used %llu\n", (unsigned long long)s.pairs,
           (unsigned long long)walked, (unsigned long long)s.used);
    bad = 1;
  }
  const char *objs[] = {"kv", "kv.default", "kv.odd"};
  for (int i = 0; i < 3; i++) {
    twz_object *o = twz_object_open(objs[i]);
    if (o && twz_object_check(o, report, (void *)objs[i]))
      bad = 1;
  }
  for (int i = 0; i < 10 && s.retired; i++) { /* every holder is dead: all can go */
    kvs_release(k);
    kvs_stats(k, &s);
  }
  if (s.retired) {
    printf("INCONSISTENT: %llu retired pairs are never freed\n", (unsigned long long)s.retired);
    bad = 1;
  }
  if (bad)
    return 1;
  printf("consistent n=%ld pairs=%llu\n", at_last ? last : last + 1, (unsigned long long)s.pairs);
  kvs_close(k);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "init")) {
    struct kvs *k;
    CHECK(k = kvs_create("kv", 1 << 16));
    CHECK(kvs_put_in(k, "odd", "seed", "x", 1) == 0 && kvs_del(k, "seed") == 0); /* both data objects */
    printf("created\n");
    return 0;
  }
  if (argc > 2 && !strcmp(argv[1], "run"))
    return worker(atol(argv[2]));
  if (argc > 2 && !strcmp(argv[1], "check"))
    return check(atol(argv[2]));
  return 2;
}
