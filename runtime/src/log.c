/*
 * Undo-log transactions (format in <twz/abi.h> and docs/abi.md). A
 * transaction holds the object lock from begin to commit or abort. Before a
 * range is modified, twz_tx_record copies its old bytes into the log and
 * makes the record durable; commit makes the modified ranges durable and
 * then empties the log; recovery writes the old bytes back, newest first.
 * Nested begin/commit pairs (including the runtime's own heap and name
 * updates inside a user transaction) join the outermost transaction.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "error.h"
#include "lock.h"
#include "log.h"
#include "object.h"
#include "slots.h"

static struct twz_log *log_of(const struct twz_object *obj) {
  return obj->hdr->log ? (struct twz_log *)(obj->base + obj->hdr->log) : NULL;
}

static uint64_t pad8(uint64_t n) { return (n + 7) & ~(uint64_t)7; }

static bool in_data(uint64_t off, uint64_t len) {
  return off >= TWZ_DATA_START && off <= TWZ_DATA_END && len <= TWZ_DATA_END - off;
}

static bool overlaps(uint64_t off, uint64_t len, uint64_t start, uint64_t size) {
  return off < start + size && start < off + len;
}

/* What a record may cover: data and FOT entries, and of the header only the
 * fields a transaction changes (root, heap, fot_gen, reserved). Never the
 * null page, the log itself (recovery reads it while writing), or the
 * header fields that opening validates or that hold the lock and the log. */
static bool recordable(const struct twz_object *obj, uint64_t off, uint64_t len) {
  if (off < TWZ_DATA_START || off > TWZ_SLOT_SIZE || len > TWZ_SLOT_SIZE - off)
    return false;
  if (obj->hdr->log && overlaps(off, len, obj->hdr->log, TWZ_LOG_SIZE))
    return false;
  return !overlaps(off, len, TWZ_META_OFFSET, offsetof(struct twz_obj_header, root)) &&
         !overlaps(off, len, TWZ_META_OFFSET + offsetof(struct twz_obj_header, lock), 16);
}

int twz_log_check(const struct twz_object *obj, char *why, size_t len) {
  uint64_t at = obj->hdr->log;
  if (!at)
    return 0;
  if (!in_data(at, TWZ_LOG_SIZE) || (at & 7))
    return snprintf(why, len, "undo log offset 0x%llx is outside the data area",
                    (unsigned long long)at), -1;
  const struct twz_log *log = log_of(obj);
  if (log->state != TWZ_LOG_IDLE && log->state != TWZ_LOG_ACTIVE)
    return snprintf(why, len, "undo log state %llu is unknown", (unsigned long long)log->state), -1;
  if (log->used > TWZ_LOG_SIZE - sizeof *log || (log->used & 7))
    return snprintf(why, len, "undo log length %llu is out of range",
                    (unsigned long long)log->used), -1;
  const char *rec = (const char *)(log + 1), *end = rec + log->used;
  while (rec < end) {
    const struct twz_log_record *r = (const struct twz_log_record *)rec;
    if ((uint64_t)(end - rec) < sizeof *r || r->len > (uint64_t)(end - rec) - sizeof *r ||
        !recordable(obj, r->offset, r->len))
      return snprintf(why, len, "undo log record at +0x%llx is malformed",
                      (unsigned long long)(rec - (const char *)(log + 1))), -1;
    rec += sizeof *r + pad8(r->len);
  }
  return 0;
}

/* Write back the old bytes of every record, newest first. Records are not
 * linked backwards, so collect their positions first (bounded by the log). */
static void rollback(struct twz_object *obj, struct twz_log *log) {
  enum { MAXREC = TWZ_LOG_SIZE / sizeof(struct twz_log_record) };
  static _Thread_local uint32_t pos[MAXREC];
  size_t n = 0;
  char *base = (char *)(log + 1);
  for (uint64_t at = 0; at < log->used && n < MAXREC;) {
    const struct twz_log_record *r = (const struct twz_log_record *)(base + at);
    pos[n++] = (uint32_t)at;
    at += sizeof *r + pad8(r->len);
  }
  while (n--) {
    const struct twz_log_record *r = (const struct twz_log_record *)(base + pos[n]);
    memcpy((char *)obj->base + r->offset, r + 1, r->len);
    twz_persist((char *)obj->base + r->offset, r->len);
  }
}

