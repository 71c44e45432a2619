/*
 * unixkvs: twzkvs's design on ordinary files, as the Twizzler papers' unixkvs:
 * DIR/index holds a header page and a table of slots (mapped with mmap), each
 * a hash and an explicit location (data file, offset); DIR/data.NAME are
 * append-only files of records, written with pwrite and read through a
 * read-only mapping. Every reference is an offset turned into an address by
 * hand, and every record is laid out by hand.
 *
 * Consistency: a put appends the record and makes it durable (fdatasync),
 * advances the file's end in the header (msync), then stores the location
 * in the slot with one 8-byte store (msync). Writers hold flock on the
 * index. Records are never reused, so a value pointer stays valid while the
 * store is open; the files only grow.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "peer.h"

#define IDX_MAGIC UINT64_C(0x3153564b78696e75) /* "unixKVS1" */
#define HDR_SIZE 4096
#define RESERVE (UINT64_C(1) << 36) /* address space mapped per data file */
#define LOC(d, off) ((uint64_t)(d) << 48 | (off))
#define LOC_FILE(l) ((int)((l) >> 48))
#define LOC_OFF(l) ((l) & ((UINT64_C(1) << 48) - 1))

enum { EMPTY, LIVE, DEAD };
#define META(h, s) ((h) >> 32 << 32 | (s))
#define STATE(m) ((m) & 3)

struct hdr {
  uint64_t magic, nslots, used, ndata;
  uint64_t end[KVS_DATA_MAX]; /* bytes of records in each data file */
  char data[KVS_DATA_MAX][KVS_DATA_NAME_MAX + 1];
};
struct slot {
  uint64_t meta; /* META(hash, state) */
  uint64_t loc;  /* LOC(data file, record offset) */
};
struct rec { /* in a data file, 8-aligned */
  uint32_t klen, vlen;
  char bytes[]; /* key, NUL, value */
};

struct kvs {
  int ifd;
  struct hdr *hdr;
  struct slot *slots;
  size_t maplen;
  int dfd[KVS_DATA_MAX];
  char *dmap[KVS_DATA_MAX];
  char dir[PATH_MAX];
};

static char msg[PATH_MAX + 256];
const char *kvs_error(void) { return msg; }

__attribute__((format(printf, 2, 3))) static int fail(int err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  errno = err;
  return -1;
}

static uint64_t hash(const char *key, size_t n) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)key[i]) * UINT64_C(0x100000001b3);
  h ^= h >> 33;
  h *= UINT64_C(0xff51afd7ed558ccd);
  return h ^ h >> 33;
}

static void sync_range(const void *p, size_t len) {
  uintptr_t a = (uintptr_t)p & ~(uintptr_t)4095;
  msync((void *)a, (uintptr_t)p + len - a, MS_SYNC);
}

static char *data_map(struct kvs *k, int d) { /* map data file d on first use */
  if (!k->dmap[d]) {
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/data.%s", k->dir, k->hdr->data[d]);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    void *m = fd < 0 ? MAP_FAILED : mmap(NULL, RESERVE, PROT_READ, MAP_SHARED | MAP_NORESERVE, fd, 0);
    if (m == MAP_FAILED) {
      fail(EACCES, "cannot map %s: %s", path, strerror(errno));
      if (fd >= 0)
        close(fd);
      return NULL;
    }
    k->dfd[d] = fd;
    k->dmap[d] = m;
  }
  return k->dmap[d];
}

static int data_index(struct kvs *k, const char *dname) { /* find or add; caller holds the lock */
  struct hdr *h = k->hdr;
  for (uint64_t d = 0; d < h->ndata; d++)
    if (!strcmp(h->data[d], dname))
      return data_map(k, (int)d) ? (int)d : -1;
  size_t len = strlen(dname);
  if (h->ndata == KVS_DATA_MAX || !len || len > KVS_DATA_NAME_MAX || strchr(dname, '/'))
    return fail(EINVAL, "bad data file name '%s', or too many", dname);
  memcpy(h->data[h->ndata], dname, len + 1);
  if (!data_map(k, (int)h->ndata))
    return -1;
  h->ndata++;
  sync_range(h, sizeof *h);
  return (int)h->ndata - 1;
}

