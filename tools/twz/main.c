/*
 * twz: inspect and manage a twz object store (like PMDK's pmempool).
 * Subcommands live in cmd-*.c; see README.md in this folder.
 */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include "twz-tool.h"

static const char usage[] =
    "usage: twz <command> [arguments]\n"
    "       twz --help | --version\n"
    "\n"
    "Inspect and manage the object store $TWZ_STORE (default ./twz-store).\n"
    "Where an object is wanted, give its 32-digit ID or a name bound to it.\n"
    "\n"
    "commands:\n"
    "  new [--name NAME] [--immutable FILE]  create an object, print its ID\n"
    "  ls                                    list the objects in the store\n"
    "  show ID|NAME                          print an object's header and FOT\n"
    "  name bind NAME ID|NAME                bind (or rebind) a name\n"
    "  name unbind NAME                      remove a name\n"
    "  name list                             list the names and their objects\n"
    "  rm [--unbind] ID|NAME...              delete objects (and their names)\n"
    "  check [--all] [ID|NAME...]            validate objects\n"
    "  fot retarget OBJ FROM TO              make OBJ's FOT entries for FROM name TO\n"
    "  key new|show|protect|revoke ...       signing keys; protect objects with them\n"
    "  ctx new|show|mask|rights ...          security contexts\n"
    "  cap grant|delegate|verify|import ...  signed capabilities and delegations\n"
    "\n"
    "'twz <command> --help' describes a command. Exit status: 0 success,\n"
    "1 runtime error or corrupt object, 2 bad usage.\n";

static const struct {
  const char *name;
  int (*run)(int, char **);
} commands[] = {
    {"new", cmd_new},     {"ls", cmd_ls},       {"show", cmd_show}, {"name", cmd_name},
    {"rm", cmd_rm},       {"check", cmd_check}, {"fot", cmd_fot},   {"key", cmd_key},
    {"ctx", cmd_ctx},     {"cap", cmd_cap},
};

/* Output that could not be written is an error: `twz ls > /dev/full`. */
static int finish(const char *cmd, int status) {
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "twz: %s: cannot write output: %s\n", cmd, strerror(errno));
    return status ? status : EXIT_RUNTIME;
  }
  return status;
}

/* libtwz keeps every object it opens mapped, with its file open, until the
 * process exits (there is no close): `twz ls` on a store of more than about
 * a thousand objects would run out of descriptors at the usual soft limit. */
static void raise_fd_limit(void) {
  struct rlimit r;
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

int main(int argc, char **argv) {
  raise_fd_limit();
  if (argc < 2) {
    fputs(usage, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--version")) {
    printf("twz (twz) %s\n", TWZ_VERSION);
    return finish("--version", EXIT_OK);
  }
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
    fputs(usage, stdout);
    return finish("--help", EXIT_OK);
  }
  if (!strcmp(cmd, "help")) {
    if (argc == 2) {
      fputs(usage, stdout);
      return finish("help", EXIT_OK);
    }
    /* twz help CMD [SUB] == twz CMD [SUB] --help */
    char *args[4] = {argv[2], argc > 3 ? argv[3] : "--help", "--help", NULL};
    argv = args;
    argc = argc > 3 ? 3 : 2;
    cmd = argv[0];
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
      if (!strcmp(cmd, commands[i].name))
        return finish(cmd, commands[i].run(argc, argv));
    fprintf(stderr, "twz: unknown command '%s'\nTry 'twz --help'.\n", cmd);
    return EXIT_USAGE;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(cmd, commands[i].name))
      return finish(cmd, commands[i].run(argc - 1, argv + 1));
  fprintf(stderr, "twz: unknown command '%s'\nTry 'twz --help'.\n", cmd);
  return EXIT_USAGE;
}
