/*
 * The hosted store: one file per object, <store>/<id>.obj, 1 GiB sparse, and
 * a namespace of names under <store>/names/. Names are files holding an ID so
 * that bind is an atomic rename.
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

int twz_store_ensure(void) {
  char names[4096];
  if (ensure_dir(twz_store_path()) < 0)
    return -1;
  snprintf(names, sizeof names, "%s/names", twz_store_path());
  return ensure_dir(names);
}

int twz_store_object_path(const twz_id *id, char *buf, size_t len) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  if ((size_t)snprintf(buf, len, "%s/%s.obj", twz_store_path(), hex) >= len)
    return twz_set_error("store path %s is too long", twz_store_path());
  return 0;
}

int twz_name_check(const char *name) {
  if (!name || !*name || strlen(name) > 200)
    return twz_set_error("invalid object name '%s': want 1 to 200 characters", name ? name : "");
  for (const char *c = name; *c; c++)
    if (!(*c >= 'a' && *c <= 'z') && !(*c >= 'A' && *c <= 'Z') && !(*c >= '0' && *c <= '9') &&
        *c != '-' && *c != '_' && *c != '.')
      return twz_set_error("invalid object name '%s': use letters, digits, '-', '_' and '.'", name);
  if (name[0] == '.')
    return twz_set_error("invalid object name '%s': must not start with '.'", name);
  return 0;
}

int twz_name_bind(const char *name, const twz_id *id) {
  char path[4096], tmp[4096], hex[TWZ_ID_STRLEN + 2];
  if (twz_name_check(name) < 0 || twz_store_ensure() < 0)
    return -1;
  snprintf(path, sizeof path, "%s/names/%s", twz_store_path(), name);
  snprintf(tmp, sizeof tmp, "%s/names/.%s.%ld", twz_store_path(), name, (long)getpid());
  twz_id_format(id, hex);
  strcat(hex, "\n");
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return twz_set_error("cannot bind name '%s': %s", name, strerror(errno));
  ssize_t n = write(fd, hex, strlen(hex));
  if (n != (ssize_t)strlen(hex) || fsync(fd) < 0) {
    close(fd);
    unlink(tmp);
    return twz_set_error("cannot bind name '%s': write failed", name);
  }
  close(fd);
  if (rename(tmp, path) < 0) {
    unlink(tmp);
    return twz_set_error("cannot bind name '%s': %s", name, strerror(errno));
  }
  return 0;
}

int twz_name_resolve(const char *name, twz_id *id) {
  char path[4096], buf[TWZ_ID_STRLEN + 8] = {0};
  if (twz_name_check(name) < 0)
    return -1;
  snprintf(path, sizeof path, "%s/names/%s", twz_store_path(), name);
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return twz_set_error("name '%s' is not bound in store %s", name, twz_store_path());
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n < TWZ_ID_STRLEN)
    return twz_set_error("name '%s' in store %s is corrupt", name, twz_store_path());
  buf[TWZ_ID_STRLEN] = 0;
  if (twz_id_parse(buf, id) < 0)
    return twz_set_error("name '%s' in store %s is corrupt: %s", name, twz_store_path(), twz_error());
  return 0;
}
