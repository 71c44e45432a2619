#include "counter.h"

struct counter __persistent *counter_open(const char *name) {
  twz_object *obj = twz_object_open(name);
  if (!obj && !(obj = twz_object_create(name)))
    return NULL;
  struct counter __persistent *c = twz_object_root(obj);
  if (!c) {
    c = twz_object_alloc(obj, sizeof *c, _Alignof(struct counter));
    if (!c)
      return NULL;
    c->count = twz_object_alloc(obj, sizeof *c->count, _Alignof(long));
    if (!c->count || twz_object_set_root(obj, c) != 0)
      return NULL;
  }
  return c;
}

long counter_bump(struct counter __persistent *c) { return ++*c->count; }
