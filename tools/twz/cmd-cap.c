/* twz cap: grant, delegate, verify and import capabilities. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "twz-tool.h"

static const char usage_cap[] =
    "usage: twz cap grant OBJ CTX RIGHTS [--key KEY] [--expires WHEN] [--gate OFF:LEN]\n"
    "                                    [--passphrase-file F] [--out FILE] [--no-add]\n"
    "       twz cap delegate OBJ FROM TO RIGHTS [--expires WHEN] [--inner FILE]\n"
    "                                    [--passphrase-file F] [--out FILE] [--no-add]\n"
    "                                    [--allow-invalid]\n"
    "       twz cap verify FILE [--for CTX]\n"
    "       twz cap import CTX FILE\n"
    "\n"
    "grant     sign a capability letting context CTX use RIGHTS on OBJ, with the\n"
    "          private key of KEY (default: the key protecting OBJ; its passphrase\n"
    "          from --passphrase-file, $TWZ_PASSPHRASE or the terminal), and add it\n"
    "          to CTX (unless --no-add); --out also writes it to FILE.\n"
    "delegate  context FROM passes RIGHTS on OBJ to context TO: wraps the best\n"
    "          capability or delegation FROM holds for OBJ (or the one in --inner\n"
    "          FILE) in a delegation signed with FROM's key. A delegation that\n"
    "          would be invalid (wider rights, a broken chain) is refused unless\n"
    "          --allow-invalid (for testing verifiers).\n"
    "verify    explain a capability or delegation chain link by link and say\n"
    "          whether it is valid (exit 0) or why not (exit 1); --for CTX also\n"
    "          checks that CTX is the one that may use it.\n"
    "import    add the capability or delegation in FILE to CTX as it is.\n"
    "\n"
    "RIGHTS: letters r w x u d ('-' for none). WHEN: never, +SECONDS from now,\n"
    "or seconds since the Unix epoch. Serials are printed in hex; 'twz key\n"
    "revoke KEY SERIAL' revokes one.\n";

struct capopts {
  const char *key, *expires, *gate, *pfile, *out, *inner, *for_ctx;
  bool no_add, allow_invalid;
};

static int parse_when(const char *cmd, const char *text, uint64_t *when) {
  char *end;
  *when = 0;
  if (!text || !strcmp(text, "never"))
    return 0;
  errno = 0;
  if (text[0] == '+') {
    unsigned long long d = strtoull(text + 1, &end, 10);
    if (!text[1] || *end || errno)
      return usage_error(cmd, "bad --expires '%s'", text), -1;
    *when = (uint64_t)time(NULL) + d;
  } else {
    unsigned long long t = strtoull(text, &end, 10);
    if (!*text || *end || errno || !t)
      return usage_error(cmd, "bad --expires '%s' (never, +SECONDS or epoch seconds)", text), -1;
    *when = t;
  }
  return 0;
}

static void when_text(uint64_t t, char *buf, size_t len) {
  time_t tt = (time_t)t;
  struct tm tm;
  if (!t)
    snprintf(buf, len, "never");
  else if (gmtime_r(&tt, &tm))
    strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm);
  else
    snprintf(buf, len, "%" PRIu64, t);
}

static int write_blob(const char *cmd, const char *path, const void *b, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(b, 1, len, f) != len || fclose(f) != 0)
    return fail(cmd, "cannot write %s: %s", path, strerror(errno)), -1;
  return 0;
}

static uint8_t *read_blob(const char *cmd, const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return fail(cmd, "cannot open %s: %s", path, strerror(errno)), NULL;
  size_t cap = 1 << 16;
  uint8_t *b = malloc(cap);
  *len = b ? fread(b, 1, cap, f) : 0;
  bool big = b && !feof(f);
  fclose(f);
  if (!b || big) {
    free(b);
    return fail(cmd, "%s is not a capability (too large)", path), NULL;
  }
  return b;
}

static int unseal(const char *cmd, const twz_id *key, const char *pfile, uint8_t sk[TWZ_SK_BYTES]) {
  char pass[1024], hex[TWZ_ID_STRLEN + 1];
  if (read_passphrase(cmd, pfile, pass, sizeof pass) < 0)
    return -1;
  if (twz_key_unseal(key, pass, sk) < 0) {
    twz_id_format(key, hex);
    return fail(cmd, "%s", twz_error()), -1;
  }
  return 0;
}

/* The chain, link by link, as the bytes say (bounded, like the verifier). */
static void describe(const uint8_t *b, size_t len, unsigned depth, const struct names *t) {
  char l1[200], l2[200], l3[200], perms[6], when[64];
  size_t size = twz_sec_blob_size(b, len);
  uint32_t magic = 0;
  if (len >= 4)
    memcpy(&magic, b, 4);
  if (magic == TWZ_CAP_MAGIC && size) {
    struct twz_cap c;
    memcpy(&c, b, sizeof c);
    when_text(c.expires, when, sizeof when);
    printf("link %u: capability: object %s\n        for context %s, rights %s", depth,
           id_label((const twz_id *)c.target, t, l1, sizeof l1),
           id_label((const twz_id *)c.accessor, t, l2, sizeof l2), twz_perm_format(c.perms, perms));
    if (c.gate_length)
      printf(", gates 0x%" PRIx64 "+0x%" PRIx64, c.gate_offset, c.gate_length);
    printf("\n        expires %s, serial %016" PRIx64 ", signed by key %s\n", when, c.serial,
           id_label((const twz_id *)c.signer, t, l3, sizeof l3));
  } else if (magic == TWZ_DLG_MAGIC && size && depth < TWZ_DLG_MAX_DEPTH) {
    struct twz_dlg d;
    memcpy(&d, b, sizeof d);
    when_text(d.expires, when, sizeof when);
    printf("link %u: delegation: from context %s\n        to context %s, rights %s\n"
           "        expires %s, serial %016" PRIx64 ", signed by key %s\n",
           depth, id_label((const twz_id *)d.delegator, t, l1, sizeof l1),
           id_label((const twz_id *)d.delegatee, t, l2, sizeof l2), twz_perm_format(d.mask, perms),
           when, d.serial, id_label((const twz_id *)d.signer, t, l3, sizeof l3));
    describe(b + sizeof d, d.inner_len, depth + 1, t);
  } else {
    printf("link %u: not a well-formed capability or delegation (%zu bytes)\n", depth, len);
  }
}

