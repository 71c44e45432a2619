/*
 * The interface of the KVS peers of twzkvs (unixkvs.c, pmdkkvs.c, rawkvs.c):
 * the calls of examples/twzkvs/kvs.h, with ordinary pointers where twzkvs
 * has __persistent ones. `path` is a directory (unixkvs, pmdkkvs) and is
 * ignored by rawkvs, which lives in the process's memory.
 */
#ifndef KVS_PEER_H
#define KVS_PEER_H

#include <stddef.h>
#include <stdint.h>

#define KVS_KEY_MAX 255
#define KVS_DATA_MAX 16
#define KVS_DATA_NAME_MAX 31

struct kvs;
struct kvs *kvs_create(const char *path, uint64_t slots);
struct kvs *kvs_open(const char *path);
void kvs_close(struct kvs *kvs);
int kvs_put(struct kvs *kvs, const char *key, const void *val, size_t len);
int kvs_put_in(struct kvs *kvs, const char *data, const char *key, const void *val, size_t len);
const void *kvs_get(struct kvs *kvs, const char *key, size_t *len);
int kvs_del(struct kvs *kvs, const char *key); /* 0 removed, 1 absent, -1 error */
typedef int kvs_iter_fn(const char *key, const void *val, size_t len, const char *data, void *arg);
long kvs_iter(struct kvs *kvs, kvs_iter_fn *fn, void *arg, long *hidden);
const char *kvs_error(void);

#endif
