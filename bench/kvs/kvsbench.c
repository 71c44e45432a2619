/*
 * kvsbench: insert and lookup latency of one KVS (bench/kvs/run.py runs all).
 * Built once per KVS with exactly one of KVS_TWZ (examples/twzkvs, twz-clang)
 * or KVS_PEER (peer.h: unixkvs.c, pmdkkvs.c, rawkvs.c).
 *
 *   kvsbench N [load]
 *
 * Creates a store with 2N slots rounded up to a power of two (twz: the KVS
 * "bench" in $TWZ_STORE; others: the directory $KVS_DIR), times N puts of
 * 16-byte keys with 32-byte values (`load`: twzkvs's kvs_load instead), then
 * times gets of every key in a shuffled order, repeated until at least
 * $KVS_LOOKUPS (default 2,000,000) gets are done, and checks every value.
 * Prints one line: n= insert_ns= lookup_ns= lookups= check=
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(KVS_TWZ)
#include "../../examples/twzkvs/kvs.h"
#define VALUE(p) KVS_PLAIN(p)
#elif defined(KVS_PEER)
#include "peer.h"
#define VALUE(p) (p)
#else
#error "define KVS_TWZ or KVS_PEER"
#endif

#define KEYLEN 16
#define VALLEN 32

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static uint64_t mix(uint64_t x) { /* splitmix64: distinct keys in a random-looking order */
  x += UINT64_C(0x9e3779b97f4a7c15);
  x = (x ^ x >> 30) * UINT64_C(0xbf58476d1ce4e5b9);
  x = (x ^ x >> 27) * UINT64_C(0x94d049bb133111eb);
  return x ^ x >> 31;
}

static void value_of(long i, char v[VALLEN]) {
  char tmp[VALLEN + 1];
  snprintf(tmp, sizeof tmp, "value-%010ld-%015llx", i, (unsigned long long)mix(~(uint64_t)i));
  memcpy(v, tmp, VALLEN);
}

static _Noreturn void die(const char *what) {
  fprintf(stderr, "kvsbench: %s: %s\n", what, kvs_error());
  exit(1);
}

int main(int argc, char **argv) {
  if (argc < 2)
    return fprintf(stderr, "usage: kvsbench N [load]\n"), 2;
  long n = atol(argv[1]), lookups = getenv("KVS_LOOKUPS") ? atol(getenv("KVS_LOOKUPS")) : 2000000;
  int load = argc > 2 && !strcmp(argv[2], "load");
  char *keys = malloc((size_t)n * (KEYLEN + 1)), *vals = malloc((size_t)n * VALLEN), val[VALLEN];
  unsigned *order = malloc((size_t)n * sizeof *order);
  for (long i = 0; i < n; i++) { /* made before timing: the timed loops only call the KVS */
    snprintf(keys + i * (KEYLEN + 1), KEYLEN + 1, "%016llx", (unsigned long long)mix((uint64_t)i));
    value_of(i, vals + i * VALLEN);
    order[i] = (unsigned)i;
  }
  srand(42);
  for (long i = n - 1; i > 0; i--) { /* the lookup order */
    long j = (long)(((uint64_t)rand() << 31 | (uint64_t)rand()) % (uint64_t)(i + 1));
    unsigned t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  uint64_t slots = 16;
  while (slots < 2 * (uint64_t)n)
    slots <<= 1;
#ifdef KVS_TWZ
  struct kvs *k = kvs_create("bench", slots);
#else
  const char *dir = getenv("KVS_DIR");
  struct kvs *k = kvs_create(dir ? dir : "kvsbench.store", slots);
#endif
  if (!k)
    die("create");

  double t0 = now_ns();
  for (long i = 0; i < n; i++) {
    const char *key = keys + i * (KEYLEN + 1), *v = vals + i * VALLEN;
#ifdef KVS_TWZ
    if ((load ? kvs_load(k, key, v, VALLEN) : kvs_put(k, key, v, VALLEN)) < 0)
#else
    if (load || kvs_put(k, key, v, VALLEN) < 0)
#endif
      die("put");
  }
  double t1 = now_ns();

  long passes = (lookups + n - 1) / n;
  uint64_t sum = 0;
  double t2 = now_ns();
  for (long p = 0; p < passes; p++)
    for (long i = 0; i < n; i++) {
      size_t len;
      uint64_t first;
      const char *v = VALUE(kvs_get(k, keys + order[i] * (KEYLEN + 1), &len));
      memcpy(&first, v, sizeof first); /* use the value in place */
      sum += first + len;
    }
  double t3 = now_ns();

  uint64_t check = 0;
  for (long i = 0; i < n; i++) { /* untimed: every value is right */
    size_t len = 0;
    const char *v = VALUE(kvs_get(k, keys + i * (KEYLEN + 1), &len));
    value_of(i, val);
    if (!v || len != VALLEN || memcmp(v, val, VALLEN))
      return fprintf(stderr, "kvsbench: wrong value for key %ld\n", i), 1;
    check = check * 31 + (unsigned char)v[VALLEN - 1];
  }
  if (kvs_iter(k, NULL, NULL, NULL) != n)
    return fprintf(stderr, "kvsbench: iteration does not find %ld pairs\n", n), 1;
  kvs_close(k);
  printf("n=%ld insert_ns=%.1f lookup_ns=%.2f lookups=%ld check=%016llx sum=%llu\n", n, (t1 - t0) / n,
         (t3 - t2) / ((double)passes * n), passes * n, (unsigned long long)check, (unsigned long long)sum);
  return 0;
}
