/*
 * twzkvs: command-line access to a store in $TWZ_STORE (README.md).
 *   twzkvs [-k KVS] create [SLOTS] | put KEY VALUE [DATA] | get KEY | del KEY | list | stats
 * Exit status: 0 success, 1 failure (missing key, store, access...), 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kvs.h"

static int usage(void) {
  fprintf(stderr, "usage: twzkvs [-k KVS] COMMAND\n"
                  "  create [SLOTS]         create the store (put creates it too)\n"
                  "  put KEY VALUE [DATA]   store VALUE under KEY, in data object DATA (default)\n"
                  "  get KEY                print the value of KEY\n"
                  "  del KEY                delete KEY\n"
                  "  list                   print KEY<tab>VALUE<tab>DATA for every pair\n"
                  "  stats                  print counts per data object\n"
                  "The store is the twz object KVS (default: twzkvs) in $TWZ_STORE.\n");
  return 2;
}

/* Errors come after the output printed before them, whatever the C
 * library's buffering of stdout (glibc and musl differ when it is no tty). */
static int die(const char *what) {
  fflush(stdout);
  fprintf(stderr, "twzkvs: %s\n", what);
  return 1;
}

static int print_pair(const char __persistent *key, const void __persistent *val, size_t len,
                      const char *data, void *arg) {
  (void)arg;
  printf("%s\t%.*s\t%s\n", (const char *)KVS_PLAIN(key), (int)len, (const char *)KVS_PLAIN(val), data);
  return 0;
}

int main(int argc, char **argv) {
  const char *name = "twzkvs";
  int a = 1;
  if (argc > 2 && !strcmp(argv[1], "-k"))
    name = argv[2], a = 3;
  if (a >= argc)
    return usage();
  const char *cmd = argv[a], *arg1 = a + 1 < argc ? argv[a + 1] : NULL;
  int nargs = argc - a - 1;
  if (!strcmp(cmd, "create") && nargs <= 1) {
    struct kvs *k = kvs_create(name, arg1 ? strtoull(arg1, NULL, 0) : KVS_DEFAULT_SLOTS);
    return k ? (kvs_close(k), 0) : die(kvs_error());
  }
  int known = (!strcmp(cmd, "put") && (nargs == 2 || nargs == 3)) ||
              ((!strcmp(cmd, "get") || !strcmp(cmd, "del")) && nargs == 1) ||
              ((!strcmp(cmd, "list") || !strcmp(cmd, "stats")) && nargs == 0);
  if (!known)
    return usage();
  struct kvs *k = kvs_open(name);
  if (!k && !strcmp(cmd, "put") && errno == ENOENT)
    k = kvs_create(name, KVS_DEFAULT_SLOTS);
  if (!k)
    return die(kvs_error());
  int rc = 0;
  if (!strcmp(cmd, "put")) {
    const char *val = argv[a + 2];
    if (kvs_put_in(k, nargs == 3 ? argv[a + 3] : "default", arg1, val, strlen(val)) < 0)
      rc = die(kvs_error());
  } else if (!strcmp(cmd, "get")) {
    size_t len;
    const void __persistent *v = kvs_get(k, arg1, &len);
    if (!v)
      rc = die(kvs_error());
    else
      printf("%.*s\n", (int)len, (const char *)KVS_PLAIN(v));
  } else if (!strcmp(cmd, "del")) {
    int r = kvs_del(k, arg1);
    if (r)
      rc = r > 0 ? (fprintf(stderr, "twzkvs: no key '%s'\n", arg1), 1) : die(kvs_error());
  } else if (!strcmp(cmd, "list")) {
    long hidden;
    if (kvs_iter(k, print_pair, NULL, &hidden) < 0)
      rc = die(kvs_error());
    else if (hidden)
      fflush(stdout),
          fprintf(stderr, "twzkvs: %ld pairs are in data objects this process cannot open\n", hidden),
          rc = 1;
  } else {
    struct kvs_stats s;
    kvs_stats(k, &s);
    printf("store %s: %llu pairs, %llu slots (%llu used), %llu retired, %d readers\n", name,
           (unsigned long long)s.pairs, (unsigned long long)s.slots, (unsigned long long)s.used,
           (unsigned long long)s.retired, s.readers);
    for (int d = 0; d < s.ndata; d++)
      printf("data %s: %llu pairs%s\n", s.data[d].name, (unsigned long long)s.data[d].pairs,
             s.data[d].open ? "" : " (cannot open)");
  }
  kvs_close(k);
  return rc;
}
