/* twz ctx: make and inspect security contexts. */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "twz-tool.h"

static const char usage_ctx[] =
    "usage: twz ctx new NAME --key KEY\n"
    "       twz ctx show CTX\n"
    "       twz ctx mask CTX OBJ RIGHTS\n"
    "       twz ctx rights CTX OBJ\n"
    "\n"
    "new     make security context NAME; KEY (see 'twz key') signs the delegations\n"
    "        it makes and protects the context object itself. Every process may\n"
    "        enter it (default rights u); after 'twz key protect NAME KEY --default -'\n"
    "        entering it takes a capability with u.\n"
    "show    every entry (capability, delegation, mask) with whether it is valid\n"
    "        and why not, and the rights the context has on each object named.\n"
    "mask    limit what the context may use on OBJ to RIGHTS, whatever its\n"
    "        capabilities grant.\n"
    "rights  print the rights the context has on OBJ (r w x u d, '-' if not).\n"
    "\n"
    "Run a program in a context with TWZ_CONTEXT=CTX: every object it maps gets\n"
    "exactly these rights.\n";

/* The context's root, for reading (the tool never changes it directly). */
static const struct twz_ctx *ctx_of(twz_object *obj) {
  uint64_t root = twz_object_header(obj)->root;
  if (TWZ_PTR_INDEX(root) != 0 || TWZ_PTR_OFFSET(root) < TWZ_DATA_START ||
      TWZ_PTR_OFFSET(root) > TWZ_DATA_END - sizeof(struct twz_ctx))
    return NULL;
  const struct twz_ctx *c = (const void *)(twz_object_base(obj) + TWZ_PTR_OFFSET(root));
  return c->magic == TWZ_CTX_MAGIC ? c : NULL;
}

static twz_object *open_ctx(const char *cmd, const char *arg, twz_id *id) {
  char err[1024];
  twz_object *obj = open_arg(arg, id, err, sizeof err);
  if (!obj)
    fail(cmd, "%s", err);
  else if (!ctx_of(obj)) {
    fail(cmd, "'%s' is not a security context", arg);
    obj = NULL;
  }
  return obj;
}

static int ctx_new(int npos, char **pos, const char *key) {
  const char *cmd = "ctx new";
  char err[1024], hex[TWZ_ID_STRLEN + 1];
  twz_id kid;
  uint8_t pk[TWZ_PK_BYTES];
  struct twz_sec_env env;
  if (npos != 1)
    return usage_error(cmd, "want the context's NAME");
  if (!key)
    return usage_error(cmd, "want --key KEY (it signs the context's delegations)");
  if (resolve_arg(key, &kid, err, sizeof err) < 0)
    return fail(cmd, "%s", err);
  twz_sec_hosted_env(&env);
  if (env.public_key(env.arg, kid.b, pk) < 0)
    return fail(cmd, "'%s' is not a key object", key);
  twz_object *obj = twz_ctx_create(pos[0], &kid);
  if (!obj)
    return fail(cmd, "cannot make context '%s': %s", pos[0], twz_error());
  twz_id id = twz_object_id(obj);
  twz_id_format(&id, hex);
  printf("%s\n", hex);
  return EXIT_OK;
}

struct show {
  const struct names *names;
  int n;
};

static void show_entry(void *arg, const struct twz_ctx_entry *e, const struct twz_sec_result *r) {
  struct show *s = arg;
  char perms[6], lbl[200];
  const char *kind = e->kind == TWZ_CTX_CAP ? "capability" : "delegation";
  printf("  %s at 0x%" PRIx64 " (%" PRIu64 " bytes): ", kind, e->offset, e->len);
  if (r->status == TWZ_SEC_OK)
    printf("valid, grants %s, serial %016" PRIx64 "\n", twz_perm_format(r->perms, perms), r->serial);
  else
    printf("INVALID (link %u: %s)\n", r->depth, twz_sec_status_text(r->status));
  if (r->status == TWZ_SEC_WRONG_HOLDER)
    printf("    held by %s\n", id_label((const twz_id *)r->holder, s->names, lbl, sizeof lbl));
  s->n++;
}

