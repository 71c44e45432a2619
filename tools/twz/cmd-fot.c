/* twz fot retarget: redirect an object's FOT entries to another object. */
#include <string.h>

#include "twz-tool.h"

static const char usage_fot[] =
    "usage: twz fot retarget OBJ FROM TO\n"
    "\n"
    "Make every valid FOT entry of object OBJ that names object FROM name\n"
    "object TO instead (twz_fot_retarget, one transaction on OBJ): every pointer\n"
    "stored in OBJ that pointed into FROM now points to the same offset in TO.\n"
    "OBJ, FROM and TO are IDs or names; TO must exist. Prints how many entries\n"
    "changed (0 is not an error).\n";

static int fot_retarget(int npos, char **pos) {
  const char *cmd = "fot retarget";
  char err[1024], fhex[TWZ_ID_STRLEN + 1], thex[TWZ_ID_STRLEN + 1];
  twz_id oid, from, to;
  if (npos != 3)
    return usage_error(cmd, "want OBJ, FROM and TO");
  twz_object *obj = open_arg(pos[0], &oid, err, sizeof err);
  if (!obj)
    return fail(cmd, "%s", err);
  if (resolve_arg(pos[1], &from, err, sizeof err) < 0 || resolve_arg(pos[2], &to, err, sizeof err) < 0)
    return fail(cmd, "%s", err);
  twz_id_format(&from, fhex);
  twz_id_format(&to, thex);
  long n = twz_fot_retarget(obj, &from, &to);
  if (n < 0) {
    char ohex[TWZ_ID_STRLEN + 1];
    twz_id_format(&oid, ohex);
    return fail(cmd, "cannot retarget object %s from %s to %s: %s", ohex, fhex, thex, twz_error());
  }
  printf("%ld FOT entr%s changed (%s -> %s)\n", n, n == 1 ? "y" : "ies", fhex, thex);
  return EXIT_OK;
}

int cmd_fot(int argc, char **argv) {
  if (argc < 2)
    return usage_error("fot", "want a subcommand: retarget");
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    fputs(usage_fot, stdout);
    return EXIT_OK;
  }
  if (strcmp(argv[1], "retarget"))
    return usage_error("fot", "unknown subcommand '%s' (want retarget)", argv[1]);
  char **pos = argv + 2; /* the operands, compacted in place */
  int npos, r = parse_args("fot retarget", argc - 1, argv + 1, NULL, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_fot, stdout), EXIT_OK) : EXIT_USAGE;
  return fot_retarget(npos, pos);
}
