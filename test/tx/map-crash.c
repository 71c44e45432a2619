// examples/twzmap (the persistent B-tree) survives crashes: a worker
// inserts keys in a scrambled order, one transaction each, and is killed at
// a random moment 100 times, with TWZ_TEST_VOLATILE=1 so each kill is a
// power failure (only what libtwz flushed is in the file). After each kill
// the map must hold the keys inserted so far and no other (every
// acknowledged one; the next one only if its commit was durable), in
// strictly increasing order, each with its value, and twz_object_check must
// be clean.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/../run/Inputs -I%twz-src/examples/twzmap %s %twz-src/examples/twzmap/tmap.c -o %t
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 %t init | FileCheck %s --check-prefix=INIT
// RUN: env TWZ_STORE=%t.store TWZ_TEST_VOLATILE=1 python3 %S/../run/Inputs/crash-loop.py %t 100 | FileCheck %s
// INIT: initialised
// CHECK: 100 kills, 100 recoveries consistent
// CHECK-NOT: INCONSISTENT
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "tmap.h"

static void key_of(long i, char k[32]) {
  unsigned long long x = (unsigned long long)i * 0x9e3779b97f4a7c15ull;
  snprintf(k, 32, "%016llx", x ^ x >> 29);
}
static void val_of(long i, long v[4]) {
  for (int j = 0; j < 4; j++)
    v[j] = i * 4 + j;
}

struct walk {
  char last[32];
  long n, bad;
};

static int visit(const char *key, const void __persistent *val, size_t len, void *arg) {
  struct walk *w = arg;
  (void)val;
  w->bad += (w->n && strcmp(w->last, key) >= 0) || len != 4 * sizeof(long);
  snprintf(w->last, sizeof w->last, "%s", key);
  w->n++;
  return 0;
}

static void report(const char *problem, void *arg) {
  (void)arg;
  printf("INCONSISTENT: %s\n", problem);
}

int main(int argc, char **argv) {
  struct tmap *m;
  char k[32];
  long v[4];
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "init")) {
    CHECK_OK(m = tmap_create("map"));
    printf("initialised\n");
    return 0;
  }
  CHECK_OK(m = tmap_open("map")); /* recovery happens here */
  struct walk w = {{0}, 0, 0};
  tmap_iter(m, visit, &w);
  if (!strcmp(argv[1], "run")) {
    for (long i = w.n;; i++) {
      key_of(i, k);
      val_of(i, v);
      CHECK_OK(tmap_put(m, k, v, sizeof v) == 0);
      printf("%ld\n", i + 1); /* keys acknowledged */
      fflush(stdout); /* acknowledged only once committed */
    }
  }
  long reported = argc > 2 ? atol(argv[2]) : 0, wrong = 0;
  for (long i = 0; i < w.n; i++) {
    size_t len;
    key_of(i, k);
    val_of(i, v);
    const void __persistent *p = tmap_get(m, k, &len);
    wrong += !p || len != sizeof v || memcmp((const void *)(uintptr_t)p, v, sizeof v);
  }
  key_of(w.n, k);
  wrong += tmap_get(m, k, NULL) != NULL; /* nothing past the count */
  int ok = !w.bad && !wrong && w.n >= reported;
  if (twz_object_check(twz_object_open("map"), report, NULL))
    ok = 0;
  printf("%s keys %ld reported %ld disorder %ld wrong %ld\n", ok ? "consistent" : "INCONSISTENT", w.n,
         reported, w.bad, wrong);
  return !ok;
}
