/* twz tool: messages, command-line parsing, the store and its names. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

#include "twz-tool.h"

static void vmessage(const char *cmd, const char *fmt, va_list ap) {
  fflush(stdout); /* keep stdout and stderr in order when they are one file */
  fprintf(stderr, "twz: %s: ", cmd);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

int fail(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(cmd, fmt, ap);
  va_end(ap);
  return EXIT_RUNTIME;
}

int usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(cmd, fmt, ap);
  va_end(ap);
  fprintf(stderr, "Try 'twz %s --help'.\n", cmd);
  return EXIT_USAGE;
}

void note(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(cmd, fmt, ap);
  va_end(ap);
}

int parse_args(const char *cmd, int argc, char **argv, const struct opt *opts, char **pos,
               int *npos) {
  bool only_operands = false;
  *npos = 0;
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    if (only_operands || a[0] != '-' || a[1] == 0) {
      pos[(*npos)++] = a;
      continue;
    }
    if (!strcmp(a, "--")) {
      only_operands = true;
      continue;
    }
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return 1;
    if (a[1] != '-') {
      usage_error(cmd, "unknown option '%s'", a);
      return -1;
    }
    const char *name = a + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const struct opt *o = opts;
    for (; o && o->name; o++)
      if (strlen(o->name) == len && !strncmp(o->name, name, len))
        break;
    if (!o || !o->name) {
      usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
      return -1;
    }
    if (!o->value) {
      if (eq) {
        usage_error(cmd, "option '--%s' takes no value", o->name);
        return -1;
      }
      *o->flag = true;
    } else if (eq) {
      *o->value = eq + 1;
    } else if (i + 1 < argc) {
      *o->value = argv[++i];
    } else {
      usage_error(cmd, "option '--%s' needs a value", o->name);
      return -1;
    }
  }
  return 0;
}

/* ---- store ---- */

bool namespace_exists(void) {
  twz_id ns = twz_namespace_object_id();
  return twz_store_has(&ns);
}

/* ---- names ---- */

struct collect {
  struct names *t;
  size_t cap;
  bool oom;
};

static void collect_one(const char *name, const twz_id *id, void *arg) {
  struct collect *c = arg;
  if (c->oom)
    return;
  if (c->t->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 64;
    struct binding *v = realloc(c->t->v, cap * sizeof *v);
    if (!v) {
      c->oom = true;
      return;
    }
    c->t->v = v;
    c->cap = cap;
  }
  struct binding *b = &c->t->v[c->t->n++];
  snprintf(b->name, sizeof b->name, "%s", name);
  b->id = *id;
}

static int cmp_bindings(const void *a, const void *b) {
  return strcmp(((const struct binding *)a)->name, ((const struct binding *)b)->name);
}

int names_load(struct names *t, char *err, size_t errlen) {
  t->v = NULL;
  t->n = 0;
  if (!namespace_exists())
    return 0;
  struct collect c = {t, 0, false};
  if (twz_name_list(collect_one, &c) < 0) {
    snprintf(err, errlen, "cannot read the store's names: %s", twz_error());
    names_free(t);
    return -1;
  }
  if (c.oom) {
    snprintf(err, errlen, "out of memory");
    names_free(t);
    return -1;
  }
  if (t->n)
    qsort(t->v, t->n, sizeof *t->v, cmp_bindings);
  return 0;
}

void names_free(struct names *t) {
  free(t->v);
  t->v = NULL;
  t->n = 0;
}

int names_print(FILE *out, const struct names *t, const twz_id *id) {
  int k = 0;
  for (size_t i = 0; t && i < t->n; i++)
    if (!memcmp(&t->v[i].id, id, sizeof *id))
      fprintf(out, "%s%s", k++ ? ", " : "", t->v[i].name);
  return k;
}

const struct binding *names_find(const struct names *t, const char *name) {
  for (size_t i = 0; t && i < t->n; i++)
    if (!strcmp(t->v[i].name, name))
      return &t->v[i];
  return NULL;
}

int resolve_arg(const char *arg, twz_id *id, char *err, size_t errlen) {
  if (twz_id_parse(arg, id) == 0)
    return 0;
  if (namespace_exists() && twz_name_resolve(arg, id) == 0)
    return 0;
  /* Not bound, not a valid name, or the namespace cannot be read: tell which. */
  struct names t;
  char why[512];
  if (names_load(&t, why, sizeof why) < 0) {
    snprintf(err, errlen, "'%s' is not an object ID, and %s", arg, why);
    return -1;
  }
  names_free(&t);
  snprintf(err, errlen, "'%s' is neither an object ID nor a name bound in store %s", arg,
           twz_store_path());
  return -1;
}

twz_object *open_arg(const char *arg, twz_id *id, char *err, size_t errlen) {
  if (resolve_arg(arg, id, err, errlen) < 0)
    return NULL;
  twz_object *obj = twz_object_open_id(id);
  char have[6];
  if (!obj) {
    snprintf(err, errlen, "%s", twz_error());
  } else if (!(twz_object_rights(obj) & (TWZ_PERM_READ | TWZ_PERM_WRITE))) {
    /* Reading it would be an access fault: say so instead. */
    char ctx[TWZ_ID_STRLEN + 1];
    twz_id cid = twz_object_id(twz_context());
    twz_id_format(&cid, ctx);
    snprintf(err, errlen, "object '%s' is not readable in security context %s (rights %s)", arg,
             ctx, twz_perm_format(twz_object_rights(obj), have));
    obj = NULL;
  }
  return obj;
}

/* ---- security helpers ---- */

int read_passphrase(const char *cmd, const char *file, char *buf, size_t len) {
  if (file) {
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    if (!f)
      return fail(cmd, "cannot open passphrase file %s: %s", file, strerror(errno)), -1;
    char *ok = fgets(buf, (int)len, f);
    if (f != stdin)
      fclose(f);
    if (!ok)
      return fail(cmd, "passphrase file %s is empty", file), -1;
  } else if (getenv("TWZ_PASSPHRASE")) {
    snprintf(buf, len, "%s", getenv("TWZ_PASSPHRASE"));
  } else {
    /* Interactive: read from the terminal with echo off. */
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
      return fail(cmd, "no passphrase: give --passphrase-file FILE or set TWZ_PASSPHRASE"), -1;
    struct termios old, quiet;
    int fd = fileno(tty), have = tcgetattr(fd, &old) == 0;
    fputs("passphrase: ", tty);
    fflush(tty);
    if (have) {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t)ECHO;
      tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    char *ok = fgets(buf, (int)len, tty);
    if (have)
      tcsetattr(fd, TCSAFLUSH, &old);
    fputc('\n', tty);
    fclose(tty);
    if (!ok)
      return fail(cmd, "no passphrase read from the terminal"), -1;
  }
  buf[strcspn(buf, "\r\n")] = 0;
  if (!buf[0])
    return fail(cmd, "the passphrase is empty"), -1;
  return 0;
}

const char *id_label(const twz_id *id, const struct names *t, char *buf, size_t len) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  for (size_t i = 0; t && i < t->n; i++)
    if (!memcmp(&t->v[i].id, id, sizeof *id)) {
      snprintf(buf, len, "%s (%s)", hex, t->v[i].name);
      return buf;
    }
  snprintf(buf, len, "%s", hex);
  return buf;
}
