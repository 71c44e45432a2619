/*
 * twz tool: print an object's header and FOT. Everything here must be safe
 * on a corrupt object that opened (the fuzzer in fuzz/ runs it on arbitrary
 * headers and FOTs): object memory outside the header and the FOT is read
 * only at offsets checked against the data area first.
 */
#include <inttypes.h>
#include <string.h>

#include "twz-tool.h"

void fot_flags_text(uint32_t flags, char *buf, size_t len) {
  static const struct {
    uint32_t bit;
    const char *name;
  } known[] = {{TWZ_FOT_VALID, "VALID"},
               {TWZ_FOT_READ, "R"},
               {TWZ_FOT_WRITE, "W"},
               {TWZ_FOT_EXEC, "X"},
               {TWZ_FOT_NAME, "NAME"}};
  size_t at = 0;
  buf[0] = 0;
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (flags & known[i].bit && at < len)
      at += (size_t)snprintf(buf + at, len - at, "%s%s", at ? "|" : "", known[i].name);
  if (flags & ~TWZ_FOT_KNOWN_FLAGS && at < len)
    at += (size_t)snprintf(buf + at, len - at, "%s0x%" PRIx32, at ? "|" : "",
                           flags & ~TWZ_FOT_KNOWN_FLAGS);
  if (!at)
    snprintf(buf, len, "-");
}

static void print_id(FILE *out, const twz_id *id) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  fputs(hex, out);
}

/* " (name, name)" after an ID, and " (no such object)" if asked to check. */
static void print_id_labels(FILE *out, const twz_id *id, const struct names *names,
                            bool check_targets) {
  if (twz_id_is_namespace(id)) {
    fputs(" (the store's namespace)", out);
  } else if (names) {
    bool any = false;
    for (size_t i = 0; i < names->n; i++)
      if (!memcmp(&names->v[i].id, id, sizeof *id)) {
        any = true;
        break;
      }
    if (any) {
      fputs(" (", out);
      names_print(out, names, id);
      fputc(')', out);
    }
  }
  if (check_targets && !twz_store_has(id))
    fputs(" (no such object)", out);
}

/* Where FOT entry `idx` leads, on one line (no newline). */
static void print_fot_target(FILE *out, const twz_object *obj, const struct twz_fot_entry *e,
                             const struct names *names, bool check_targets) {
  if (!(e->flags & TWZ_FOT_NAME)) {
    twz_id target;
    memcpy(target.b, e->id, sizeof target.b);
    print_id(out, &target);
    print_id_labels(out, &target, names, check_targets);
    return;
  }
  const char *name = twz_fot_name(obj, e);
  if (!name) {
    fprintf(out, "name at offset 0x%" PRIx64 ": not a name inside the data area", e->name);
    return;
  }
  fprintf(out, "name '%s'", name);
  if (e->resolver) {
    fprintf(out, " (resolver %" PRIu32 ", unknown)", e->resolver);
    return;
  }
  const struct binding *b = names ? names_find(names, name) : NULL;
  if (!names) {
    return;
  } else if (!b) {
    fputs(" -> not bound", out);
  } else {
    fputs(" -> ", out);
    print_id(out, &b->id);
    print_id_labels(out, &b->id, names, check_targets);
  }
}

static void show_log(FILE *out, const twz_object *obj) {
  struct twz_log_info log;
  twz_object_log(obj, &log);
  fprintf(out, "log         0x%" PRIx64, log.offset);
  if (!log.offset)
    fputs(" (none)\n", out);
  else if (!log.inside)
    fputs(" (outside the data area)\n", out);
  else if (!log.extents)
    fputs(" (malformed extent chain)\n", out);
  else if (log.state == TWZ_LOG_IDLE)
    log.extents == 1 ? fputs(" (idle)\n", out)
                     : fprintf(out, " (idle, %" PRIu32 " extents)\n", log.extents);
  else {
    char coord[TWZ_ID_STRLEN + 1];
    twz_id_format(&log.coord, coord);
    fprintf(out, " (active: %" PRIu64 " bytes of undo records, owner pid %" PRIu32 "%s%s)\n",
            log.used, log.owner_pid, log.participant ? ", coordinated by " : "",
            log.participant ? coord : "");
  }
}