static struct kvs *map_index(const char *dir, int fd) {
  struct stat st;
  struct kvs *k = calloc(1, sizeof *k);
  if (!k || fstat(fd, &st) < 0)
    return free(k), close(fd), fail(EIO, "cannot read the index of %s", dir), NULL;
  void *m = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED)
    return free(k), close(fd), fail(EIO, "cannot map the index of %s: %s", dir, strerror(errno)), NULL;
  k->ifd = fd;
  k->hdr = m;
  k->slots = (struct slot *)((char *)m + HDR_SIZE);
  k->maplen = (size_t)st.st_size;
  snprintf(k->dir, sizeof k->dir, "%s", dir);
  return k;
}

struct kvs *kvs_create(const char *dir, uint64_t slots) {
  char path[PATH_MAX + 16];
  uint64_t n = 16;
  while (n < slots && n < (UINT64_C(1) << 25))
    n <<= 1;
  snprintf(path, sizeof path, "%s/index", dir);
  mkdir(dir, 0755);
  int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 || ftruncate(fd, (off_t)(HDR_SIZE + n * sizeof(struct slot))) < 0)
    return fail(EIO, "cannot create %s: %s", path, strerror(errno)), NULL;
  struct kvs *k = map_index(dir, fd);
  if (!k)
    return NULL;
  k->hdr->nslots = n;
  if (data_index(k, "default") < 0)
    return kvs_close(k), NULL;
  msync(k->hdr, k->maplen, MS_SYNC);
  k->hdr->magic = IDX_MAGIC; /* last: a store without it was never created */
  sync_range(k->hdr, sizeof *k->hdr);
  return k;
}

