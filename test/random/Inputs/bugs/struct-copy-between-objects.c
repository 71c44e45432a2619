// Found by test/random (seeds 1..50 all failed this way before main 0243181):
// a whole-struct copy of a struct with a __persistent pointer copied the
// stored form (FOT index : offset) verbatim, so it was wrong between objects,
// into a local (the local holds a stored form, not an address) and from a
// local (a raw address stored in an object is a corrupt pointer).
// Expected output (and with twz-clang since 0243181, at -O0..-O3):
//   between objects: 1 1
//   into a local: 1
//   from a local: 1
// twz-clang 03cda50, -O0..-O3: at the first comparison
//   twz: fault: corrupt persistent pointer 0x0000000040024e80 at ... : FOT
//   index 1 is past the end of the FOT (1 entries)
// (y[1] holds x[1]'s stored pointer to y, FOT index 1 of a, which means
// nothing in b).
// Build: twz-clang -O0 struct-copy-between-objects.c -o t && TWZ_STORE=st ./t
#include <stdio.h>
#include <twz/twz.h>

struct node {
  long val;
  struct node __persistent *next;
};

int main(void) {
  twz_object *a = twz_object_create(NULL), *b = twz_object_create(NULL);
  struct node __persistent *x = twz_object_alloc(a, 2 * sizeof *x, 8);
  struct node __persistent *y = twz_object_alloc(b, 2 * sizeof *y, 8);
  x[0].val = 1;
  x[0].next = &x[1]; /* same object: stored as index 0 : offset */
  x[1].val = 2;
  x[1].next = y;     /* another object: stored through a's FOT */
  y[0] = x[0];
  y[1] = x[1];
  printf("between objects: %d %d\n", y[0].next == &x[1], y[1].next == y);
  struct node l = x[1];
  printf("into a local: %d\n", l.next == y);
  l.next = &x[0];
  y[1] = l;
  printf("from a local: %d\n", y[1].next == &x[0]);
  return 0;
}