void show_object(FILE *out, const twz_object *obj, const struct names *names, bool check_targets) {
  const struct twz_obj_header *h = twz_object_header(obj);
  twz_id id = twz_object_id(obj), hid;
  memcpy(hid.b, h->id, sizeof hid.b);
  /* The header is shared memory: read each field once. */
  uint64_t magic = h->magic, fot_count = twz_object_fot_count(obj), alloc_top = h->alloc_top;
  uint64_t root = h->root, lock = h->lock, heap = h->heap, fot_gen = h->fot_gen;
  uint32_t abi = h->abi_version, flags = h->flags;

  fputs("object      ", out);
  print_id(out, &id);
  print_id_labels(out, &id, names, false);
  fputc('\n', out);
  fprintf(out, "magic       0x%016" PRIx64 "%s\n", magic,
          magic == TWZ_OBJ_MAGIC ? " (TWZOBJ)" : " (bad)");
  fprintf(out, "abi_version %" PRIu32 "\n", abi);
  fprintf(out, "flags       0x%" PRIx32 "%s%s\n", flags,
          flags & TWZ_OBJ_IMMUTABLE ? " (immutable)" : "",
          flags & ~TWZ_OBJ_KNOWN_FLAGS ? " (unknown bits)" : "");
  fputs("id          ", out);
  print_id(out, &hid);
  fputc('\n', out);
  fprintf(out, "fot_count   %" PRIu64 "\n", fot_count);
  fprintf(out, "alloc_top   0x%" PRIx64 " (%" PRIu64 " data bytes)\n", alloc_top,
          alloc_top >= TWZ_DATA_START ? alloc_top - TWZ_DATA_START : 0);
  fprintf(out, "root        0x%016" PRIx64, root);
  if (!root) {
    fputs(" (null)\n", out);
  } else {
    uint64_t idx = TWZ_PTR_INDEX(root), off = TWZ_PTR_OFFSET(root);
    fprintf(out, " = %" PRIu64 ":0x%" PRIx64, idx, off);
    struct twz_fot_entry e;
    if (idx == 0)
      fputs(" (this object)", out);
    else if (idx >= fot_count || twz_fot_get(obj, idx, &e) < 0)
      fprintf(out, " (FOT index past the end of the FOT)");
    else if (!(e.flags & TWZ_FOT_VALID))
      fprintf(out, " (FOT entry %" PRIu64 " is not valid)", idx);
    else {
      fputs(" -> ", out);
      print_fot_target(out, obj, &e, names, check_targets);
    }
    fputc('\n', out);
  }
  fprintf(out, "lock        0x%016" PRIx64, lock);
  if (lock)
    fprintf(out, " (held by pid %" PRIu32 ")\n", twz_lock_token_pid(lock));
  else
    fputs(" (free)\n", out);
  show_log(out, obj);
  if (h->defer) /* (docs/abi.md "Undo log": deferred participants) */
    fprintf(out, "defer       0x%016" PRIx64 " (new bytes may be in the commit record of the log's coordinator)\n",
            h->defer);
  fprintf(out, "heap        0x%" PRIx64 "%s\n", heap, heap ? "" : " (none)");
  fprintf(out, "fot_gen     %" PRIu64 "\n", fot_gen);
  twz_id kuid;
  static const uint8_t zero[16];
  char perms[6];
  memcpy(kuid.b, h->kuid, sizeof kuid.b);
  uint32_t dflt = h->dflt_prot;
  if (!memcmp(kuid.b, zero, sizeof zero)) {
    fputs("key         (none: unprotected, every context has every right)\n", out);
  } else {
    fputs("key         ", out);
    print_id(out, &kuid);
    print_id_labels(out, &kuid, names, false);
    fprintf(out, "\ndefault     %s%s\n", twz_perm_format(dflt, perms),
            dflt & ~TWZ_PERM_ALL ? " (unknown bits)" : "");
  }

  uint64_t n = fot_count > TWZ_FOT_MAX_ENTRIES ? TWZ_FOT_MAX_ENTRIES : fot_count;
  fprintf(out, "FOT         %" PRIu64 " entr%s after index 0\n", n ? n - 1 : 0,
          n == 2 ? "y" : "ies");
  if (n > 1)
    fprintf(out, "  %5s  %-16s %s\n", "INDEX", "FLAGS", "TARGET");
  for (uint64_t i = 1; i < n; i++) {
    struct twz_fot_entry e;
    char fl[64];
    if (twz_fot_get(obj, i, &e) < 0)
      break; /* the count shrank under us: cannot happen to a valid object */
    fot_flags_text(e.flags, fl, sizeof fl);
    fprintf(out, "  %5" PRIu64 "  %-16s ", i, fl);
    if (!(e.flags & TWZ_FOT_VALID))
      fputs("(not valid: unused) ", out);
    print_fot_target(out, obj, &e, names, check_targets);
    fputc('\n', out);
  }
}
