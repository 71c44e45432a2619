/*
 * twzmap: a persistent ordered map (a B-tree) in one twz object, written
 * with __persistent pointers and twz transactions: every insert is one
 * transaction, so a crash leaves the map before or after it. Keys are
 * strings of at most TMAP_KEY_MAX bytes, kept in order; values are copies.
 * bench/kvs/pmdkmap.c is the same B-tree on PMDK's TOID/TX API.
 */
#ifndef TWZMAP_H
#define TWZMAP_H

#include <stddef.h>
#include <twz/twz.h>

#define TMAP_KEY_MAX 31

struct tmap;
/* Create map object `name` (NULL and twz_error() on failure), or open it. */
struct tmap *tmap_create(const char *name);
struct tmap *tmap_open(const char *name);
/* Insert or replace: 0, or -1 (twz_error()). */
int tmap_put(struct tmap *m, const char *key, const void *val, size_t len);
/* The value where it lies and its length, or NULL. */
const void __persistent *tmap_get(struct tmap *m, const char *key, size_t *len);
/* fn for every pair in key order until it returns nonzero; the pairs visited. */
long tmap_iter(struct tmap *m, int (*fn)(const char *key, const void __persistent *val, size_t len,
                                         void *arg), void *arg);
void tmap_close(struct tmap *m);

#endif