/* Why the failing link fails, with the IDs involved. */
static void explain(FILE *out, const struct twz_sec_result *r, const struct names *t) {
  char l1[200], l2[200], p1[6], p2[6], w1[64], w2[64];
  unsigned d = r->depth;
  switch (r->status) {
  case TWZ_SEC_WRONG_KEY:
    fprintf(out, "INVALID: link %u is signed by key %s, but what it names is protected by key %s\n", d,
           id_label((const twz_id *)r->signer, t, l1, sizeof l1),
           id_label((const twz_id *)r->expected, t, l2, sizeof l2));
    break;
  case TWZ_SEC_BAD_SIGNATURE:
    fprintf(out, "INVALID: link %u: the signature does not verify with the public key of %s: it was "
           "forged or altered\n", d, id_label((const twz_id *)r->signer, t, l1, sizeof l1));
    break;
  case TWZ_SEC_EXPIRED:
    when_text(r->expires, w1, sizeof w1);
    when_text((uint64_t)time(NULL), w2, sizeof w2);
    fprintf(out, "INVALID: link %u expired at %s (now %s)\n", d, w1, w2);
    break;
  case TWZ_SEC_REVOKED:
    fprintf(out, "INVALID: link %u (serial %016" PRIx64 ") is revoked: it is on the revocation list of "
           "key %s\n", d, r->serial, id_label((const twz_id *)r->signer, t, l1, sizeof l1));
    break;
  case TWZ_SEC_BROKEN_CHAIN:
    fprintf(out, "INVALID: broken chain at link %u: the capability it passes on is held by context %s, "
           "not by the delegating context\n", d,
           id_label((const twz_id *)r->expected, t, l1, sizeof l1));
    break;
  case TWZ_SEC_WIDENS:
    fprintf(out, "INVALID: link %u widens rights: it passes on %s, but the link inside grants only %s\n",
           d, twz_perm_format(r->perms, p1), twz_perm_format(r->inner_perms, p2));
    break;
  case TWZ_SEC_UNPROTECTED:
    fprintf(out, "INVALID: link %u: the object it names has no key, so no capability can be signed for "
           "it ('twz key protect')\n", d);
    break;
  case TWZ_SEC_NO_OBJECT:
    fprintf(out, "INVALID: link %u: the object it names does not exist or cannot be read\n", d);
    break;
  case TWZ_SEC_NO_KEY:
    fprintf(out, "INVALID: link %u: its signing key %s cannot be read\n", d,
           id_label((const twz_id *)r->signer, t, l1, sizeof l1));
    break;
  default:
    fprintf(out, "INVALID: link %u: %s\n", d, twz_sec_status_text(r->status));
  }
}

