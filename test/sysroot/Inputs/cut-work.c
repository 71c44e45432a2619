/* The workload of kernel-pmem-powercut.test, on the twz kernel with
 * persistent memory: twzkvs puts (two transactions each) and counter
 * transactions on a second object, each acknowledged on the console only
 * after it committed.
 *   init       create the store "cutkvs" and the counter object "cutctr"
 *   verify     after a reboot: keys k0..k(K-1) present with their values
 *              and none after a gap, counter n with v[1..n] = 7i and the
 *              rest 0; prints "verify: keys K counter N ok" or "verify: BAD"
 *   work M     M more puts and M more counter transactions, "ack kvs I" /
 *              "ack tx N" after each commit, and after each put an object
 *              created, checked to read zero, written and deleted (so the
 *              kernel's store creates, recycles pages and deletes while the
 *              power may go); first an object "boot<K>" (K: the keys so
 *              far) whose creation a transaction then lists in the counter
 *              object, so verify can tell a created object that was lost */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <twz/twz.h>
#include <unistd.h>

#include "kvs.h"

#define MAXN 4000
#define MAXBOOTS 1000
struct ctr {
  long n;
  long v[MAXN + 2];
  long nboots; /* objects "boot<K>" created, one per work boot, K = keys then */
  long boots[MAXBOOTS];
};

static void say(const char *fmt, long a, long b) {
  char line[96];
  int n = snprintf(line, sizeof line, fmt, a, b);
  write(1, line, (size_t)n); /* unbuffered: what is acknowledged is on the console */
}

static int bad(const char *why, long a) {
  say("verify: BAD%.0ld%.0ld\n", 0, 0);
  fprintf(stderr, "verify: %s (%ld)\n", why, a);
  return 1;
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "init")) {
    twz_object *o = twz_object_create("cutctr");
    struct ctr __persistent *c = o ? twz_object_alloc(o, sizeof *c, 8) : NULL;
    if (!c || twz_object_set_root(o, c) < 0 || !kvs_create("cutkvs", 4096))
      return fprintf(stderr, "init: %s\n", twz_error()), 1;
    say("init done%.0ld%.0ld\n", 0, 0);
    return 0;
  }
  twz_object *o = twz_object_open("cutctr");
  struct kvs *k = kvs_open("cutkvs");
  if (!o || !k)
    return fprintf(stderr, "open: %s\n", o ? kvs_error() : twz_error()), 1;
  struct ctr __persistent *c = twz_object_root(o);
  char key[32], val[32];
  long keys = 0;
  for (;; keys++) {
    size_t len;
    snprintf(key, sizeof key, "k%ld", keys);
    snprintf(val, sizeof val, "v%ld", keys);
    const void __persistent *v = kvs_get(k, key, &len);
    if (!v)
      break;
    if (len != strlen(val) || memcmp((const void *)(uintptr_t)v, val, len))
      return bad("wrong value for key", keys);
  }
  for (long i = keys + 1; i < keys + 8; i++) {
    snprintf(key, sizeof key, "k%ld", i);
    size_t len;
    if (kvs_get(k, key, &len))
      return bad("a key after a missing one", i);
  }
  long n = c->n;
  if (n < 0 || n > MAXN)
    return bad("counter out of range", n);
  for (long i = 1; i <= MAXN + 1; i++)
    if (c->v[i] != (i <= n ? 7 * i : 0))
      return bad("counter array inconsistent at", i);
  if (c->nboots < 0 || c->nboots > MAXBOOTS)
    return bad("boot list out of range", c->nboots);
  for (long i = 0; i < c->nboots; i++) {
    snprintf(key, sizeof key, "boot%ld", c->boots[i]);
    twz_object *b = twz_object_open(key);
    if (!b || !twz_object_root(b) || *(long __persistent *)twz_object_root(b) != c->boots[i])
      return bad("a listed object is lost", c->boots[i]);
  }
  if (!strcmp(argv[1], "verify")) {
    say("verify: keys %ld counter %ld ok\n", keys, n);
    return 0;
  }
  long m = argc > 2 ? atol(argv[2]) : 10;
  snprintf(key, sizeof key, "boot%ld", keys);
  twz_object *b = twz_object_open(key);
  if (!b && c->nboots < MAXBOOTS) {
    long __persistent *r;
    if (!(b = twz_object_create(key)) || !(r = twz_object_alloc(b, 8, 8)))
      return fprintf(stderr, "boot object: %s\n", twz_error()), 1;
    *r = keys; /* a plain store: durable only with the flush (strict mode loses it otherwise) */
    if (twz_object_set_root(b, r) < 0 || twz_object_flush(b) < 0 || twz_tx_begin(o) < 0 ||
        twz_tx_record(o, &c->nboots, sizeof c->nboots) < 0 ||
        twz_tx_record(o, &c->boots[c->nboots], sizeof c->boots[0]) < 0)
      return fprintf(stderr, "boot object: %s\n", twz_error()), 1;
    c->boots[c->nboots] = keys;
    c->nboots++;
    if (twz_tx_commit(o) < 0)
      return fprintf(stderr, "commit: %s\n", twz_error()), 1;
  }
  for (long i = 0; i < m; i++) {
    snprintf(key, sizeof key, "k%ld", keys + i);
    snprintf(val, sizeof val, "v%ld", keys + i);
    if (kvs_put(k, key, val, strlen(val)) < 0)
      return fprintf(stderr, "put: %s\n", kvs_error()), 1;
    say("ack kvs %ld%.0ld\n", keys + i, 0);
    twz_object *s = twz_object_create(NULL);
    long __persistent *p = s ? twz_object_alloc(s, 8192, 8) : NULL;
    if (!p)
      return fprintf(stderr, "scratch: %s\n", twz_error()), 1;
    if (p[0] || p[1000])
      return bad("a new object's page is not zero", p[0] | p[1000]);
    p[0] = p[1000] = keys + i + 1;
    twz_id sid = twz_object_id(s);
    if (twz_object_delete(&sid) < 0)
      return fprintf(stderr, "scratch delete: %s\n", twz_error()), 1;
    if (n + 1 > MAXN)
      continue;
    if (twz_tx_begin(o) < 0 || twz_tx_record(o, &c->n, sizeof c->n) < 0 ||
        twz_tx_record(o, &c->v[n + 1], sizeof c->v[0]) < 0)
      return fprintf(stderr, "tx: %s\n", twz_error()), 1;
    c->v[n + 1] = 7 * (n + 1);
    c->n = ++n;
    if (twz_tx_commit(o) < 0)
      return fprintf(stderr, "commit: %s\n", twz_error()), 1;
    say("ack tx %ld%.0ld\n", n, 0);
  }
  return 0;
}