static void log_reset(struct twz_log *log) {
  log->used = 0;
  log->owner = 0;
  atomic_store((_Atomic uint64_t *)&log->state, TWZ_LOG_IDLE);
  twz_persist(log, sizeof *log);
}

void twz_log_recover(struct twz_object *obj) {
  struct twz_log *log = log_of(obj);
  char why[200];
  if (!log || log->state != TWZ_LOG_ACTIVE || !twz_writable(obj))
    return;
  if (twz_log_check(obj, why, sizeof why) < 0)
    return; /* reported by open; never apply a corrupt log */
  rollback(obj, log);
  log_reset(log);
}

static struct twz_log *ensure_log(struct twz_object *obj) {
  struct twz_log *log = log_of(obj);
  if (log)
    return log;
  void __persistent *p = twz_object_alloc(obj, TWZ_LOG_SIZE, 8);
  if (!p)
    return NULL;
  obj->hdr->log = (uintptr_t)p - obj->base;
  twz_persist(&obj->hdr->log, sizeof obj->hdr->log);
  return log_of(obj);
}

int twz_tx_begin(twz_object *obj) {
  if (!twz_writable(obj))
    return twz_not_writable(obj, "begin a transaction on");
  twz_lock(obj);
  if (obj->tx_depth++ > 0)
    return 0;
  struct twz_log *log = ensure_log(obj);
  if (!log) {
    obj->tx_depth--;
    twz_unlock(obj);
    return -1;
  }
  log->used = 0;
  log->owner = twz_lock_token();
  twz_persist(log, sizeof *log);
  atomic_store((_Atomic uint64_t *)&log->state, TWZ_LOG_ACTIVE);
  twz_persist(log, sizeof *log);
  return 0;
}

int twz_tx_record_internal(struct twz_object *obj, uint64_t offset, uint64_t len) {
  struct twz_log *log = log_of(obj);
  if (!obj->tx_depth || !log)
    return twz_set_error("twz_tx_record outside a transaction");
  if (!recordable(obj, offset, len))
    return twz_set_error("twz_tx_record: range 0x%llx+%llu is not in the object's data",
                         (unsigned long long)offset, (unsigned long long)len);
  uint64_t need = sizeof(struct twz_log_record) + pad8(len);
  if (need > TWZ_LOG_SIZE - sizeof *log - log->used)
    return twz_set_error("transaction log full: recording %llu more bytes exceeds %llu",
                         (unsigned long long)len, (unsigned long long)TWZ_LOG_SIZE);
  struct twz_log_record *r = (struct twz_log_record *)((char *)(log + 1) + log->used);
  r->offset = offset;
  r->len = len;
  memcpy(r + 1, (char *)obj->base + offset, len);
  twz_persist(r, need);
  atomic_store((_Atomic uint64_t *)&log->used, log->used + need); /* the record counts now */
  twz_persist(&log->used, sizeof log->used);
  return 0;
}

int twz_tx_record(twz_object *obj, const void __persistent *p, size_t len) {
  uintptr_t a = (uintptr_t)p;
  if (twz_slot_lookup(a) != obj)
    return twz_set_error("twz_tx_record: %p is not in this object", (void *)a);
  return twz_tx_record_internal(obj, a - obj->base, len);
}

static void persist_recorded(struct twz_object *obj, struct twz_log *log) {
  char *base = (char *)(log + 1);
  for (uint64_t at = 0; at < log->used;) {
    const struct twz_log_record *r = (const struct twz_log_record *)(base + at);
    twz_persist((char *)obj->base + r->offset, r->len);
    at += sizeof *r + pad8(r->len);
  }
}

int twz_tx_commit(twz_object *obj) {
  if (!obj->tx_depth)
    return twz_set_error("twz_tx_commit without twz_tx_begin");
  if (--obj->tx_depth == 0) {
    struct twz_log *log = log_of(obj);
    persist_recorded(obj, log); /* new data durable before the undo goes */
    log_reset(log);
  }
  twz_unlock(obj);
  return 0;
}

int twz_tx_abort(twz_object *obj) {
  if (!obj->tx_depth)
    return twz_set_error("twz_tx_abort without twz_tx_begin");
  /* Aborting any level aborts the whole transaction: the log has no marks. */
  struct twz_log *log = log_of(obj);
  rollback(obj, log);
  log_reset(log);
  while (obj->tx_depth) {
    obj->tx_depth--;
    twz_unlock(obj);
  }
  return 0;
}