struct kvs *kvs_open(const char *dir) {
  char path[PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/index", dir);
  int fd = open(path, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return fail(ENOENT, "cannot open %s: %s", path, strerror(errno)), NULL;
  struct kvs *k = map_index(dir, fd);
  if (k && k->hdr->magic != IDX_MAGIC)
    return kvs_close(k), fail(EINVAL, "%s is not a unixkvs store", dir), NULL;
  return k;
}

void kvs_close(struct kvs *k) {
  for (int d = 0; d < KVS_DATA_MAX; d++)
    if (k->dmap[d]) {
      munmap(k->dmap[d], RESERVE);
      close(k->dfd[d]);
    }
  munmap(k->hdr, k->maplen);
  close(k->ifd);
  free(k);
}

static struct slot *probe(struct kvs *k, const char *key, size_t klen, uint64_t h, struct slot **freep,
                          const struct rec **rp) {
  uint64_t mask = k->hdr->nslots - 1;
  for (uint64_t i = h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
    struct slot *s = &k->slots[i];
    uint64_t m = __atomic_load_n(&s->meta, __ATOMIC_ACQUIRE), loc;
    if (STATE(m) != LIVE) {
      if (freep && !*freep)
        *freep = s;
      if (STATE(m) == EMPTY)
        break;
      continue;
    }
    if (m >> 32 != h >> 32)
      continue;
    loc = __atomic_load_n(&s->loc, __ATOMIC_ACQUIRE);
    char *base = data_map(k, LOC_FILE(loc));
    if (!base)
      return NULL; /* errno EACCES */
    const struct rec *r = (const struct rec *)(base + LOC_OFF(loc));
    if (r->klen == klen && !memcmp(r->bytes, key, klen)) {
      if (rp)
        *rp = r;
      return s;
    }
  }
  errno = ENOENT;
  return NULL;
}

int kvs_put_in(struct kvs *k, const char *dname, const char *key, const void *val, size_t len) {
  struct hdr *h = k->hdr;
  size_t klen = strlen(key), size = (sizeof(struct rec) + klen + 1 + len + 7) & ~(size_t)7;
  uint64_t hv = hash(key, klen);
  struct slot *s, *free_slot = NULL;
  if (!klen || klen > KVS_KEY_MAX || len > UINT32_MAX)
    return fail(EINVAL, "keys are 1 to %d bytes, values under 4 GiB", KVS_KEY_MAX);
  struct rec *r = calloc(1, size); /* the record, serialized */
  if (!r)
    return fail(ENOMEM, "out of memory");
  r->klen = (uint32_t)klen;
  r->vlen = (uint32_t)len;
  memcpy(r->bytes, key, klen + 1);
  memcpy(r->bytes + klen + 1, val, len);
  flock(k->ifd, LOCK_EX);
  int d = data_index(k, dname), rc = -1;
  if (d < 0)
    goto out;
  if (!(s = probe(k, key, klen, hv, &free_slot, NULL)) && errno == EACCES)
    goto out;
  if (!s && (!free_slot || (STATE(free_slot->meta) == EMPTY && h->used >= h->nslots / 8 * 7))) {
    fail(ENOSPC, "store %s is full", k->dir);
    goto out;
  }
  /* 1. Append the record; 2. advance the end; 3. point the slot at it. */
  uint64_t off = h->end[d];
  if (pwrite(k->dfd[d], r, size, (off_t)off) != (ssize_t)size || fdatasync(k->dfd[d]) < 0) {
    fail(EIO, "cannot write data file %s: %s", h->data[d], strerror(errno));
    goto out;
  }
  h->end[d] = off + size;
  sync_range(&h->end[d], 8);
  if (s) {
    __atomic_store_n(&s->loc, LOC(d, off), __ATOMIC_RELEASE);
  } else {
    s = free_slot;
    h->used += STATE(s->meta) == EMPTY;
    s->loc = LOC(d, off);
    __atomic_store_n(&s->meta, META(hv, LIVE), __ATOMIC_RELEASE);
  }
  sync_range(s, sizeof *s);
  rc = 0;
out:
  flock(k->ifd, LOCK_UN);
  free(r);
  return rc;
}

int kvs_put(struct kvs *k, const char *key, const void *val, size_t len) {
  return kvs_put_in(k, "default", key, val, len);
}

const void *kvs_get(struct kvs *k, const char *key, size_t *len) {
  size_t klen = strlen(key);
  const struct rec *r;
  if (!probe(k, key, klen, hash(key, klen), NULL, &r)) {
    if (errno == ENOENT)
      fail(ENOENT, "no key '%s'", key);
    return NULL;
  }
  if (len)
    *len = r->vlen;
  return r->bytes + klen + 1;
}

int kvs_del(struct kvs *k, const char *key) {
  size_t klen = strlen(key);
  flock(k->ifd, LOCK_EX);
  struct slot *s = probe(k, key, klen, hash(key, klen), NULL, NULL);
  int rc = s ? 0 : errno == ENOENT ? 1 : -1;
  if (s) {
    __atomic_store_n(&s->meta, (s->meta & ~UINT64_C(3)) | DEAD, __ATOMIC_RELEASE);
    sync_range(s, sizeof *s);
  }
  flock(k->ifd, LOCK_UN);
  return rc;
}

long kvs_iter(struct kvs *k, kvs_iter_fn *fn, void *arg, long *hidden) {
  long n = 0, hid = 0;
  for (uint64_t i = 0; i < k->hdr->nslots; i++) {
    struct slot *s = &k->slots[i];
    char *base;
    if (STATE(__atomic_load_n(&s->meta, __ATOMIC_ACQUIRE)) != LIVE)
      continue;
    uint64_t loc = __atomic_load_n(&s->loc, __ATOMIC_ACQUIRE);
    if (!(base = data_map(k, LOC_FILE(loc)))) {
      hid++;
      continue;
    }
    const struct rec *r = (const struct rec *)(base + LOC_OFF(loc));
    n++;
    if (fn && fn(r->bytes, r->bytes + r->klen + 1, r->vlen, k->hdr->data[LOC_FILE(loc)], arg))
      break;
  }
  if (hidden)
    *hidden = hid;
  return n;
}
