/*
 * Hosted back end (backend.h): objects are files in a store directory,
 * <store>/<id>.obj, each a sparse file of exactly one slot (only the bytes
 * written take disk space). New objects are built under a temporary name
 * and published with link(), which never replaces an existing file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../backend.h"
#include "../error.h"
#include "../object.h"
#include "hosted.h"

const char *twz_store_path(void) {
  const char *s = getenv("TWZ_STORE");
  return s && *s ? s : "./twz-store";
}

static int ensure_dir(const char *path) {
  if (mkdir(path, 0755) == 0 || errno == EEXIST)
    return 0;
  return twz_set_error("cannot create store directory %s: %s", path, strerror(errno));
}

static int store_ensure(void) { return ensure_dir(twz_store_path()); }

int twz_store_object_path(const twz_id *id, char *buf, size_t len) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  if ((size_t)snprintf(buf, len, "%s/%s.obj", twz_store_path(), hex) >= len)
    return twz_set_error("store path %s is too long", twz_store_path());
  return 0;
}

bool twz_store_has(const twz_id *id) {
  char path[4096];
  struct stat st;
  return twz_store_object_path(id, path, sizeof path) == 0 && stat(path, &st) == 0;
}

static int cmp_ids(const void *a, const void *b) { return memcmp(a, b, sizeof(twz_id)); }

int twz_store_list(twz_id **ids, size_t *n) {
  const char *store = twz_store_path();
  DIR *d = opendir(store);
  *ids = NULL;
  *n = 0;
  if (!d)
    return twz_set_error("cannot read store %s: %s", store, strerror(errno));
  size_t cap = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    /* Exactly <32 hex digits>.obj: not the creators' temporary files. */
    char hex[TWZ_ID_STRLEN + 1];
    twz_id id;
    if (strlen(de->d_name) != TWZ_ID_STRLEN + 4 || strcmp(de->d_name + TWZ_ID_STRLEN, ".obj"))
      continue;
    memcpy(hex, de->d_name, TWZ_ID_STRLEN);
    hex[TWZ_ID_STRLEN] = 0;
    if (twz_id_parse(hex, &id) < 0)
      continue;
    if (*n == cap) {
      cap = cap ? 2 * cap : 64;
      twz_id *v = realloc(*ids, cap * sizeof *v);
      if (!v) {
        closedir(d);
        free(*ids);
        *ids = NULL;
        *n = 0;
        return twz_set_error("out of memory");
      }
      *ids = v;
    }
    (*ids)[(*n)++] = id;
  }
  closedir(d);
  if (*n)
    qsort(*ids, *n, sizeof **ids, cmp_ids);
  return 0;
}

void twz_backend_describe(const twz_id *id, char *buf, size_t len) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  snprintf(buf, len, "%s/%s.obj", twz_store_path(), hex);
}

int twz_store_pread(const twz_id *id, uint64_t off, void *buf, size_t len) {
  char path[4096];
  if (twz_store_object_path(id, path, sizeof path) < 0)
    return -1;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return twz_set_error("cannot open %s: %s", path, strerror(errno));
  ssize_t n = pread(fd, buf, len, (off_t)off);
  int saved = errno;
  close(fd);
  if (n != (ssize_t)len)
    return twz_set_error("cannot read %s: %s", path, n < 0 ? strerror(saved) : "short read");
  return 0;
}

int twz_backend_open(const twz_id *id, const char *what, struct twz_obj_header *h) {
  char path[4096];
  struct stat st;
  (void)what; /* the same path */
  if (twz_store_object_path(id, path, sizeof path) < 0)
    return -1;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    char hex[TWZ_ID_STRLEN + 1];
    twz_id_format(id, hex);
    return twz_set_error("cannot open object %s (%s): %s", hex, path, strerror(errno));
  }
  if (fstat(fd, &st) < 0) {
    twz_set_error("object %s: cannot stat: %s", path, strerror(errno));
    goto fail;
  }
  if ((uint64_t)st.st_size != TWZ_SLOT_SIZE) {
    twz_set_error("object %s is corrupt: file size %lld, expected %llu (one slot)", path,
                  (long long)st.st_size, (unsigned long long)TWZ_SLOT_SIZE);
    goto fail;
  }
  if (pread(fd, h, sizeof *h, (off_t)TWZ_META_OFFSET) != (ssize_t)sizeof *h) {
    twz_set_error("object %s: cannot read header: %s", path, strerror(errno));
    goto fail;
  }
  return fd;
fail:
  close(fd);
  return -1;
}

