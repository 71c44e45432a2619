/* kernel-pmem-strict.test: "write" stores 11 and flushes the object, then
 * stores 22 and does not flush again (the bug strict mode is for), and
 * stores 33 in a committed transaction; "read", in the next boot, says
 * which reached persistent memory. */
#include <stdio.h>
#include <string.h>
#include <twz/twz.h>

struct vals {
  long flushed, unflushed, committed;
};

int main(int argc, char **argv) {
  if (argc == 2 && !strcmp(argv[1], "write")) {
    twz_object *o = twz_object_create("vals");
    struct vals __persistent *v = o ? twz_object_alloc(o, sizeof *v, 8) : NULL;
    if (!v || twz_object_set_root(o, v) < 0)
      return fprintf(stderr, "%s\n", twz_error()), 1;
    v->flushed = 11;
    twz_object_flush(o);
    v->unflushed = 22; /* no flush: lost at a cut in strict mode */
    if (twz_tx_begin(o) < 0 || twz_tx_record(o, &v->committed, sizeof v->committed) < 0)
      return fprintf(stderr, "%s\n", twz_error()), 1;
    v->committed = 33;
    if (twz_tx_commit(o) < 0)
      return fprintf(stderr, "%s\n", twz_error()), 1;
    printf("wrote: flushed 11, unflushed 22, committed 33, in this boot %ld %ld %ld\n", v->flushed,
           v->unflushed, v->committed);
    return 0;
  }
  twz_object *o = twz_object_open("vals");
  if (!o)
    return fprintf(stderr, "%s\n", twz_error()), 1;
  struct vals __persistent *v = twz_object_root(o);
  printf("read: flushed %ld, unflushed %ld (%s), committed %ld\n", v->flushed, v->unflushed,
         v->unflushed == 22 ? "no flush missing" : "missing flush detected", v->committed);
  return 0;
}
