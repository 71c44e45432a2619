/* twz ls, twz show: list the store, print one object. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "twz-tool.h"

static const char usage_ls[] =
    "usage: twz ls\n"
    "\n"
    "List the objects in the store (its <ID>.obj files), sorted by ID: ID, flags\n"
    "(immutable or -), FOT entries in use (index 0 included), allocation top and\n"
    "the names bound to each. Objects that cannot be opened are reported on\n"
    "stderr (exit status 1) and listed with their flags as '?'.\n";

static const char usage_show[] =
    "usage: twz show ID|NAME\n"
    "\n"
    "Print an object's header (magic, ABI version, flags, ID, FOT count,\n"
    "allocation top, root pointer decoded as FOT index:offset, lock, undo log,\n"
    "heap, FOT generation) and its FOT: index, flags (VALID R W X NAME) and\n"
    "target: an object ID with the names bound to it, or for a NAME entry the\n"
    "name and what it resolves to now.\n";

int cmd_ls(int argc, char **argv) {
  char **pos = argv + 1; /* the operands, compacted in place */
  char err[1024];
  int npos, r = parse_args("ls", argc, argv, NULL, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_ls, stdout), EXIT_OK) : EXIT_USAGE;
  if (npos)
    return usage_error("ls", "unexpected argument '%s'", pos[0]);
  twz_id *ids;
  size_t n;
  if (twz_store_list(&ids, &n) < 0)
    return fail("ls", "%s", twz_error());
  int status = EXIT_OK;
  struct names t;
  if (names_load(&t, err, sizeof err) < 0)
    status = fail("ls", "%s (names not shown)", err);
  printf("%-32s  %-9s  %5s  %-10s  %s\n", "ID", "FLAGS", "FOT", "ALLOC_TOP", "NAMES");
  for (size_t i = 0; i < n; i++) {
    char hex[TWZ_ID_STRLEN + 1];
    twz_id_format(&ids[i], hex);
    twz_object *obj = twz_object_open_id(&ids[i]);
    if (!obj) {
      status = fail("ls", "%s", twz_error());
      printf("%-32s  %-9s  %5s  %-10s  ", hex, "?", "?", "?");
    } else if (!(twz_object_rights(obj) & (TWZ_PERM_READ | TWZ_PERM_WRITE))) {
      /* Listed, not read: under $TWZ_CONTEXT the header may be off limits. */
      printf("%-32s  %-9s  %5s  %-10s  ", hex, "no-read", "-", "-");
    } else {
      const struct twz_obj_header *h = twz_object_header(obj);
      printf("%-32s  %-9s  %5" PRIu64 "  0x%-8" PRIx64 "  ", hex,
             h->flags & TWZ_OBJ_IMMUTABLE ? "immutable" : "-", twz_object_fot_count(obj),
             h->alloc_top);
    }
    if (twz_id_is_namespace(&ids[i]))
      fputs("(namespace)", stdout);
    else if (!names_print(stdout, &t, &ids[i]))
      fputs("-", stdout);
    putchar('\n');
  }
  names_free(&t);
  free(ids);
  return status;
}

int cmd_show(int argc, char **argv) {
  char **pos = argv + 1; /* the operands, compacted in place */
  char err[1024];
  int npos, r = parse_args("show", argc, argv, NULL, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_show, stdout), EXIT_OK) : EXIT_USAGE;
  if (npos != 1)
    return usage_error("show", npos ? "one object at a time" : "which object? give an ID or a name");
  twz_id id;
  twz_object *obj = open_arg(pos[0], &id, err, sizeof err);
  if (!obj)
    return fail("show", "%s", err);
  struct names t;
  int status = EXIT_OK;
  if (names_load(&t, err, sizeof err) < 0)
    status = fail("show", "%s (names not shown)", err);
  char path[4096];
  twz_store_object_path(&id, path, sizeof path);
  show_object(stdout, obj, &t, true);
  printf("file        %s\n", path);
  names_free(&t);
  return status;
}