static int verify_blob(const char *cmd, const uint8_t *b, size_t len, const char *for_ctx) {
  char err[1024], l1[200], l2[200], perms[6];
  struct names t = {0};
  names_load(&t, err, sizeof err);
  describe(b, len, 0, &t);
  struct twz_sec_env env;
  struct twz_sec_result r;
  twz_sec_hosted_env(&env);
  int status = EXIT_OK;
  if (twz_sec_verify(&env, b, len, &r) != TWZ_SEC_OK) {
    explain(stdout, &r, &t);
    status = EXIT_RUNTIME;
  } else {
    twz_id want;
    if (for_ctx && resolve_arg(for_ctx, &want, err, sizeof err) < 0) {
      names_free(&t);
      return fail(cmd, "%s", err);
    }
    if (for_ctx && memcmp(want.b, r.holder, 16)) {
      printf("INVALID for %s: valid, but held by context %s\n", for_ctx,
             id_label((const twz_id *)r.holder, &t, l1, sizeof l1));
      status = EXIT_RUNTIME;
    } else {
      printf("valid: grants %s on object %s to context %s\n", twz_perm_format(r.perms, perms),
             id_label((const twz_id *)r.target, &t, l1, sizeof l1),
             id_label((const twz_id *)r.holder, &t, l2, sizeof l2));
    }
  }
  names_free(&t);
  return status;
}

static int store_blob(const char *cmd, const struct capopts *o, twz_object *ctx,
                      const twz_id *target, uint32_t kind, const void *b, size_t len) {
  if (o->out && write_blob(cmd, o->out, b, len) < 0)
    return -1;
  if (!o->no_add && twz_ctx_add(ctx, target, kind, 0, b, len) < 0)
    return fail(cmd, "cannot add it to the context: %s", twz_error()), -1;
  return 0;
}

static twz_object *open_ctx_arg(const char *cmd, const char *arg, twz_id *id) {
  char err[1024];
  twz_object *obj = open_arg(arg, id, err, sizeof err);
  if (!obj)
    fail(cmd, "%s", err);
  return obj;
}

