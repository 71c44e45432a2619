/*
 * twzkvs: a key-value store kept in twz objects. An index object (a hash
 * table of __persistent pointers) points straight at key/value pairs in one
 * or more data objects; kvs_get returns a pointer to the value where it lives.
 * Nothing is serialized, and every process that opens the store by name sees
 * the same pairs. See README.md for the semantics.
 */
#ifndef TWZKVS_H
#define TWZKVS_H

#include <stddef.h>
#include <stdint.h>
#include <twz/twz.h>

#define KVS_KEY_MAX 255      /* bytes in a key (a C string) */
#define KVS_DATA_MAX 16      /* data objects per store */
#define KVS_DATA_NAME_MAX 31 /* characters in a data object's name */
#define KVS_READERS 64       /* processes holding values at once */
#define KVS_DEFAULT_SLOTS 65536

/* The plain (address space 0) view of a persistent pointer, for libc calls. */
#define KVS_PLAIN(p) ((const void *)(uintptr_t)(p))

struct kvs; /* this process's handle on a store */

/* Create the store `name` (its index object gets that name; data object D is
 * the object "name.D") with room for `slots` index slots (a power of two;
 * 7/8 of them can be used). kvs_open opens an existing store. NULL and
 * kvs_error() on failure. */
struct kvs *kvs_create(const char *name, uint64_t slots);
struct kvs *kvs_open(const char *name);
/* Release the handle and this process's hold on values (kvs_release). */
void kvs_close(struct kvs *kvs);

/* Store a copy of `val` under `key` in data object "default", or in data
 * object `data` (created on first use). A put of an existing key links a
 * new pair and retires the old one. 0, or -1 and kvs_error(). */
int kvs_put(struct kvs *kvs, const char *key, const void *val, size_t len);
int kvs_put_in(struct kvs *kvs, const char *data, const char *key, const void *val, size_t len);
/* The value of `key`, in its data object (never copied), and its length;
 * NULL if absent (errno ENOENT) or its data object cannot be opened (EACCES;
 * kvs_error() says why). The value stays valid and unchanged, whatever other
 * processes put or delete, until this process calls kvs_release or
 * kvs_close. */
const void __persistent *kvs_get(struct kvs *kvs, const char *key, size_t *len);
/* Remove `key`: 0 removed, 1 absent, -1 error. */
int kvs_del(struct kvs *kvs, const char *key);
/* Call fn for every pair (hash order) whose data object this process can
 * open; stop early if fn returns nonzero. Returns the pairs visited, or -1;
 * *hidden (if not NULL) gets the number of pairs in unopenable objects. */
typedef int kvs_iter_fn(const char __persistent *key, const void __persistent *val, size_t len,
                        const char *data, void *arg);
long kvs_iter(struct kvs *kvs, kvs_iter_fn *fn, void *arg, long *hidden);
/* Declare that this process holds no value pointers from kvs_get/kvs_iter
 * any more, so values replaced or deleted since can be freed. */
void kvs_release(struct kvs *kvs);

/* Bulk load (no undo log, no msync, no lock): put a new key, allocating its
 * pair permanently. For filling a new store from one process; an interrupted
 * load leaves the store unusable. -1 if the key exists. */
int kvs_load(struct kvs *kvs, const char *key, const void *val, size_t len);

struct kvs_stats {
  uint64_t pairs, slots, used; /* the index's pair count; slots; slots live or deleted */
  uint64_t epoch, retired;     /* replaced/deleted pairs; not yet freed */
  int readers;                 /* live processes holding values */
  int ndata;
  struct {
    char name[KVS_DATA_NAME_MAX + 1];
    uint64_t pairs; /* live slots that point into it */
    int open; /* 0: this process cannot open it */
  } data[KVS_DATA_MAX];
};
int kvs_stats(struct kvs *kvs, struct kvs_stats *st);

/* The message of this thread's last failure. */
const char *kvs_error(void);

#endif