static int ctx_show(int npos, char **pos) {
  const char *cmd = "ctx show";
  twz_id id;
  char lbl[200], klbl[200], perms[6];
  if (npos != 1)
    return usage_error(cmd, "want a context");
  twz_object *obj = open_ctx(cmd, pos[0], &id);
  if (!obj)
    return EXIT_RUNTIME;
  struct names t = {0};
  char err[512];
  names_load(&t, err, sizeof err);
  const struct twz_ctx *c = ctx_of(obj);
  const struct twz_obj_header *h = twz_object_header(obj);
  printf("context %s\nkey     %s\nmask    %s\nentries %" PRIu64 "\n",
         id_label(&id, &t, lbl, sizeof lbl), id_label((const twz_id *)h->kuid, &t, klbl, sizeof klbl),
         twz_perm_format(c->global_mask, perms), c->count);
  /* One block per target object, in order of first appearance. */
  uint64_t n = c->count < TWZ_CTX_MAX ? c->count : TWZ_CTX_MAX;
  for (uint64_t i = 0; i < n; i++) {
    bool seen = false;
    for (uint64_t j = 0; j < i; j++)
      seen |= !memcmp(c->entries[j].target, c->entries[i].target, 16);
    if (seen)
      continue;
    const twz_id *target = (const twz_id *)c->entries[i].target;
    printf("object %s\n", id_label(target, &t, lbl, sizeof lbl));
    for (uint64_t j = i; j < n; j++)
      if (!memcmp(c->entries[j].target, target->b, 16) && c->entries[j].kind == TWZ_CTX_MASK)
        printf("  mask %s\n", twz_perm_format(c->entries[j].mask, perms));
    struct show s = {&t, 0};
    uint32_t r = twz_ctx_rights(obj, target, show_entry, &s);
    printf("  rights %s\n", twz_perm_format(r, perms));
  }
  names_free(&t);
  return EXIT_OK;
}

static int ctx_mask(int npos, char **pos) {
  const char *cmd = "ctx mask";
  char err[1024];
  twz_id id, oid;
  uint32_t mask;
  if (npos != 3)
    return usage_error(cmd, "want CTX, OBJ and RIGHTS");
  if (twz_perm_parse(pos[2], &mask) < 0)
    return usage_error(cmd, "%s", twz_error());
  twz_object *obj = open_ctx(cmd, pos[0], &id);
  if (!obj)
    return EXIT_RUNTIME;
  if (resolve_arg(pos[1], &oid, err, sizeof err) < 0)
    return fail(cmd, "%s", err);
  if (twz_ctx_add(obj, &oid, TWZ_CTX_MASK, mask, NULL, 0) < 0)
    return fail(cmd, "%s", twz_error());
  return EXIT_OK;
}

static int ctx_rights(int npos, char **pos) {
  const char *cmd = "ctx rights";
  char err[1024], perms[6];
  twz_id id, oid;
  if (npos != 2)
    return usage_error(cmd, "want CTX and OBJ");
  twz_object *obj = open_ctx(cmd, pos[0], &id);
  if (!obj)
    return EXIT_RUNTIME;
  if (resolve_arg(pos[1], &oid, err, sizeof err) < 0)
    return fail(cmd, "%s", err);
  if (!twz_store_has(&oid))
    return fail(cmd, "object '%s' does not exist", pos[1]);
  printf("%s\n", twz_perm_format(twz_ctx_rights(obj, &oid, NULL, NULL), perms));
  return EXIT_OK;
}

int cmd_ctx(int argc, char **argv) {
  if (argc < 2)
    return usage_error("ctx", "want a subcommand: new, show, mask or rights");
  const char *sub = argv[1];
  if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
    return fputs(usage_ctx, stdout), EXIT_OK;
  const char *key = NULL;
  struct opt opts[] = {{"key", &key, NULL}, {NULL, NULL, NULL}};
  char **pos = argv + 2, cmd[32];
  snprintf(cmd, sizeof cmd, "ctx %s", sub);
  int npos, r = parse_args(cmd, argc - 1, argv + 1, opts, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_ctx, stdout), EXIT_OK) : EXIT_USAGE;
  if (!strcmp(sub, "new"))
    return ctx_new(npos, pos, key);
  if (key)
    return usage_error(cmd, "--key is for 'ctx new'");
  if (!strcmp(sub, "show"))
    return ctx_show(npos, pos);
  if (!strcmp(sub, "mask"))
    return ctx_mask(npos, pos);
  if (!strcmp(sub, "rights"))
    return ctx_rights(npos, pos);
  return usage_error("ctx", "unknown subcommand '%s' (want new, show, mask or rights)", sub);
}
