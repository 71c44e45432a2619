/* kvsbench's interface (examples/twzkvs/kvs.h) over examples/twzmap: the
 * ordered map as a KVS peer (one transaction per put, like twzkvs). */
#include <stdlib.h>

#include "../../examples/twzkvs/kvs.h"
#include "../../examples/twzmap/tmap.h"

struct kvs {
  struct tmap *m;
};

const char *kvs_error(void) { return twz_error(); }

struct kvs *kvs_create(const char *name, uint64_t slots) {
  (void)slots;
  struct kvs *k = malloc(sizeof *k);
  if (k && !(k->m = tmap_create(name)))
    free(k), k = NULL;
  return k;
}

void kvs_close(struct kvs *k) {
  tmap_close(k->m);
  free(k);
}

int kvs_put(struct kvs *k, const char *key, const void *val, size_t len) {
  return tmap_put(k->m, key, val, len);
}

int kvs_load(struct kvs *k, const char *key, const void *val, size_t len) {
  (void)k, (void)key, (void)val, (void)len;
  return -1; /* no bulk load */
}

const void __persistent *kvs_get(struct kvs *k, const char *key, size_t *len) {
  return tmap_get(k->m, key, len);
}

long kvs_iter(struct kvs *k, kvs_iter_fn *fn, void *arg, long *hidden) {
  (void)fn, (void)arg;
  if (hidden)
    *hidden = 0;
  return tmap_iter(k->m, NULL, NULL);
}
