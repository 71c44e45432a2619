/* A shared library built with twz-clang (shared-runtime.test): it opens an
 * object and stores a cross-object pointer in it, with its own code. */
#include <twz/twz.h>

struct cell {
  long val;
  struct cell __persistent *next;
};

twz_object *plugin_open(const char *name) { return twz_object_open(name); }

/* Store in `a` (its root) a pointer to a new cell in `b`: the encode goes
 * through a's FOT and the resolution cache compiled code reads. */
int plugin_link(twz_object *a, twz_object *b, long val) {
  struct cell __persistent *x = twz_object_alloc(a, sizeof *x, 8);
  struct cell __persistent *y = twz_object_alloc(b, sizeof *y, 8);
  if (!x || !y)
    return -1;
  y->val = val;
  y->next = NULL;
  x->val = 0;
  x->next = y;
  return twz_object_set_root(a, x);
}
