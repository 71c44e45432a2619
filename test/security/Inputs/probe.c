/*
 * probe: what a program running in a security context ($TWZ_CONTEXT) can do
 * with objects. One action per run; object arguments are names.
 *
 *   make NAME VALUE        create object NAME whose root is a struct cell
 *   rights NAME...         print "NAME rights r-x--" (twz_object_rights)
 *   read NAME              print "NAME value V" (a load by compiled code)
 *   write NAME V           store V in NAME's cell (a store by compiled code)
 *   link A B               A's cell points to B's cell (an FOT entry in A)
 *   follow A               print the value of the cell A points to
 *   follow-write A V       store V in the cell A points to
 *   api NAME               try the API calls that change an object
 *   delete NAME            twz_object_delete (the name resolved first)
 *   delete-id FILE         twz_object_delete of the ID in FILE, as the very
 *                          first thing the program does
 *   unseal KEY             print the unsealed secret key of KEY in hex
 *                          (passphrase from $TWZ_PASSPHRASE)
 *   started NAME           print "started", then open NAME
 * Lines that must come before a fault are flushed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <twz/twz.h>

#define CHECK_OK(x)                                                                      \
  do {                                                                                   \
    if (!(x)) {                                                                          \
      fprintf(stderr, "probe: %s failed: %s\n", #x, twz_error());                        \
      exit(1);                                                                           \
    }                                                                                    \
  } while (0)

struct cell {
  long value;
  long __persistent *other;
};

static twz_object *open_obj(const char *name) {
  twz_object *o = twz_object_open(name);
  if (!o) {
    fprintf(stderr, "probe: cannot open %s: %s\n", name, twz_error());
    exit(1);
  }
  return o;
}

static struct cell __persistent *cell_of(const char *name) {
  return twz_object_root(open_obj(name));
}

/* printf, flushed: the line is out before a fault can stop the program. */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  fflush(stdout);
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  const char *op = argv[1];
  if (!strcmp(op, "delete-id")) {
    /* Before anything else: no object mapped, no name resolved. */
    char text[64] = {0};
    twz_id id;
    FILE *f = fopen(argv[2], "r");
    CHECK_OK(f && fscanf(f, "%32s", text) == 1);
    fclose(f);
    CHECK_OK(twz_id_parse(text, &id) == 0);
    if (twz_object_delete(&id) == 0)
      printf("delete: deleted\n");
    else
      printf("delete: refused: %s\n", twz_error());
    return 0;
  }
  if (!strcmp(op, "make")) {
    twz_object *o;
    CHECK_OK(o = twz_object_create(argv[2]));
    struct cell __persistent *c = twz_object_alloc(o, sizeof *c, 8);
    CHECK_OK(c);
    c->value = atol(argv[3]);
    c->other = NULL;
    CHECK_OK(twz_object_set_root(o, c) == 0 && twz_object_flush(o) == 0);
    return 0;
  }
  if (!strcmp(op, "rights")) {
    for (int i = 2; i < argc; i++) {
      char p[6];
      printf("%s rights %s\n", argv[i], twz_perm_format(twz_object_rights(open_obj(argv[i])), p));
    }
    return 0;
  }
  if (!strcmp(op, "read")) {
    twz_object *o = open_obj(argv[2]);
    say("reading %s\n", argv[2]);
    struct cell __persistent *c = twz_object_root(o); /* reads the header */
    say("%s value %ld\n", argv[2], c->value);
    return 0;
  }
  if (!strcmp(op, "write")) {
    struct cell __persistent *c = cell_of(argv[2]);
    say("writing %s\n", argv[2]);
    c->value = atol(argv[3]);
    say("wrote %s %ld\n", argv[2], c->value);
    return 0;
  }
  if (!strcmp(op, "link")) {
    struct cell __persistent *a = cell_of(argv[2]), *b = cell_of(argv[3]);
    a->other = &b->value;
    CHECK_OK(twz_object_flush(twz_object_of(a)) == 0);
    return 0;
  }
  if (!strcmp(op, "follow")) {
    struct cell __persistent *a = cell_of(argv[2]);
    say("following %s\n", argv[2]);
    say("%s -> value %ld\n", argv[2], *a->other);
    return 0;
  }
  if (!strcmp(op, "follow-write")) {
    struct cell __persistent *a = cell_of(argv[2]);
    long v = *a->other;
    say("%s -> value %ld; writing through it\n", argv[2], v);
    *a->other = atol(argv[3]);
    say("%s -> wrote %ld\n", argv[2], *a->other);
    return 0;
  }
  if (!strcmp(op, "api")) {
    twz_object *o = open_obj(argv[2]);
    void __persistent *p = twz_object_alloc(o, 16, 8);
    printf("alloc: %s\n", p ? "ok" : twz_error());
    if (twz_tx_begin(o) == 0) {
      printf("tx_begin: ok\n");
      twz_tx_abort(o);
    } else {
      printf("tx_begin: %s\n", twz_error());
    }
    int r = twz_object_set_root(o, twz_object_root(o));
    printf("set_root: %s\n", r == 0 ? "ok" : twz_error());
    p = twz_malloc(o, 16);
    printf("malloc: %s\n", p ? "ok" : twz_error());
    return 0;
  }
  if (!strcmp(op, "delete")) {
    twz_id id;
    CHECK_OK(twz_name_resolve(argv[2], &id) == 0);
    if (twz_object_delete(&id) == 0)
      printf("delete: deleted\n");
    else
      printf("delete: refused: %s\n", twz_error());
    return 0;
  }
  if (!strcmp(op, "unseal")) {
    twz_id id;
    uint8_t sk[TWZ_SK_BYTES];
    CHECK_OK(twz_name_resolve(argv[2], &id) == 0);
    CHECK_OK(twz_key_unseal(&id, getenv("TWZ_PASSPHRASE"), sk) == 0);
    for (int i = 0; i < TWZ_SK_BYTES; i++)
      printf("%02x", sk[i]);
    printf("\n");
    return 0;
  }
  if (!strcmp(op, "started")) {
    say("started\n");
    open_obj(argv[2]);
    say("opened %s\n", argv[2]);
    return 0;
  }
  fprintf(stderr, "probe: unknown action %s\n", op);
  return 2;
}
