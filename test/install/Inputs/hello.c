/* The kernel-target program of install.test: one object, one stored
 * pointer, on the twz kernel. */
#include <stdio.h>
#include <twz/twz.h>

struct cell {
  long val;
  struct cell __persistent *self;
};

int main(void) {
  twz_object *o = twz_object_create(NULL);
  struct cell __persistent *c = o ? twz_object_alloc(o, sizeof *c, 8) : NULL;
  if (!c)
    return 1;
  c->val = 7;
  c->self = c;
  printf("hello from an installed twz: %ld\n", c->self->val);
  return 0;
}
