/* twz new, twz rm: create and delete objects. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "twz-tool.h"

static const char usage_new[] =
    "usage: twz new [--name NAME] [--immutable FILE]\n"
    "\n"
    "Create an object and print its ID.\n"
    "  --name NAME       bind NAME to the new object (NAME must not be bound yet)\n"
    "  --immutable FILE  create the immutable object holding FILE's bytes (from the\n"
    "                    first data offset); its ID is their BLAKE2b-128 hash, so the\n"
    "                    same bytes always give the same object\n";

static const char usage_rm[] =
    "usage: twz rm [--unbind] ID|NAME...\n"
    "\n"
    "Delete objects from the store. Names bound to a deleted object are left\n"
    "(dangling) unless --unbind is given, which removes them too. The store's\n"
    "namespace object cannot be deleted.\n";

/* The bytes of `path` ("-" is stdin) in a malloc'd buffer. */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen) {
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!f) {
    snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  const size_t max = TWZ_DATA_END - TWZ_DATA_START;
  while (buf) {
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (n > max) {
      snprintf(err, errlen, "%s is larger than an object's data area (%zu bytes)", path, max);
      goto fail;
    }
    if (r == 0)
      break;
    if (n == cap) {
      cap *= 2;
      char *b = realloc(buf, cap);
      if (!b)
        free(buf);
      buf = b;
    }
  }
  if (!buf) {
    snprintf(err, errlen, "out of memory reading %s", path);
    goto fail;
  }
  if (ferror(f)) {
    snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
    goto fail;
  }
  if (f != stdin)
    fclose(f);
  *len = n;
  return buf;
fail:
  free(buf);
  if (f != stdin)
    fclose(f);
  return NULL;
}

int cmd_new(int argc, char **argv) {
  const char *name = NULL, *file = NULL;
  const struct opt opts[] = {{"name", &name, NULL}, {"immutable", &file, NULL}, {NULL, NULL, NULL}};
  char **pos = argv + 1; /* the operands, compacted in place */
  char err[1024];
  int npos, r = parse_args("new", argc, argv, opts, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_new, stdout), EXIT_OK) : EXIT_USAGE;
  if (npos)
    return usage_error("new", "unexpected argument '%s'", pos[0]);
  if (name) {
    /* Creating with a name that is taken would silently rebind it. */
    struct names t;
    if (names_load(&t, err, sizeof err) < 0)
      return fail("new", "%s", err);
    const struct binding *b = names_find(&t, name);
    if (b) {
      char hex[TWZ_ID_STRLEN + 1];
      twz_id_format(&b->id, hex);
      names_free(&t);
      return fail("new", "name '%s' is already bound to object %s (twz name unbind it first)",
                  name, hex);
    }
    names_free(&t);
  }
  twz_object *obj;
  if (file) {
    size_t len;
    char *data = read_file(file, &len, err, sizeof err);
    if (!data)
      return fail("new", "%s", err);
    obj = twz_object_create_immutable(name, data, len);
    free(data);
  } else {
    obj = twz_object_create(name);
  }
  if (!obj)
    return fail("new", "cannot create %sobject%s%s%s: %s", file ? "immutable " : "",
                name ? " '" : "", name ? name : "", name ? "'" : "", twz_error());
  char hex[TWZ_ID_STRLEN + 1];
  twz_id id = twz_object_id(obj);
  twz_id_format(&id, hex);
  printf("%s\n", hex);
  return EXIT_OK;
}

int cmd_rm(int argc, char **argv) {
  bool unbind = false;
  const struct opt opts[] = {{"unbind", NULL, &unbind}, {NULL, NULL, NULL}};
  char **pos = argv + 1; /* the operands, compacted in place */
  char err[1024];
  int npos, r = parse_args("rm", argc, argv, opts, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_rm, stdout), EXIT_OK) : EXIT_USAGE;
  if (!npos)
    return usage_error("rm", "which object? give an ID or a name");
  int status = EXIT_OK;
  for (int i = 0; i < npos; i++) {
    twz_id id;
    char hex[TWZ_ID_STRLEN + 1];
    if (resolve_arg(pos[i], &id, err, sizeof err) < 0) {
      status = fail("rm", "%s", err);
      continue;
    }
    twz_id_format(&id, hex);
    if (twz_object_delete(&id) < 0) {
      status = fail("rm", "%s", twz_error());
      continue;
    }
    printf("removed %s\n", hex);
    /* Names still bound to it: remove them (--unbind), or say they dangle. */
    struct names t;
    if (names_load(&t, err, sizeof err) < 0) {
      status = fail("rm", "%s", err);
      continue;
    }
    for (size_t k = 0; k < t.n; k++) {
      if (memcmp(&t.v[k].id, &id, sizeof id))
        continue;
      if (!unbind)
        note("rm", "name '%s' still names the removed object %s (use --unbind)", t.v[k].name, hex);
      else if (twz_name_unbind(t.v[k].name) < 0)
        status = fail("rm", "cannot unbind '%s': %s", t.v[k].name, twz_error());
      else
        printf("unbound %s\n", t.v[k].name);
    }
    names_free(&t);
  }
  return status;
}
