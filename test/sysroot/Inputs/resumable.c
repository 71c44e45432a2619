/* kernel-pmem-resume.test: a program that counts steps in an object and
 * marks itself resumable. Cut off by a power cut, it is started again at
 * the next boot, at _resume, with the object at the address it had. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <twz/twz.h>

struct progress {
  long step, resumed;
  uintptr_t base; /* where the object was mapped when the program began */
};

static int work(twz_object *o, struct progress __persistent *p) {
  while (p->step < 40) {
    p->step++;
    twz_object_flush(o);
    printf("step %ld\n", p->step);
    fflush(stdout);
    nanosleep(&(struct timespec){0, 30000000}, NULL);
  }
  printf("done at step %ld\n", p->step);
  return 0;
}

int _resume(long arg) {
  twz_object *o = twz_object_open("progress");
  if (!o)
    return fprintf(stderr, "%s\n", twz_error()), 1;
  struct progress __persistent *p = twz_object_root(o);
  printf("resumed: arg %ld, at step %ld, object at its old address: %s\n", arg, p->step,
         twz_object_base(o) == p->base ? "yes" : "no");
  p->resumed++;
  return work(o, p);
}

int main(int argc, char **argv) {
  if (argc == 2 && !strcmp(argv[1], "status")) {
    twz_object *o = twz_object_open("progress");
    struct progress __persistent *p = o ? twz_object_root(o) : NULL;
    printf("status: step %ld, resumed %ld times\n", p ? p->step : -1, p ? p->resumed : -1);
    return 0;
  }
  twz_object *o = twz_object_create("progress");
  struct progress __persistent *p = o ? twz_object_alloc(o, sizeof *p, 8) : NULL;
  if (!p || twz_object_set_root(o, p) < 0)
    return fprintf(stderr, "%s\n", twz_error()), 1;
  p->base = twz_object_base(o);
  twz_object_flush(o);
  if (twz_resumable(42) < 0)
    return fprintf(stderr, "%s\n", twz_error()), 1;
  printf("resumable\n");
  return work(o, p);
}
