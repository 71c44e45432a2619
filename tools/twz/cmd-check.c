/* twz check: validate objects (open-time checks, then twz_object_check). */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "twz-tool.h"

static const char usage_check[] =
    "usage: twz check ID|NAME...\n"
    "       twz check --all\n"
    "\n"
    "Validate objects: first what opening checks (magic, ABI version, file size,\n"
    "ID, FOT count, flags, allocation top, undo log), then twz_object_check (FOT\n"
    "entries, root pointer, undo log, heap). Prints 'ID: ok', or one line\n"
    "'ID: problem' per problem. --all checks every object in the store. Exit\n"
    "status 1 if any object is corrupt (or cannot be found).\n"
    "\n"
    "Each object is opened and checked in a child process, so that a crash of\n"
    "the runtime on a corrupt object is reported (as a problem of that object)\n"
    "instead of ending the check.\n"
    "\n"
    "Note: opening an object rolls back a transaction left unfinished by a dead\n"
    "process (as any program opening it would), and waits while a live process\n"
    "holds the object's lock.\n";

struct report {
  const char *hex;
};

static void report_problem(const char *problem, void *arg) {
  printf("%s: %s\n", ((struct report *)arg)->hex, problem);
}

/* Open and check (in the child): 0 if the object is sound, 1 if not,
 * UNREADABLE if $TWZ_CONTEXT does not let this process read it. */
#define UNREADABLE 2
static int open_and_check(const twz_id *id, const char *hex) {
  twz_object *obj = twz_object_open_id(id);
  if (!obj) {
    printf("%s: %s\n", hex, twz_error());
    return 1;
  }
  if (!(twz_object_rights(obj) & TWZ_PERM_READ)) {
    char have[6];
    printf("%s: cannot check: not readable in this security context (rights %s)\n", hex,
           twz_perm_format(twz_object_rights(obj), have));
    return UNREADABLE;
  }
  struct report rep = {hex};
  int problems = twz_object_check(obj, report_problem, &rep);
  if (problems < 0) {
    printf("%s: cannot check: %s\n", hex, twz_error());
    return 1;
  }
  if (problems == 0)
    printf("%s: ok\n", hex);
  return problems > 0;
}

/* 0 if the object is sound, 1 if not, UNREADABLE, -1 if there is no such object. libtwz
 * must not crash on a corrupt object; should it, that is reported as the
 * object's problem and the other objects are still checked. */
static int check_one(const twz_id *id) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  if (!twz_store_has(id))
    return -1;
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0)
    return open_and_check(id, hex); /* no isolation, but still a check */
  if (pid == 0) {
    int r = open_and_check(id, hex);
    fflush(stdout);
    _exit(r);
  }
  int st;
  while (waitpid(pid, &st, 0) < 0)
    ;
  if (WIFEXITED(st) && WEXITSTATUS(st) <= UNREADABLE)
    return WEXITSTATUS(st);
  if (WIFSIGNALED(st))
    printf("%s: libtwz crashed (signal %d, %s) while opening or checking this object: the "
           "object is corrupt in a way the runtime does not catch\n",
           hex, WTERMSIG(st), strsignal(WTERMSIG(st)));
  else
    printf("%s: the check ended with status %d\n", hex, WEXITSTATUS(st));
  return 1;
}

int cmd_check(int argc, char **argv) {
  bool all = false;
  const struct opt opts[] = {{"all", NULL, &all}, {NULL, NULL, NULL}};
  char **pos = argv + 1; /* the operands, compacted in place */
  char err[1024];
  int npos, r = parse_args("check", argc, argv, opts, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_check, stdout), EXIT_OK) : EXIT_USAGE;
  if (all && npos)
    return usage_error("check", "give objects or --all, not both");
  if (!all && !npos)
    return usage_error("check", "which objects? give IDs or names, or --all");
  int corrupt = 0, unreadable = 0, status = EXIT_OK;
  if (all) {
    twz_id *ids;
    size_t n;
    if (twz_store_list(&ids, &n) < 0)
      return fail("check", "%s", twz_error());
    for (size_t i = 0; i < n; i++) {
      int c = check_one(&ids[i]); /* one that vanished meanwhile is no error */
      corrupt += c == 1;
      unreadable += c == UNREADABLE;
    }
    free(ids);
  }
  for (int i = 0; i < npos; i++) {
    twz_id id;
    if (resolve_arg(pos[i], &id, err, sizeof err) < 0) {
      status = fail("check", "%s", err);
      continue;
    }
    int c = check_one(&id);
    if (c < 0) {
      char hex[TWZ_ID_STRLEN + 1];
      twz_id_format(&id, hex);
      status = fail("check", "no object %s in store %s", hex, twz_store_path());
    }
    corrupt += c == 1;
    unreadable += c == UNREADABLE;
  }
  if (unreadable)
    status = fail("check", "%d object%s not checked: not readable in this security context",
                  unreadable, unreadable == 1 ? " was" : "s were");
  if (corrupt)
    status = fail("check", "%d object%s corrupt", corrupt, corrupt == 1 ? " is" : "s are");
  return status;
}