static int cap_grant(int npos, char **pos, const struct capopts *o) {
  const char *cmd = "cap grant";
  char err[1024], perms[6];
  twz_id oid, cid, kid;
  uint32_t rights;
  struct twz_cap cap = {0};
  if (npos != 3)
    return usage_error(cmd, "want OBJ, CTX and RIGHTS");
  if (twz_perm_parse(pos[2], &rights) < 0)
    return usage_error(cmd, "%s", twz_error());
  if (parse_when(cmd, o->expires, &cap.expires) < 0)
    return EXIT_USAGE;
  if (o->gate) {
    char *end;
    cap.gate_offset = strtoull(o->gate, &end, 0);
    if (*end != ':' || !(cap.gate_length = strtoull(end + 1, &end, 0)) || *end)
      return usage_error(cmd, "bad --gate '%s' (want OFFSET:LENGTH)", o->gate);
  }
  if (resolve_arg(pos[0], &oid, err, sizeof err) < 0)
    return fail(cmd, "%s", err);
  twz_object *ctx = open_ctx_arg(cmd, pos[1], &cid);
  if (!ctx)
    return EXIT_RUNTIME;
  if (o->key) {
    if (resolve_arg(o->key, &kid, err, sizeof err) < 0)
      return fail(cmd, "%s", err);
  } else {
    struct twz_sec_env env;
    twz_sec_hosted_env(&env);
    static const uint8_t zero[16];
    if (env.object_key(env.arg, oid.b, kid.b) < 0)
      return fail(cmd, "cannot read object '%s'", pos[0]);
    if (!memcmp(kid.b, zero, 16))
      return fail(cmd, "object '%s' has no key; give it one with 'twz key protect'", pos[0]);
  }
  uint8_t sk[TWZ_SK_BYTES];
  if (unseal(cmd, &kid, o->pfile, sk) < 0)
    return EXIT_RUNTIME;
  memcpy(cap.target, oid.b, 16);
  memcpy(cap.accessor, cid.b, 16);
  cap.perms = rights;
  twz_cap_sign(&cap, &kid, sk);
  memset(sk, 0, sizeof sk);
  if (store_blob(cmd, o, ctx, &oid, TWZ_CTX_CAP, &cap, sizeof cap) < 0)
    return EXIT_RUNTIME;
  printf("capability %016" PRIx64 ": %s on %s for %s\n", cap.serial, twz_perm_format(rights, perms),
         pos[0], pos[1]);
  return EXIT_OK;
}

static int cap_delegate(int npos, char **pos, const struct capopts *o) {
  const char *cmd = "cap delegate";
  char err[1024], perms[6];
  twz_id oid, from_id, to_id;
  struct twz_dlg d = {0};
  if (npos != 4)
    return usage_error(cmd, "want OBJ, FROM, TO and RIGHTS");
  if (twz_perm_parse(pos[3], &d.mask) < 0)
    return usage_error(cmd, "%s", twz_error());
  if (parse_when(cmd, o->expires, &d.expires) < 0)
    return EXIT_USAGE;
  if (resolve_arg(pos[0], &oid, err, sizeof err) < 0)
    return fail(cmd, "%s", err);
  twz_object *from = open_ctx_arg(cmd, pos[1], &from_id);
  twz_object *to = from ? open_ctx_arg(cmd, pos[2], &to_id) : NULL;
  if (!to)
    return EXIT_RUNTIME;
  const void *inner;
  size_t inner_len;
  uint8_t *file = NULL;
  if (o->inner) {
    if (!(file = read_blob(cmd, o->inner, &inner_len)))
      return EXIT_RUNTIME;
    inner = file;
  } else if (twz_ctx_find(from, &oid, &inner, &inner_len) < 0) {
    return fail(cmd, "context '%s' cannot delegate rights on '%s': %s", pos[1], pos[0], twz_error());
  }
  twz_id kid;
  memcpy(kid.b, twz_object_header(from)->kuid, 16);
  static const uint8_t zero[16];
  if (!memcmp(kid.b, zero, 16))
    return fail(cmd, "context '%s' has no key to sign delegations with", pos[1]);
  uint8_t sk[TWZ_SK_BYTES];
  if (unseal(cmd, &kid, o->pfile, sk) < 0)
    return EXIT_RUNTIME;
  memcpy(d.delegator, from_id.b, 16);
  memcpy(d.delegatee, to_id.b, 16);
  size_t cap = sizeof d + inner_len + TWZ_SIG_BYTES;
  uint8_t *b = malloc(cap);
  size_t len = b ? twz_dlg_sign(b, cap, &d, inner, inner_len, &kid, sk) : 0;
  memset(sk, 0, sizeof sk);
  free(file);
  if (!len)
    return fail(cmd, "cannot build the delegation");
  struct twz_sec_env env;
  struct twz_sec_result r;
  twz_sec_hosted_env(&env);
  if (twz_sec_verify(&env, b, len, &r) != TWZ_SEC_OK) {
    if (!o->allow_invalid) {
      struct names t = {0};
      names_load(&t, err, sizeof err);
      fprintf(stderr, "twz: %s: refusing to make an invalid delegation: ", cmd);
      explain(stderr, &r, &t);
      names_free(&t);
      free(b);
      return EXIT_RUNTIME;
    }
    note(cmd, "making an invalid delegation (--allow-invalid): %s", twz_sec_status_text(r.status));
  }
  memcpy(&d, b, sizeof d);
  int bad = store_blob(cmd, o, to, &oid, TWZ_CTX_DLG, b, len);
  free(b);
  if (bad)
    return EXIT_RUNTIME;
  printf("delegation %016" PRIx64 ": %s on %s from %s to %s\n", d.serial,
         twz_perm_format(d.mask, perms), pos[0], pos[1], pos[2]);
  return EXIT_OK;
}