int twz_backend_map(const twz_id *id, const char *what, int *handle, int prot, uintptr_t *base) {
  if (prot & PROT_WRITE) { /* the file was opened read-only */
    char path[4096];
    if (twz_store_object_path(id, path, sizeof path) < 0)
      return -1;
    int rw = open(path, O_RDWR | O_CLOEXEC);
    if (rw < 0)
      return twz_set_error("cannot open object %s for writing: %s", what, strerror(errno));
    close(*handle);
    *handle = rw;
  }
  bool pmem;
  if (twz_slot_map(*handle, prot, base, &pmem) < 0)
    return -1;
  twz_hosted_set_pmem(*base, pmem);
  return 0;
}

void twz_backend_close(int handle, uintptr_t base) {
  if (base)
    munmap((void *)base, TWZ_SLOT_SIZE);
  close(handle);
}

/* The temporary file an object is built in before link() publishes it. */
static int open_new(const char *path, char *tmp, size_t len) {
  snprintf(tmp, len, "%s.%ld.new", path, (long)getpid());
  int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    twz_set_error("cannot create %s: %s", tmp, strerror(errno));
  return fd;
}

/* A crash never leaves a half-initialised object under a valid ID, and of
 * two racing creators of the same ID exactly one wins: link() fails rather
 * than replace. */
int twz_backend_create(const twz_id *id, const struct twz_obj_header *h, const void *data,
                       size_t len) {
  char path[4096], tmp[4200];
  if (store_ensure() < 0 || twz_store_object_path(id, path, sizeof path) < 0)
    return -1;
  int fd = open_new(path, tmp, sizeof tmp);
  if (fd < 0)
    return -1;
  int ok = ftruncate(fd, (off_t)TWZ_SLOT_SIZE) == 0 &&
           (!len || pwrite(fd, data, len, (off_t)TWZ_DATA_START) == (ssize_t)len) &&
           pwrite(fd, h, sizeof *h, (off_t)TWZ_META_OFFSET) == (ssize_t)sizeof *h &&
           fsync(fd) == 0;
  int saved = errno;
  close(fd);
  if (!ok) {
    unlink(tmp);
    return twz_set_error("cannot create object %s: %s", path, strerror(saved));
  }
  int exists = 0;
  if (link(tmp, path) < 0) {
    if (errno != EEXIST) {
      saved = errno;
      unlink(tmp);
      return twz_set_error("cannot create object %s: %s", path, strerror(saved));
    }
    exists = 1;
  }
  unlink(tmp);
  return exists;
}

/* Copy the data extents of one sparse file to another. */
static int copy_extents(int from, int to) {
  char buf[1 << 16];
  off_t at = 0;
  for (;;) {
    off_t data = lseek(from, at, SEEK_DATA);
    if (data < 0)
      return errno == ENXIO ? 0 : -1;
    off_t hole = lseek(from, data, SEEK_HOLE);
    if (hole < 0)
      return -1;
    for (off_t o = data; o < hole;) {
      size_t n = (size_t)(hole - o) < sizeof buf ? (size_t)(hole - o) : sizeof buf;
      ssize_t r = pread(from, buf, n, o);
      if (r <= 0 || pwrite(to, buf, (size_t)r, o) != r)
        return -1;
      o += r;
    }
    at = hole;
  }
}

int twz_backend_copy(struct twz_object *src, const twz_id *id) {
  char path[4096], tmp[4200];
  if (twz_store_object_path(id, path, sizeof path) < 0)
    return -1;
  int fd = open_new(path, tmp, sizeof tmp);
  if (fd < 0)
    return -1;
  struct twz_obj_header h;
  int ok = ftruncate(fd, (off_t)TWZ_SLOT_SIZE) == 0 && copy_extents(src->fd, fd) == 0 &&
           pread(fd, &h, sizeof h, (off_t)TWZ_META_OFFSET) == (ssize_t)sizeof h;
  twz_copy_header(&h, id);
  ok = ok && pwrite(fd, &h, sizeof h, (off_t)TWZ_META_OFFSET) == (ssize_t)sizeof h &&
       fsync(fd) == 0 && link(tmp, path) == 0;
  int saved = errno;
  close(fd);
  unlink(tmp);
  if (!ok)
    return twz_set_error("cannot copy object to %s: %s", path, strerror(saved));
  return 0;
}

int twz_backend_delete(const twz_id *id, const char *hex) {
  char path[4096];
  if (twz_store_object_path(id, path, sizeof path) < 0)
    return -1;
  if (unlink(path) < 0)
    return twz_set_error("cannot delete object %s: %s", hex, strerror(errno));
  return 0;
}
