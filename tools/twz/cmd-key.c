/* twz key: make signing keys, protect objects with them, revoke. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "twz-tool.h"

static const char usage_key[] =
    "usage: twz key new NAME [--passphrase-file FILE]\n"
    "       twz key show KEY\n"
    "       twz key protect OBJ KEY [--default RIGHTS]\n"
    "       twz key revoke KEY SERIAL\n"
    "\n"
    "new      make an Ed25519 key pair: object NAME holds the public key (every\n"
    "         context may read it), object NAME.secret the private key sealed\n"
    "         with a passphrase (Argon2id + XSalsa20-Poly1305). The passphrase\n"
    "         comes from --passphrase-file, else $TWZ_PASSPHRASE, else the\n"
    "         terminal. Prints the key's ID.\n"
    "show     the public key, where the sealed private key is, revoked serials.\n"
    "protect  give OBJ to KEY: contexts then get RIGHTS on OBJ (default none) plus\n"
    "         what capabilities signed with KEY grant them.\n"
    "revoke   put a capability's or delegation's SERIAL (as printed by 'twz cap')\n"
    "         on KEY's revocation list: it stops granting anything.\n"
    "RIGHTS are letters r (read) w (write) x (execute) u (use gates) d (delete),\n"
    "or '-' for none.\n";

static int key_new(int npos, char **pos, const char *pfile) {
  const char *cmd = "key new";
  char pass[1024], hex[TWZ_ID_STRLEN + 1];
  twz_id id;
  if (npos != 1)
    return usage_error(cmd, "want the key's NAME");
  if (read_passphrase(cmd, pfile, pass, sizeof pass) < 0)
    return EXIT_RUNTIME;
  if (twz_key_create(pos[0], pass, &id) < 0)
    return fail(cmd, "cannot make key '%s': %s", pos[0], twz_error());
  twz_id_format(&id, hex);
  printf("%s\n", hex);
  return EXIT_OK;
}

static int key_show(int npos, char **pos) {
  const char *cmd = "key show";
  char err[1024], hex[TWZ_ID_STRLEN + 1];
  twz_id id;
  if (npos != 1)
    return usage_error(cmd, "want a KEY");
  twz_object *obj = open_arg(pos[0], &id, err, sizeof err);
  if (!obj)
    return fail(cmd, "%s", err);
  const struct twz_obj_header *h = twz_object_header(obj);
  uint64_t root = h->root;
  const struct twz_key *k =
      TWZ_PTR_INDEX(root) == 0 && TWZ_PTR_OFFSET(root) >= TWZ_DATA_START &&
              TWZ_PTR_OFFSET(root) <= TWZ_DATA_END - sizeof *k
          ? (const void *)(twz_object_base(obj) + TWZ_PTR_OFFSET(root))
          : NULL;
  twz_id_format(&id, hex);
  if (!k || k->magic != TWZ_KEY_MAGIC)
    return fail(cmd, "object %s is not a key object", hex);
  printf("key         %s\nalgorithm   %s\npublic key  ", hex,
         k->alg == TWZ_KEY_ED25519 ? "ed25519" : "unknown");
  for (int i = 0; i < TWZ_PK_BYTES; i++)
    printf("%02x", k->pk[i]);
  twz_id_format((const twz_id *)k->secret, hex);
  printf("\nsecret      %s (sealed)\nrevoked     %" PRIu64 "\n", hex, k->nrevoked);
  for (uint64_t i = 0; i < k->nrevoked && i < TWZ_KEY_REVOKED_MAX; i++)
    printf("  serial %016" PRIx64 "\n", k->revoked[i]);
  return EXIT_OK;
}

static int key_protect(int npos, char **pos, const char *dflt_text) {
  const char *cmd = "key protect";
  char err[1024], have[6];
  twz_id oid, kid;
  uint32_t dflt = 0;
  if (npos != 2)
    return usage_error(cmd, "want OBJ and KEY");
  if (dflt_text && twz_perm_parse(dflt_text, &dflt) < 0)
    return usage_error(cmd, "%s", twz_error());
  if (resolve_arg(pos[1], &kid, err, sizeof err) < 0)
    return fail(cmd, "%s", err);
  uint8_t pk[TWZ_PK_BYTES];
  struct twz_sec_env env;
  twz_sec_hosted_env(&env);
  if (env.public_key(env.arg, kid.b, pk) < 0)
    return fail(cmd, "'%s' is not a key object", pos[1]);
  twz_object *obj = open_arg(pos[0], &oid, err, sizeof err);
  if (!obj)
    return fail(cmd, "%s", err);
  if (twz_object_protect(obj, &kid, dflt) < 0)
    return fail(cmd, "cannot protect '%s': %s", pos[0], twz_error());
  printf("%s: key %s, default rights %s\n", pos[0], pos[1], twz_perm_format(dflt, have));
  return EXIT_OK;
}

static int key_revoke(int npos, char **pos) {
  const char *cmd = "key revoke";
  char err[1024], *end;
  twz_id kid;
  if (npos != 2)
    return usage_error(cmd, "want KEY and SERIAL");
  uint64_t serial = strtoull(pos[1], &end, 16);
  if (!*pos[1] || *end || !serial)
    return usage_error(cmd, "'%s' is not a serial (16 hex digits)", pos[1]);
  if (resolve_arg(pos[0], &kid, err, sizeof err) < 0)
    return fail(cmd, "%s", err);
  if (twz_key_revoke(&kid, serial) < 0)
    return fail(cmd, "cannot revoke: %s", twz_error());
  printf("revoked serial %016" PRIx64 "\n", serial);
  return EXIT_OK;
}

int cmd_key(int argc, char **argv) {
  if (argc < 2)
    return usage_error("key", "want a subcommand: new, show, protect or revoke");
  const char *sub = argv[1];
  if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
    return fputs(usage_key, stdout), EXIT_OK;
  const char *pfile = NULL, *dflt = NULL;
  struct opt opts[] = {{"passphrase-file", &pfile, NULL}, {"default", &dflt, NULL}, {NULL, NULL, NULL}};
  char **pos = argv + 2, cmd[32];
  snprintf(cmd, sizeof cmd, "key %s", sub);
  int npos, r = parse_args(cmd, argc - 1, argv + 1, opts, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_key, stdout), EXIT_OK) : EXIT_USAGE;
  if (!strcmp(sub, "new"))
    return dflt ? usage_error(cmd, "--default is for 'key protect'") : key_new(npos, pos, pfile);
  if (pfile)
    return usage_error(cmd, "--passphrase-file is for 'key new'");
  if (!strcmp(sub, "protect"))
    return key_protect(npos, pos, dflt);
  if (dflt)
    return usage_error(cmd, "--default is for 'key protect'");
  if (!strcmp(sub, "show"))
    return key_show(npos, pos);
  if (!strcmp(sub, "revoke"))
    return key_revoke(npos, pos);
  return usage_error("key", "unknown subcommand '%s' (want new, show, protect or revoke)", sub);
}
