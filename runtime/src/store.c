/*
 * The hosted store: one file per object, <store>/<id>.obj, 1 GiB sparse.
 * Names live in the store's namespace object (names.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

const char *twz_store_path(void) {
  const char *s = getenv("TWZ_STORE");
  return s && *s ? s : "./twz-store";
}

static int ensure_dir(const char *path) {
  if (mkdir(path, 0755) == 0 || errno == EEXIST)
    return 0;
  return twz_set_error("cannot create store directory %s: %s", path, strerror(errno));
}

int twz_store_ensure(void) { return ensure_dir(twz_store_path()); }

int twz_store_object_path(const twz_id *id, char *buf, size_t len) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  if ((size_t)snprintf(buf, len, "%s/%s.obj", twz_store_path(), hex) >= len)
    return twz_set_error("store path %s is too long", twz_store_path());
  return 0;
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

int twz_name_check(const char *name) {
  if (!name || !*name || strlen(name) > TWZ_NAME_MAX)
    return twz_set_error("invalid object name '%s': want 1 to %d characters", name ? name : "",
                         TWZ_NAME_MAX);
  for (const char *c = name; *c; c++)
    if (!(*c >= 'a' && *c <= 'z') && !(*c >= 'A' && *c <= 'Z') && !(*c >= '0' && *c <= '9') &&
        *c != '-' && *c != '_' && *c != '.')
      return twz_set_error("invalid object name '%s': use letters, digits, '-', '_' and '.'", name);
  if (name[0] == '.')
    return twz_set_error("invalid object name '%s': must not start with '.'", name);
  return 0;
}

