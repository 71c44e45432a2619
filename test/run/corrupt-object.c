// Opening a corrupt object file is a clear error naming the file and what is
// wrong, and it harms no other object: the intact one still opens and reads.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t create | FileCheck %s --check-prefix=CREATE
// RUN: env TWZ_STORE=%t.store %t open-all magic | FileCheck %s --check-prefix=MAGIC
// RUN: env TWZ_STORE=%t.store %t create
// RUN: env TWZ_STORE=%t.store %t open-all version | FileCheck %s --check-prefix=VERSION
// RUN: env TWZ_STORE=%t.store %t create
// RUN: env TWZ_STORE=%t.store %t open-all truncate | FileCheck %s --check-prefix=TRUNC
// RUN: env TWZ_STORE=%t.store %t create
// RUN: env TWZ_STORE=%t.store %t open-all fotcount | FileCheck %s --check-prefix=FOT
// RUN: env TWZ_STORE=%t.store %t create
// RUN: env TWZ_STORE=%t.store %t open-all id | FileCheck %s --check-prefix=ID
// CREATE: created
// MAGIC: victim: error: object {{.*}}.obj is corrupt: bad magic 0x00000000deadbeef in header
// MAGIC-NEXT: intact: 99
// VERSION: victim: error: object {{.*}}.obj has ABI version 7; this runtime reads version 1
// VERSION-NEXT: intact: 99
// TRUNC: victim: error: object {{.*}}.obj is corrupt: file size 4096, expected 1073741824 (one slot)
// TRUNC-NEXT: intact: 99
// FOT: victim: error: object {{.*}}.obj is corrupt: FOT count 0 is outside 1..65536
// FOT-NEXT: intact: 99
// ID: victim: error: object {{.*}}.obj is corrupt: header names ID 0000000000000000000000000000000{{.}}, expected
// ID-NEXT: intact: 99
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static void path_of(const char *name, char *path, size_t len) {
  twz_id id;
  char hex[TWZ_ID_STRLEN + 1];
  CHECK_OK(twz_name_resolve(name, &id) == 0);
  twz_id_format(&id, hex);
  snprintf(path, len, "%s/%s.obj", twz_store_path(), hex);
}

static void patch(const char *path, off_t off, const void *bytes, size_t n) {
  int fd = open(path, O_RDWR);
  CHECK_OK(fd >= 0 && pwrite(fd, bytes, n, off) == (ssize_t)n);
  close(fd);
}

int main(int argc, char **argv) {
  if (!strcmp(argv[1], "create")) {
    twz_object *v, *i;
    CHECK_OK(v = twz_object_create("victim"));
    CHECK_OK(i = twz_object_create("intact"));
    int __persistent *x = twz_object_alloc(i, sizeof(int), 4);
    *x = 99;
    twz_object_set_root(i, x);
    printf("created\n");
    return 0;
  }
  char path[4096];
  path_of("victim", path, sizeof path);
  off_t meta = (off_t)TWZ_META_OFFSET;
  const char *how = argv[2];
  if (!strcmp(how, "magic")) {
    unsigned long long m = 0xdeadbeef;
    patch(path, meta + offsetof(struct twz_obj_header, magic), &m, 8);
  } else if (!strcmp(how, "version")) {
    unsigned v = 7;
    patch(path, meta + offsetof(struct twz_obj_header, abi_version), &v, 4);
  } else if (!strcmp(how, "truncate")) {
    CHECK_OK(truncate(path, 4096) == 0);
  } else if (!strcmp(how, "fotcount")) {
    unsigned long long c = 0;
    patch(path, meta + offsetof(struct twz_obj_header, fot_count), &c, 8);
  } else if (!strcmp(how, "id")) {
    unsigned char id[16] = {0};
    id[15] = 1;
    patch(path, meta + offsetof(struct twz_obj_header, id), id, 16);
  }
  twz_object *v = twz_object_open("victim");
  printf("victim: %s%s\n", v ? "opened" : "error: ", v ? "" : twz_error());
  twz_object *i;
  CHECK_OK(i = twz_object_open("intact"));
  printf("intact: %d\n", *(int __persistent *)twz_object_root(i));
  return v != NULL;
}
