/*
 * Shared by the shape tests. Each test runs one binary three times on one
 * store: `build` (process 1) builds data spread over several objects and
 * does the operation under test; `show` (processes 2 and 3) reopens the
 * objects by name, maps them at other addresses, and prints what it sees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <twz/twz.h>

#define CHECK_OK(x)                                                                      \
  do {                                                                                   \
    if (!(x)) {                                                                          \
      fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #x, twz_error());    \
      exit(1);                                                                           \
    }                                                                                    \
  } while (0)

/* 1 for `build`, 2 or 3 for `show` (counted in `bases`, below). */
static inline int is_build(int argc, char **argv) {
  if (argc != 2 || (strcmp(argv[1], "build") && strcmp(argv[1], "show"))) {
    fprintf(stderr, "usage: %s build|show\n", argv[0]);
    exit(2);
  }
  setvbuf(stdout, NULL, _IOLBF, 0); /* what was printed before a fault shows */
  return !strcmp(argv[1], "build");
}

/* Each process records in `bases` (3 words in object memory, zeroed by
 * process 1) where it mapped `o`, and prints whether that differs from every
 * earlier process: the stored pointers must not depend on mapping addresses. */
static inline void mapped_elsewhere(twz_object *o, unsigned long __persistent *bases) {
  unsigned long here = (unsigned long)twz_object_base(o);
  int n = 0, same = 0;
  while (n < 3 && bases[n])
    same |= bases[n++] == here;
  if (n == 3) {
    fprintf(stderr, "more than three processes on one store\n");
    exit(2);
  }
  bases[n] = here;
  printf("process %d: mapped elsewhere than before: %s\n", n + 1, same ? "no" : "yes");
}

/*
 * The world of the cross-object tests: objects A (holding the root), B and C,
 * bound to the names "A", "B" and "C", each holding one target long (100 in
 * A, 200 in B, 300 in C). Their FOTs are ordered so that every index means a
 * different object in each: A: 1=B 2=C; B: 1=C 2=A; C: 1=A 2=B. A pointer
 * copied between objects without re-encoding therefore always reads a wrong
 * value (or faults) in the destination, never the right one.
 */
struct anchor {
  long __persistent *first, *second;
};

struct world {
  unsigned long bases[3];
  long __persistent *t[3];               /* the targets in A, B, C */
  struct anchor __persistent *anchor[2]; /* in B and C: fix their FOT orders */
};

/* What a stored target pointer leads to: its value, or -1 for null. */
static inline long val(const long __persistent *p) { return p ? *p : -1; }

/* Process 1: creates the objects and a zeroed root of `size` bytes (a struct
 * starting with a struct world) in A. */
static inline struct world __persistent *world_create(twz_object *o[3], size_t size) {
  static const char *const names[3] = {"A", "B", "C"};
  for (int i = 0; i < 3; i++)
    CHECK_OK(o[i] = twz_object_create(names[i]));
  struct world __persistent *w;
  CHECK_OK(w = twz_object_alloc(o[0], size, 16));
  CHECK_OK(twz_object_set_root(o[0], w) == 0);
  for (int i = 0; i < 3; i++) {
    long __persistent *t;
    /* Different amounts of padding first: the targets sit at different offsets. */
    CHECK_OK(twz_object_alloc(o[i], 8 * (i + 1), 8));
    CHECK_OK(t = twz_object_alloc(o[i], sizeof *t, 8));
    *t = 100 * (i + 1);
    w->t[i] = t; /* A's FOT: B = 1, C = 2 */
  }
  for (int i = 0; i < 2; i++) {
    struct anchor __persistent *an;
    CHECK_OK(an = twz_object_alloc(o[i + 1], sizeof *an, 8));
    an->first = w->t[(i + 2) % 3];  /* B: C = 1;  C: A = 1 */
    an->second = w->t[(i + 3) % 3]; /* B: A = 2;  C: B = 2 */
    w->anchor[i] = an;
  }
  for (int i = 0; i < 3; i++)
    CHECK_OK(twz_object_fot_count(o[i]) == 3);
  mapped_elsewhere(o[0], w->bases);
  return w;
}

/* Processes 2 and 3: open the objects by name; the root of A. */
static inline struct world __persistent *world_open(twz_object *o[3]) {
  static const char *const names[3] = {"A", "B", "C"};
  for (int i = 0; i < 3; i++)
    CHECK_OK(o[i] = twz_object_open(names[i]));
  struct world __persistent *w;
  CHECK_OK(w = twz_object_root(o[0]));
  mapped_elsewhere(o[0], w->bases);
  printf("targets %ld %ld %ld\n", val(w->t[0]), val(w->t[1]), val(w->t[2]));
  return w;
}
