/*
 * twz: the object store tool (like PMDK's pmempool). Shared declarations of
 * the subcommands (cmd-*.c), the helpers (util.c) and the object inspector
 * (inspect.c, which the fuzzer in fuzz/ links too).
 *
 * The tool never dereferences a __persistent pointer and has no copy of the
 * runtime's formats or store layout: it reads objects and the store through
 * the runtime's inspection API (<twz/inspect.h>), the only thing libtwz.so
 * exports for it.
 */
#ifndef TWZ_TOOL_H
#define TWZ_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <twz/abi.h>
#include <twz/twz.h>

/* Exit statuses. */
#define EXIT_OK 0
#define EXIT_RUNTIME 1 /* a runtime error or a corrupt object */
#define EXIT_USAGE 2   /* bad command line */

/* ---- messages (util.c) ---- */

/* "twz: CMD: MESSAGE" on stderr; returns EXIT_RUNTIME. */
int fail(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "twz: CMD: MESSAGE" and a pointer to --help on stderr; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A note on stderr that does not change the exit status. */
void note(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- command lines (util.c) ---- */

struct opt {
  const char *name;   /* long option without "--", e.g. "name" */
  const char **value; /* option with a value: where to store it; NULL for a flag */
  bool *flag;         /* flag: set to true when given */
};

/* Parse `argv[1..argc)` of subcommand `cmd`: options (--opt VALUE, --opt=VALUE,
 * --flag, "--" ends options) may be mixed with operands, which are collected
 * in order into pos[]. pos may be argv + 1: operands are then compacted in
 * place (an operand is never written past where it was read). Returns 0, or
 * -1 after a usage error message, or 1 if --help/-h was given (the caller
 * prints its help). */
int parse_args(const char *cmd, int argc, char **argv, const struct opt *opts, char **pos,
               int *npos);

/* ---- the store (util.c) ---- */

/* The bindings of the store's namespace, sorted by name. */
struct binding {
  char name[TWZ_NAME_MAX + 1];
  twz_id id;
};
struct names {
  struct binding *v;
  size_t n;
};
/* Load every binding. A store without a namespace object has none (and is
 * not given one: looking names up in libtwz creates the namespace). Returns 0,
 * or -1 with the runtime's message in `err`. */
int names_load(struct names *t, char *err, size_t errlen);
void names_free(struct names *t);
/* Print the names bound to `id`, separated by ", "; returns how many. */
int names_print(FILE *out, const struct names *t, const twz_id *id);
/* The binding of `name`, or NULL. */
const struct binding *names_find(const struct names *t, const char *name);

/* The store has a namespace object (twz_store_has). */
bool namespace_exists(void);

/* An operand that is an object ID or a name: twz_id_parse first, else the
 * namespace. Returns 0, or -1 with a message in `err`. */
int resolve_arg(const char *arg, twz_id *id, char *err, size_t errlen);
/* resolve_arg, then open the object. NULL with a message in `err`. */
twz_object *open_arg(const char *arg, twz_id *id, char *err, size_t errlen);

/* ---- inspection (inspect.c; also used by the fuzzer) ---- */

/* FOT entry flags as "VALID|R|W|X|NAME" (unknown bits as "|0x..."), or "-". */
void fot_flags_text(uint32_t flags, char *buf, size_t len);
/* Print the header and the FOT of `obj`. `names` (or NULL) labels IDs and
 * resolves NAME entries; with `check_targets`, target IDs whose object file
 * is missing are marked. Reads only what the bounds allow: safe on a corrupt
 * object that opened. */
void show_object(FILE *out, const twz_object *obj, const struct names *names, bool check_targets);

/* ---- security (util.c) ---- */

/* The passphrase of a private key: from `file` (first line; "-" is stdin),
 * else $TWZ_PASSPHRASE, else the terminal with echo off. 0, or -1 after a
 * message. */
int read_passphrase(const char *cmd, const char *file, char *buf, size_t len);
/* "ID (name)" or "ID". */
const char *id_label(const twz_id *id, const struct names *t, char *buf, size_t len);

/* ---- subcommands: argv[0] is the subcommand's name ---- */
int cmd_new(int argc, char **argv);
int cmd_rm(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_name(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_fot(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_ctx(int argc, char **argv);
int cmd_cap(int argc, char **argv);

#endif
