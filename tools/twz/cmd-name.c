/* twz name bind|unbind|list: the store's namespace. */
#include <string.h>

#include "twz-tool.h"

static const char usage_name[] =
    "usage: twz name bind NAME ID|NAME   bind NAME to an object (atomically\n"
    "                                    replacing an earlier binding)\n"
    "       twz name unbind NAME         remove the binding of NAME\n"
    "       twz name list                list every name and its object ID\n"
    "\n"
    "Names use letters, digits, '-', '_' and '.' (not first), at most 103 of\n"
    "them. 'bind' wants the object to exist in the store; a second operand that\n"
    "is not an ID is a name, and NAME gets bound to the object it names.\n";

static int name_bind(int npos, char **pos) {
  char err[1024], hex[TWZ_ID_STRLEN + 1];
  twz_id id;
  if (npos != 2)
    return usage_error("name bind", "want a NAME and an object (ID or NAME)");
  if (resolve_arg(pos[1], &id, err, sizeof err) < 0)
    return fail("name bind", "%s", err);
  twz_id_format(&id, hex);
  if (!twz_store_has(&id))
    return fail("name bind", "no object %s in store %s", hex, twz_store_path());
  if (twz_name_bind(pos[0], &id) < 0)
    return fail("name bind", "cannot bind '%s' to %s: %s", pos[0], hex, twz_error());
  printf("%s -> %s\n", pos[0], hex);
  return EXIT_OK;
}

static int name_unbind(int npos, char **pos) {
  if (npos != 1)
    return usage_error("name unbind", "want exactly one NAME");
  if (!namespace_exists())
    return fail("name unbind", "name '%s' is not bound in store %s", pos[0], twz_store_path());
  if (twz_name_unbind(pos[0]) < 0)
    return fail("name unbind", "%s", twz_error());
  return EXIT_OK;
}

static int name_list(int npos, char **pos) {
  char err[1024];
  (void)pos;
  if (npos)
    return usage_error("name list", "takes no arguments");
  struct names t;
  if (names_load(&t, err, sizeof err) < 0)
    return fail("name list", "%s", err);
  for (size_t i = 0; i < t.n; i++) {
    char hex[TWZ_ID_STRLEN + 1];
    twz_id_format(&t.v[i].id, hex);
    printf("%-24s %s%s\n", t.v[i].name, hex, twz_store_has(&t.v[i].id) ? "" : " (no such object)");
  }
  names_free(&t);
  return EXIT_OK;
}

int cmd_name(int argc, char **argv) {
  static const struct {
    const char *name, *cmd;
    int (*run)(int, char **);
  } subs[] = {{"bind", "name bind", name_bind},
              {"unbind", "name unbind", name_unbind},
              {"list", "name list", name_list}};
  if (argc < 2)
    return usage_error("name", "want a subcommand: bind, unbind or list");
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    fputs(usage_name, stdout);
    return EXIT_OK;
  }
  for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
    if (strcmp(argv[1], subs[i].name))
      continue;
    char **pos = argv + 2; /* the operands, compacted in place */
    int npos, r = parse_args(subs[i].cmd, argc - 1, argv + 1, NULL, pos, &npos);
    if (r)
      return r > 0 ? (fputs(usage_name, stdout), EXIT_OK) : EXIT_USAGE;
    return subs[i].run(npos, pos);
  }
  return usage_error("name", "unknown subcommand '%s' (want bind, unbind or list)", argv[1]);
}
