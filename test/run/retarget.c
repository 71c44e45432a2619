// Retargeting edits only A's FOT: every pointer of A into B then points
// into C (same offsets), without knowing A's layout; pointers into other
// objects are untouched.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t setup | FileCheck %s --check-prefix=SETUP
// RUN: env TWZ_STORE=%t.store %t read | FileCheck %s --check-prefix=READ
// SETUP: before: b1 b2 d1
// SETUP-NEXT: retargeted 1 entries; in this process: c1 c2 d1
// SETUP-NEXT: missing target: cannot open object
// READ: new process: c1 c2 d1
// READ-NEXT: new store into C reuses entry: fot 3
#include <string.h>

#include "check.h"

struct refs {
  long __persistent *x, *y, *z;
};

static uint64_t first_data[2];

/* Offset of the data make() allocated in `o`. */
static uint64_t first_off(twz_object *o) {
  twz_id id = twz_object_id(o), b;
  CHECK_OK(twz_name_resolve("B", &b) == 0);
  return first_data[memcmp(&id, &b, sizeof id) != 0];
}

static twz_object *make(const char *name, long v1, long v2) {
  twz_object *o;
  CHECK_OK(o = twz_object_create(name));
  long __persistent *p = twz_object_alloc(o, 2 * sizeof(long), 8);
  p[0] = v1;
  p[1] = v2;
  first_data[strcmp(name, "B") != 0] = (uintptr_t)p - twz_object_base(o);
  return o;
}

static void show(const char *what, struct refs __persistent *r) {
  printf("%s: %c%ld %c%ld %c%ld\n", what, *r->x > 200 ? 'c' : 'b', *r->x % 100,
         *r->y > 200 ? 'c' : 'b', *r->y % 100, 'd', *r->z % 100);
}

int main(int argc, char **argv) {
  if (!strcmp(argv[1], "setup")) {
    twz_object *b = make("B", 101, 102), *d = make("D", 401, 402), *a, *c;
    /* Retargeting keeps offsets, so C shares B's layout: a copy, then changed. */
    CHECK_OK(c = twz_object_copy(b, "C"));
    long __persistent *cdata = (long __persistent *)(twz_object_base(c) + first_off(b));
    cdata[0] = 301;
    cdata[1] = 302;
    CHECK_OK(a = twz_object_create("A"));
    struct refs __persistent *r = twz_object_alloc(a, sizeof *r, 8);
    twz_object_set_root(a, r);
    long __persistent *bp = (long __persistent *)(twz_object_base(b) + first_off(b));
    r->x = bp;
    r->y = bp + 1;
    r->z = (long __persistent *)(twz_object_base(d) + first_off(d));
    show("before", r);
    twz_id bid = twz_object_id(b), cid = twz_object_id(c), none = {{1, 2, 3}};
    long n = twz_fot_retarget(a, &bid, &cid);
    printf("retargeted %ld entries; ", n);
    show("in this process", r);
    if (twz_fot_retarget(a, &cid, &none) < 0)
      printf("missing target: %.21s\n", twz_error());
    return 0;
  }
  twz_object *a, *c;
  CHECK_OK(a = twz_object_open("A"));
  CHECK_OK(c = twz_object_open("C"));
  struct refs __persistent *r = twz_object_root(a);
  show("new process", r);
  r->x = r->y; /* a new store of a pointer into C */
  printf("new store into C reuses entry: fot %llu\n",
         (unsigned long long)twz_object_fot_count(a));
  return 0;
}