static int cap_verify(int npos, char **pos, const struct capopts *o) {
  const char *cmd = "cap verify";
  size_t len;
  if (npos != 1)
    return usage_error(cmd, "want a FILE");
  uint8_t *b = read_blob(cmd, pos[0], &len);
  if (!b)
    return EXIT_RUNTIME;
  int r = verify_blob(cmd, b, len, o->for_ctx);
  free(b);
  return r;
}

static int cap_import(int npos, char **pos) {
  const char *cmd = "cap import";
  twz_id cid, target;
  size_t len;
  if (npos != 2)
    return usage_error(cmd, "want CTX and FILE");
  twz_object *ctx = open_ctx_arg(cmd, pos[0], &cid);
  if (!ctx)
    return EXIT_RUNTIME;
  uint8_t *b = read_blob(cmd, pos[1], &len);
  if (!b)
    return EXIT_RUNTIME;
  /* The entry is filed under the object the innermost capability names. */
  const uint8_t *p = b;
  size_t left = len;
  uint32_t magic = 0, kind = 0;
  for (unsigned depth = 0; depth < TWZ_DLG_MAX_DEPTH && left >= 4; depth++) {
    memcpy(&magic, p, 4);
    if (magic == TWZ_DLG_MAGIC && left >= sizeof(struct twz_dlg)) {
      kind = kind ? kind : TWZ_CTX_DLG;
      p += sizeof(struct twz_dlg);
      left -= sizeof(struct twz_dlg);
      continue;
    }
    break;
  }
  if (magic != TWZ_CAP_MAGIC || left < sizeof(struct twz_cap)) {
    free(b);
    return fail(cmd, "%s is not a capability or delegation", pos[1]);
  }
  memcpy(target.b, p + offsetof(struct twz_cap, target), 16);
  kind = kind ? kind : TWZ_CTX_CAP;
  int bad = twz_ctx_add(ctx, &target, kind, 0, b, len);
  free(b);
  if (bad)
    return fail(cmd, "%s", twz_error());
  return EXIT_OK;
}

int cmd_cap(int argc, char **argv) {
  if (argc < 2)
    return usage_error("cap", "want a subcommand: grant, delegate, verify or import");
  const char *sub = argv[1];
  if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
    return fputs(usage_cap, stdout), EXIT_OK;
  struct capopts o = {0};
  struct opt opts[] = {{"key", &o.key, NULL},         {"expires", &o.expires, NULL},
                       {"gate", &o.gate, NULL},       {"passphrase-file", &o.pfile, NULL},
                       {"out", &o.out, NULL},         {"inner", &o.inner, NULL},
                       {"for", &o.for_ctx, NULL},     {"no-add", NULL, &o.no_add},
                       {"allow-invalid", NULL, &o.allow_invalid}, {NULL, NULL, NULL}};
  char **pos = argv + 2, cmd[32];
  snprintf(cmd, sizeof cmd, "cap %s", sub);
  int npos, r = parse_args(cmd, argc - 1, argv + 1, opts, pos, &npos);
  if (r)
    return r > 0 ? (fputs(usage_cap, stdout), EXIT_OK) : EXIT_USAGE;
  if (!strcmp(sub, "grant"))
    return cap_grant(npos, pos, &o);
  if (!strcmp(sub, "delegate"))
    return cap_delegate(npos, pos, &o);
  if (!strcmp(sub, "verify"))
    return cap_verify(npos, pos, &o);
  if (!strcmp(sub, "import"))
    return cap_import(npos, pos);
  return usage_error("cap", "unknown subcommand '%s' (want grant, delegate, verify or import)", sub);
}
