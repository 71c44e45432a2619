/*
 * Helper for the twz tool tests (compiled with twz-clang):
 *   ptr write        objects A, B, C (named so); B and C each hold one int at
 *                    the same offset (222 and 333); A's root holds a pointer
 *                    to B's int, stored through A's FOT.
 *   ptr read         print the int A's pointer reaches and the object it is in
 *                    (name among A, B, C or '?', and ID).
 *   ptr late NAME    object L whose root holds a late-bound pointer to offset
 *                    0x1000 of whatever NAME names.
 */
#include <stdio.h>
#include <string.h>
#include <twz/abi.h>
#include <twz/twz.h>

struct box {
  int __persistent *p;
};

/* An int allocated at offset `off` of `o` (at or above its allocation top). */
static int __persistent *int_at(twz_object *o, unsigned long long off) {
  unsigned long long top = twz_object_header(o)->alloc_top;
  if (off > top && !twz_object_alloc(o, off - top, 1))
    return NULL;
  return twz_object_alloc(o, sizeof(int), 4);
}

static int die(const char *what) {
  fprintf(stderr, "ptr: %s: %s\n", what, twz_error());
  return 1;
}

static const char *name_of(twz_object *o) {
  static const char *names[] = {"A", "B", "C"};
  twz_id id = twz_object_id(o);
  for (int i = 0; i < 3; i++) {
    twz_object *n = twz_object_open(names[i]);
    twz_id nid;
    if (n && (nid = twz_object_id(n), !memcmp(&nid, &id, sizeof id)))
      return names[i];
  }
  return "?";
}

int main(int argc, char **argv) {
  if (argc == 2 && !strcmp(argv[1], "write")) {
    twz_object *a = twz_object_create("A"), *b = twz_object_create("B"),
               *c = twz_object_create("C");
    if (!a || !b || !c)
      return die("create");
    struct box __persistent *box = twz_object_alloc(a, sizeof *box, 8);
    /* B's and C's ints at the same offset, above both allocation tops. */
    unsigned long long tb = twz_object_header(b)->alloc_top, tc = twz_object_header(c)->alloc_top;
    unsigned long long off = ((tb > tc ? tb : tc) + 63) & ~63ull;
    int __persistent *x = int_at(b, off), *y = int_at(c, off);
    if (!box || !x || !y)
      return die("alloc");
    *x = 222;
    *y = 333;
    box->p = x; /* cross-object: FOT entry 1 of A names B */
    twz_object_set_root(a, box);
    printf("wrote A -> B\n");
    return 0;
  }
  if (argc == 2 && !strcmp(argv[1], "read")) {
    twz_object *a = twz_object_open("A");
    if (!a)
      return die("open A");
    struct box __persistent *box = twz_object_root(a);
    int __persistent *p = box->p;
    twz_object *in = twz_object_of(p);
    twz_id id = twz_object_id(in);
    char hex[TWZ_ID_STRLEN + 1];
    twz_id_format(&id, hex);
    printf("A -> %d in %s %s\n", *p, name_of(in), hex);
    return 0;
  }
  if (argc == 3 && !strcmp(argv[1], "late")) {
    twz_object *l = twz_object_create("L");
    if (!l)
      return die("create");
    struct box __persistent *box = twz_object_alloc(l, sizeof *box, 8);
    if (twz_ptr_bind_name(&box->p, argv[2], 0x1000) < 0)
      return die("bind");
    twz_object_set_root(l, box);
    printf("L -> '%s'\n", argv[2]);
    return 0;
  }
  fprintf(stderr, "usage: ptr write | ptr read | ptr late NAME\n");
  return 2;
}
