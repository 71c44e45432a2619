/*
 * Undo-log transactions (format in <twz/abi.h>, protocol and the ordering
 * argument in docs/abi.md "Undo log").
 *
 * A transaction belongs to a thread and may span several objects: the first
 * object begun is the coordinator; a begin or a record on another object
 * while the transaction is open adds that object (takes its lock until the
 * end). Each object keeps the undo records of its own bytes in its own log,
 * a chain of extents that grows while the object has room. Records carry
 * the transaction's random txid and a checksum, so a log needs no durable
 * length: recovery takes the records up to the first torn or stale one.
 *
 * Flush points: twz_tx_add appends records without flushing; twz_tx_ready
 * (and twz_tx_record, which is add + ready) makes every pending record of
 * the transaction durable, one flush per object, before the caller changes
 * the ranges. Commit makes every participant's changed ranges durable (one
 * flush per participant), then the coordinator's changed ranges together
 * with a commit record that carries their new bytes (one flush): a commit
 * torn by a crash is then finished from the record (redo), so no separate
 * commit mark has to follow. A participant with only fresh bytes (nothing
 * to undo) is deferred instead of flushed: the record carries its bytes,
 * the next record carries them forward, until it is flushed whole (past
 * DEFER_MAX, or before any other flush of it: twz_log_settle); its header's
 * `defer` epoch, durable first, says which records may write it. The log keeps the committed transaction until
 * the next one replaces it (in the other chain, so a crash while the next
 * one starts finds the record intact) or a flush of other bytes of the
 * object retires it (twz_log_settle); after a reboot recovery writes the
 * record's bytes again. Without a boot identity (the native back end), or
 * when the coordinator changed too much to copy, commit flushes the new
 * bytes and then stores a durable commit mark (txid 0) instead.
 * A participant's log is made active only after the
 * coordinator's log durably names it (a JOIN record), so recovery starting
 * from either object finds the other; the coordinator's log is the one
 * place that says whether the whole transaction is undone.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "error.h"
#include "id.h"
#include "lock.h"
#include "log.h"
#include "object.h"
#include "slots.h"

#define TX_MAX 64 /* objects in one transaction */
#define REC_HDR sizeof(struct twz_log_record)
#define REDO_MAX (64 * 1024) /* new bytes a commit record carries at most */
#define ALLOC_TOP (TWZ_META_OFFSET + offsetof(struct twz_obj_header, alloc_top))
#define TXID_FLAGS (TWZ_LOG_COMMITTED | TWZ_LOG_DEFERRED)
#define DEFER_MAX 2048 /* a participant's carried bytes before it is flushed */
#define SECTION 24            /* a commit record's entry naming a participant: {id, epoch} */

/* This thread's open transaction. */
static _Thread_local struct {
  unsigned depth; /* begins not yet matched by a commit */
  uint64_t txid;
  uint64_t prev; /* the coordinator's last transaction, if its participants' bytes are deferred */
  uint64_t gen; /* counts this thread's transactions (twz_object.recorded) */
  size_t n;
  struct twz_object *part[TX_MAX]; /* part[0] coordinates */
  /* twz_free in a transaction takes effect at commit (heap.c): the blocks,
   * and a hash set of them to find a double free. */
  uintptr_t *frees, *fset;
  size_t nfrees, capfrees, capset;
} tx;

/* Default for back ends without a batched flush (the native one): each
 * range on its own. The hosted back end overrides it (hosted/persist.c). */
__attribute__((weak)) void twz_persist_ranges(const struct twz_range *r, size_t n) {
  for (size_t i = 0; i < n; i++)
    twz_persist((const void *)r[i].addr, r[i].len);
}

static struct twz_log *log_at(const struct twz_object *obj, uint64_t off) {
  return (struct twz_log *)(obj->base + off);
}

static struct twz_log *log_of(const struct twz_object *obj) {
  return obj->hdr->log ? log_at(obj, obj->hdr->log) : NULL;
}

static uint64_t pad8(uint64_t n) { return (n + 7) & ~(uint64_t)7; }

static bool in_data(uint64_t off, uint64_t len) {
  return off >= TWZ_DATA_START && off <= TWZ_DATA_END && len <= TWZ_DATA_END - off;
}

static bool overlaps(uint64_t off, uint64_t len, uint64_t start, uint64_t size) {
  return off < start + size && start < off + len;
}

static bool id_zero(const uint8_t id[16]) {
  static const uint8_t zero[16];
  return !memcmp(id, zero, 16);
}

/* An idle log of the first format (ABI docs before issue 17: a 32-byte
 * header {state, used, owner, reserved}, all zero when idle, in one 1 MiB
 * extent): valid, and converted to this format on its next use. */
static bool old_idle(const struct twz_object *obj, uint64_t at) {
  const struct twz_log *e = log_at(obj, at);
  return at == obj->hdr->log && !e->magic && !e->size && !e->next && !e->txid;
}

static uint64_t ext_size(const struct twz_object *obj, uint64_t at) {
  return old_idle(obj, at) ? TWZ_LOG_SIZE : log_at(obj, at)->size;
}

/* Walk one extent chain; false if it is malformed (outside the data area,
 * bad magic or size, too long: a loop). */
static bool chain_ok(const struct twz_object *obj, uint64_t at, char *why, size_t len) {
  for (unsigned n = 0; at; n++) {
    const struct twz_log *e = log_at(obj, at);
    if (n == TWZ_LOG_EXTENTS_MAX)
      return snprintf(why, len, "undo log has more than %d extents", TWZ_LOG_EXTENTS_MAX), false;
    if (!in_data(at, sizeof *e) || (at & 7))
      return snprintf(why, len, "undo log %s 0x%llx is outside the data area",
                      n ? "extent at" : "offset", (unsigned long long)at), false;
    if (!n && in_data(at, TWZ_LOG_SIZE) && !(at & 7) && old_idle(obj, at))
      return true;
    if (e->magic != TWZ_LOG_MAGIC)
      return snprintf(why, len, "undo log extent at 0x%llx has bad magic 0x%llx",
                      (unsigned long long)at, (unsigned long long)e->magic), false;
    if (e->size < sizeof *e + 2 * REC_HDR || (e->size & 7) || !in_data(at, e->size))
      return snprintf(why, len, "undo log extent at 0x%llx has bad size %llu",
                      (unsigned long long)at, (unsigned long long)e->size), false;
    at = e->next;
  }
  return true;
}

/* Both chains well formed (the alternate one only in this format: an old
 * idle log has records where `alt` now is). */
static bool extents_ok(const struct twz_object *obj, char *why, size_t len) {
  if (!chain_ok(obj, obj->hdr->log, why, len))
    return false;
  uint64_t at = obj->hdr->log;
  if (!at || old_idle(obj, at) || !log_at(obj, at)->alt)
    return true;
  if (log_at(obj, at)->alt == at)
    return snprintf(why, len, "undo log's alternate chain is its main chain"), false;
  return chain_ok(obj, log_at(obj, at)->alt, why, len);
}

static uint64_t alt_of(const struct twz_object *obj) {
  uint64_t at = obj->hdr->log;
  return at && !old_idle(obj, at) ? log_at(obj, at)->alt : 0;
}

/* The chain transaction txid's records are in (odd txids: the alternate
 * one, when there is one). */
static uint64_t chain_of(const struct twz_object *obj, uint64_t txid) {
  uint64_t alt = alt_of(obj);
  return (txid & 1) && alt ? alt : obj->hdr->log;
}

/* [off, off + len) meets an extent of either chain. Assumes extents_ok. */
static bool in_log(const struct twz_object *obj, uint64_t off, uint64_t len) {
  for (uint64_t at = obj->hdr->log; at; at = log_at(obj, at)->next)
    if (overlaps(off, len, at, ext_size(obj, at)))
      return true;
  for (uint64_t at = alt_of(obj); at; at = log_at(obj, at)->next)
    if (overlaps(off, len, at, log_at(obj, at)->size))
      return true;
  return false;
}

/* What a record may cover: data and FOT entries, and of the header only the
 * fields a transaction changes (root, heap, fot_gen, reserved). Never the
 * null page, the log itself (recovery reads it while writing), or the
 * header fields that opening validates or that hold the lock and the log.
 * Assumes extents_ok. */
static bool recordable(const struct twz_object *obj, uint64_t off, uint64_t len) {
  if (off < TWZ_DATA_START || off > TWZ_SLOT_SIZE || len > TWZ_SLOT_SIZE - off)
    return false;
  return !in_log(obj, off, len) &&
         !overlaps(off, len, TWZ_META_OFFSET, offsetof(struct twz_obj_header, root)) &&
         !overlaps(off, len, TWZ_META_OFFSET + offsetof(struct twz_obj_header, lock), 16);
}

/* The record at `pos` of extent `ext` if it is a valid record of `txid`
 * that fits in the extent, else NULL. */
static const struct twz_log_record *valid_rec(const struct twz_object *obj, uint64_t ext,
                                              uint64_t pos, uint64_t txid) {
  const struct twz_log *e = log_at(obj, ext);
  uint64_t end = ext + e->size;
  if (pos > end || end - pos < REC_HDR)
    return NULL;
  const struct twz_log_record *r = (const void *)(obj->base + pos);
  if (r->txid != txid || r->len > end - pos - REC_HDR || pad8(r->len) > end - pos - REC_HDR)
    return NULL;
  uint64_t words[4] = {r->offset, r->len, r->txid, 0};
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (int i = 0; i < 4; i++)
    h = (h ^ words[i]) * UINT64_C(0x100000001b3);
  const uint64_t *w = (const uint64_t *)(r + 1);
  for (uint64_t i = 0; i < pad8(r->len) / 8; i++)
    h = (h ^ w[i]) * UINT64_C(0x100000001b3);
  h ^= h >> 33;
  h *= UINT64_C(0xff51afd7ed558ccd);
  h ^= h >> 33;
  return (h | 1) == r->check ? r : NULL;
}

/* A commit record's bytes: the boot identity, then {offset, len, bytes
 * padded to 8} per range, each a range a record may restore or the
 * allocation top. */
static bool commit_ok(const struct twz_object *obj, const struct twz_log_record *r) {
  const uint8_t *p = (const uint8_t *)(r + 1) + 16, *end = (const uint8_t *)(r + 1) + r->len;
  bool other = false; /* after a section entry: another object's ranges */
  if (r->len < 16)
    return false;
  while (p < end) {
    uint64_t h[2];
    if ((size_t)(end - p) < sizeof h)
      return false;
    memcpy(h, p, sizeof h);
    p += sizeof h;
    if (h[1] > (uint64_t)(end - p) || pad8(h[1]) > (uint64_t)(end - p))
      return false;
    if (h[0] == TWZ_LOG_REC_JOIN) {
      if (h[1] != SECTION)
        return false;
      other = true;
    } else if (h[0] == ALLOC_TOP ? h[1] != 8
               : other       ? !in_data(h[0], h[1]) /* checked against it when applied */
                             : !recordable(obj, h[0], h[1])) {
      return false;
    }
    p += pad8(h[1]);
  }
  return true;
}

/* Visit the transaction's valid records in order: fn gets each data, JOIN
 * or COMMIT record; stops at the first torn or stale record. Returns false
 * if a valid record is malformed (then `why` says how). */
typedef bool rec_fn(void *arg, const struct twz_log_record *r);
static bool walk_txid(const struct twz_object *obj, uint64_t txid, rec_fn *fn, void *arg,
                      char *why, size_t len) {
  const struct twz_log *log = log_of(obj);
  uint64_t ext = chain_of(obj, txid), pos = ext + sizeof *log;
  const struct twz_log_record *r;
  while ((r = valid_rec(obj, ext, pos, txid))) {
    uint64_t at = pos - ext;
    if (r->offset == TWZ_LOG_REC_NEXT) {
      if (!(ext = log_at(obj, ext)->next))
        return snprintf(why, len, "undo log continues past its last extent"), false;
      pos = ext + sizeof *log;
      continue;
    }
    if (r->offset == TWZ_LOG_REC_JOIN     ? r->len != 16
        : r->offset == TWZ_LOG_REC_COMMIT ? !commit_ok(obj, r)
                                          : !recordable(obj, r->offset, r->len))
      return snprintf(why, len, "undo log record at +0x%llx is malformed", (unsigned long long)at),
             false;
    if (fn && !fn(arg, r))
      break;
    pos += REC_HDR + pad8(r->len);
  }
  return true;
}

/* Visit the records of the log's transaction (see walk_txid). */
static bool walk(const struct twz_object *obj, rec_fn *fn, void *arg, char *why, size_t len) {
  return walk_txid(obj, log_of(obj)->txid & ~TXID_FLAGS, fn, arg, why, len);
}

int twz_log_check(const struct twz_object *obj, char *why, size_t len) {
  if (!obj->hdr->log)
    return 0;
  if (!extents_ok(obj, why, len))
    return -1;
  if (twz_log_pending(log_of(obj)) && !walk(obj, NULL, NULL, why, len))
    return -1;
  return 0;
}

/* Rollback: write back the old bytes of every valid record, newest first,
 * and make them durable. Restoring is idempotent, so a crash during it is
 * recovered by doing it again. */
struct recs {
  const struct twz_log_record **r;
  size_t n, cap;
  bool oom;
};

static bool collect(void *arg, const struct twz_log_record *r) {
  struct recs *v = arg;
  if (r->offset == TWZ_LOG_REC_JOIN || r->offset == TWZ_LOG_REC_COMMIT)
    return true;
  if (v->n == v->cap) {
    size_t cap = v->cap ? 2 * v->cap : 64;
    const struct twz_log_record **n = realloc(v->r, cap * sizeof *n);
    if (!n)
      return v->oom = true, false;
    v->r = n;
    v->cap = cap;
  }
  v->r[v->n++] = r;
  return true;
}

static int rollback(struct twz_object *obj) {
  struct recs v = {0};
  char why[200];
  if (!walk(obj, collect, &v, why, sizeof why) || v.oom) {
    free(v.r);
    return twz_set_error("cannot undo the transaction: %s", v.oom ? "out of memory" : why);
  }
  struct twz_range *rg = malloc((v.n ? v.n : 1) * sizeof *rg);
  for (size_t i = v.n; i--;) {
    const struct twz_log_record *r = v.r[i];
    memcpy((char *)obj->base + r->offset, r + 1, r->len);
    if (rg)
      rg[i] = (struct twz_range){obj->base + r->offset, r->len};
  }
  if (rg)
    twz_persist_ranges(rg, v.n);
  else
    for (size_t i = 0; i < v.n; i++)
      twz_persist((char *)obj->base + v.r[i]->offset, v.r[i]->len);
  free(rg);
  free(v.r);
  return 0;
}

/* Idle: the one 8-byte store that ends a transaction in this log. */
static void log_idle(struct twz_object *obj, bool durable) {
  struct twz_log *log = log_of(obj);
  atomic_store((_Atomic uint64_t *)&log->txid, 0);
  if (durable)
    twz_persist(&log->txid, sizeof log->txid);
}

/* This boot's identity (the back end's, or none: then every commit record
 * found is written again, as after a reboot). */
static bool boot_id(uint8_t id[16]) {
  static _Thread_local int known = -1;
  static _Thread_local uint8_t b[16];
  if (known < 0)
    known = twz_backend_boot_id(b) == 0;
  memcpy(id, b, 16);
  return known;
}

static bool find_commit(void *arg, const struct twz_log_record *r) {
  if (r->offset == TWZ_LOG_REC_COMMIT)
    *(const struct twz_log_record **)arg = r;
  return true;
}

/* The commit record of transaction txid in obj's log, or NULL. */
static const struct twz_log_record *record_of(const struct twz_object *obj, uint64_t txid) {
  const struct twz_log_record *c = NULL;
  char why[200];
  return walk_txid(obj, txid, find_commit, &c, why, sizeof why) ? c : NULL;
}

/* The commit record of the log's transaction, or NULL. */
static const struct twz_log_record *commit_of(const struct twz_object *obj) {
  return record_of(obj, log_of(obj)->txid & ~TXID_FLAGS);
}

/* The commit record of the transaction before txid: the one whose records
 * the other chain holds (a coordinator's transactions alternate chains),
 * or NULL. */
static const struct twz_log_record *record_before(const struct twz_object *obj, uint64_t txid) {
  uint64_t other = chain_of(obj, txid ^ 1);
  if (other == chain_of(obj, txid))
    return NULL;
  const struct twz_log_record *r = (const void *)(obj->base + other + sizeof(struct twz_log));
  if (!valid_rec(obj, other, other + sizeof(struct twz_log), r->txid) ||
      chain_of(obj, r->txid) != other)
    return NULL;
  return record_of(obj, r->txid);
}

/* Set while libtwz writes a participant's deferral mark: that flush must
 * not take the mark for one to clear (twz_log_settle). */
static _Thread_local bool marking;

/* A participant whose new bytes a coordinator's commit record may hold
 * (`defer` set): make all of it durable, then clear `defer` durably, so
 * that record is never written over it again. */
static void defer_clear(struct twz_object *d) {
  if (!d->hdr->defer)
    return;
  twz_backend_flush(d);
  d->hdr->defer = 0;
  twz_persist(&d->hdr->defer, sizeof d->hdr->defer);
}

/* The participant named by a commit record's section {id, epoch}, locked,
 * if its deferral mark still names coordinator c and epoch; else NULL. */
static struct twz_object *section_target(struct twz_object *c, const uint8_t *sec) {
  twz_id id;
  uint64_t epoch;
  memcpy(id.b, sec, 16);
  memcpy(&epoch, sec + 16, 8);
  struct twz_object *t = twz_object_open_id(&id);
  if (!t || t == c || !twz_writable(t))
    return NULL;
  twz_lock(t);
  if (t->hdr->defer == epoch && t->hdr->log && !memcmp(log_of(t)->coord, c->id.b, 16))
    return t;
  twz_unlock(t);
  return NULL;
}

/* Finish a committed transaction from its commit record rec, found in
 * coordinator c's log. After a reboot (a boot identity other than the
 * record's) its bytes are written again, the coordinator's own only if
 * `own` (they were durable before a later transaction began), and made
 * durable: a crash may have torn the commit's flush, and participants'
 * bytes may have been deferred. In the boot that wrote it nothing is
 * written (the page cache holds every byte it stored, and bytes stored
 * since must stay), but deferred participants are made durable, since the
 * record is about to be dropped. Idempotent. */
static void finish_record(struct twz_object *c, const struct twz_log_record *rec, bool own) {
  uint8_t now[16];
  bool again = !boot_id(now) || memcmp(now, rec + 1, 16);
  const uint8_t *p = (const uint8_t *)(rec + 1) + 16, *end = (const uint8_t *)(rec + 1) + rec->len;
  struct twz_object *t = own ? c : NULL; /* where the entries go; NULL: skip them */
  struct twz_range rg[64];
  size_t n = 0;
  while (p < end) {
    uint64_t h[2];
    memcpy(h, p, sizeof h);
    p += sizeof h;
    if (h[0] == TWZ_LOG_REC_JOIN || n == 64) {
      twz_persist_ranges(rg, n);
      n = 0;
    }
    if (h[0] == TWZ_LOG_REC_JOIN) {
      if (t && t != c) {
        defer_clear(t); /* durable now: the record need not hold it */
        twz_unlock(t);
      }
      t = section_target(c, p);
      p += pad8(h[1]);
      continue;
    }
    if (t && again && (h[0] == ALLOC_TOP ? h[1] == 8 : recordable(t, h[0], h[1]))) {
      void *at = (void *)(t->base + h[0]);
      if (h[0] == ALLOC_TOP) { /* never lower */
        uint64_t top;
        memcpy(&top, p, 8);
        if (top > t->hdr->alloc_top)
          t->hdr->alloc_top = top;
      } else {
        memcpy(at, p, h[1]);
      }
      rg[n++] = (struct twz_range){(uintptr_t)at, h[1]};
    }
    p += pad8(h[1]);
  }
  twz_persist_ranges(rg, n);
  if (t && t != c) {
    defer_clear(t);
    twz_unlock(t);
  }
}

bool twz_log_unfinished(const struct twz_object *obj) {
  char why[200];
  if (!obj->hdr->log || twz_log_check(obj, why, sizeof why) < 0)
    return obj->hdr->log != 0; /* (malformed: never taken for finished) */
  return twz_log_pending(log_of(obj)) && !commit_of(obj);
}

bool twz_log_committed_here(const struct twz_object *obj) {
  uint8_t now[16];
  const struct twz_log_record *c;
  return obj->hdr->log && boot_id(now) && (c = commit_of(obj)) && !memcmp(now, c + 1, 16);
}

void twz_log_open_deferrer(struct twz_object *obj) {
  uint64_t at = obj->hdr->log;
  if (!at || !in_data(at, sizeof(struct twz_log)) || (at & 7))
    return; /* (open reported a bad log) */
  twz_id cid;
  memcpy(cid.b, log_at(obj, at)->coord, 16);
  if (!id_zero(cid.b) && !twz_id_equal(&cid, &obj->id))
    twz_object_open_id(&cid); /* (gone: nothing holds the bytes any more) */
}

/* Before other bytes of obj are made durable (called by the hosted back
 * end before it flushes ranges of obj):
 *  - a committed transaction (txid marked TWZ_LOG_COMMITTED) is retired,
 *    the log made idle durably, so that recovery after a reboot never
 *    writes the commit record's bytes over them; one marked
 *    TWZ_LOG_DEFERRED first has its participants' bytes made durable;
 *  - a participant whose bytes a coordinator's record may hold is made
 *    durable whole and forgets it (defer_clear), for the same reason. */
void twz_log_settle(struct twz_object *obj) {
  struct twz_log *log;
  if (!obj || marking || obj->recovering || !twz_writable(obj))
    return;
  if (obj->hdr->defer) {
    obj->recovering = true; /* (no recursion through the flushes below) */
    defer_clear(obj);
    obj->recovering = false;
  }
  if (!obj->hdr->log || !(log = log_of(obj)))
    return;
  uint64_t cur = atomic_load((_Atomic uint64_t *)&log->txid);
  if (!(cur & TXID_FLAGS))
    return;
  if (cur & TWZ_LOG_DEFERRED) {
    const struct twz_log_record *rec = record_of(obj, cur & ~TXID_FLAGS);
    obj->recovering = true;
    if (rec)
      finish_record(obj, rec, false);
    obj->recovering = false;
  }
  atomic_compare_exchange_strong((_Atomic uint64_t *)&log->txid, &cur, 0);
  twz_persist(&log->txid, sizeof log->txid); /* whatever it holds now */
}

struct joins {
  struct twz_object *obj;
  uint64_t txid;
};

/* Roll back a participant named by a JOIN record of the coordinator. */
static bool undo_participant(void *arg, const struct twz_log_record *r) {
  struct joins *j = arg;
  if (r->offset != TWZ_LOG_REC_JOIN)
    return true;
  twz_id id;
  memcpy(id.b, r + 1, 16);
  if (twz_id_equal(&id, &j->obj->id))
    return true;
  struct twz_object *p = twz_object_open_id(&id); /* may recover p itself */
  if (!p || !twz_writable(p))
    return true; /* gone, or not ours to write: its own recovery decides */
  twz_lock(p);
  struct twz_log *pl = p->hdr->log ? log_of(p) : NULL;
  if (pl && pl->txid == j->txid && !memcmp(pl->coord, j->obj->id.b, 16)) {
    rollback(p);
    log_idle(p, true);
  }
  twz_unlock(p);
  return true;
}

void twz_log_recover(struct twz_object *obj) {
  struct twz_log *log = log_of(obj);
  char why[200];
  if (!log || !twz_log_pending(log) || !twz_writable(obj) || obj->recovering)
    return;
  if (twz_log_check(obj, why, sizeof why) < 0)
    return; /* reported by open; never apply a corrupt log */
  uint64_t txid = log->txid;
  if (!id_zero(log->coord)) {
    /* A participant: undone iff its coordinator's log is still active with
     * this txid. Opening the coordinator may recover it (and us) first. */
    twz_id cid;
    memcpy(cid.b, log->coord, 16);
    obj->recovering = true;
    struct twz_object *c = obj->fd >= 0 ? twz_object_open_id(&cid) : NULL; /* not an image */
    obj->recovering = false;
    if (log->txid != txid)
      return; /* the coordinator's recovery did it */
    struct twz_log *cl = c && c->hdr->log ? log_of(c) : NULL;
    /* Without its coordinator nothing says it committed: undo. */
    if (!cl || (cl->txid == txid && !commit_of(c)))
      rollback(obj);
    log_idle(obj, true);
    return;
  }
  txid &= ~TXID_FLAGS;
  obj->recovering = true;
  const struct twz_log_record *c = commit_of(obj);
  if (c) {
    finish_record(obj, c, true);
  } else {
    /* Undone; but the committed transaction before it may hold deferred
     * bytes of participants (its records are in the other chain). */
    const struct twz_log_record *pc = record_before(obj, txid);
    if (pc)
      finish_record(obj, pc, false);
    struct joins j = {obj, txid};
    if (obj->fd >= 0) /* an image (twz_image_open) has no store to find them in */
      walk(obj, undo_participant, &j, why, sizeof why); /* participants first */
    rollback(obj);
  }
  log_idle(obj, true); /* after every restored byte is durable */
  obj->recovering = false;
}

/* The object's log, allocated (one extent, durable before the header names
 * it) on first use. */
static struct twz_log *ensure_log(struct twz_object *obj) {
  struct twz_log *log = log_of(obj);
  if (log && old_idle(obj, obj->hdr->log)) { /* convert in place */
    *log = (struct twz_log){.magic = TWZ_LOG_MAGIC, .size = TWZ_LOG_SIZE};
    twz_persist(log, sizeof *log);
  }
  if (log)
    return log;
  void __persistent *p = twz_object_alloc(obj, TWZ_LOG_SIZE, 64);
  if (!p)
    return NULL;
  log = (struct twz_log *)(uintptr_t)p;
  *log = (struct twz_log){.magic = TWZ_LOG_MAGIC, .size = TWZ_LOG_SIZE};
  twz_persist(&obj->hdr->alloc_top, sizeof obj->hdr->alloc_top);
  twz_persist(log, sizeof *log);
  obj->hdr->log = (uintptr_t)p - obj->base;
  twz_persist(&obj->hdr->log, sizeof obj->hdr->log);
  return log;
}

/* The alternate chain: one extent, durable before the log names it. */
static int ensure_alt(struct twz_object *obj) {
  void __persistent *p = twz_object_alloc(obj, TWZ_LOG_SIZE, 64);
  if (!p)
    return -1;
  struct twz_log *e = (struct twz_log *)(uintptr_t)p;
  *e = (struct twz_log){.magic = TWZ_LOG_MAGIC, .size = TWZ_LOG_SIZE};
  twz_persist(&obj->hdr->alloc_top, sizeof obj->hdr->alloc_top);
  twz_persist(e, sizeof *e);
  log_of(obj)->alt = (uintptr_t)p - obj->base;
  twz_persist(&log_of(obj)->alt, sizeof log_of(obj)->alt);
  return 0;
}

static uint64_t new_txid(void) { /* random enough: never repeats in practice */
  static _Thread_local uint64_t s;
  if (!s) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    s = twz_lock_token() ^ (uint64_t)ts.tv_nsec << 20 ^ (uint64_t)ts.tv_sec ^ (uintptr_t)&s;
  }
  uint64_t z = (s += UINT64_C(0x9e3779b97f4a7c15));
  z = (z ^ z >> 30) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ z >> 27) * UINT64_C(0x94d049bb133111eb);
  z ^= z >> 31;
  return z ? z : 1;
}

/* Add obj to this thread's open transaction: its lock is held until the end. */
static int join(struct twz_object *obj) {
  if (obj->tx_in)
    return 0;
  if (!twz_writable(obj))
    return twz_not_writable(obj, "begin a transaction on");
  if (tx.n == TX_MAX)
    return twz_set_error("a transaction spans at most %d objects", TX_MAX);
  twz_lock(obj);
  if (!ensure_log(obj)) {
    twz_unlock(obj);
    return -1;
  }
  if (!tx.n) {
    /* A coordinator's transactions alternate between its two chains: the
     * last one's commit record stays intact until this one's txid is
     * durable. (The alternate chain comes with the first commit record.) */
    uint64_t last = log_of(obj)->txid & ~TXID_FLAGS;
    tx.prev = log_of(obj)->txid & TWZ_LOG_DEFERRED ? last : 0;
    uint8_t boot[16];
    if (boot_id(boot) && !alt_of(obj) && ensure_alt(obj) < 0) {
      twz_unlock(obj);
      return -1;
    }
    tx.txid = (new_txid() & ~(TXID_FLAGS | 1)) | (~last & 1);
    if (!tx.txid)
      tx.txid = 2;
    tx.gen++;
  }
  tx.part[tx.n++] = obj;
  obj->tx_in = true;
  obj->tx_holds = 0;
  obj->log_open = false;
  obj->checkpointed = false;
  obj->ndirty = 0;
  return 0;
}

int twz_tx_begin(twz_object *obj) {
  if (join(obj) < 0)
    return -1;
  obj->tx_holds++;
  tx.depth++;
  return 0;
}

/* Ranges to make durable at commit. */
static int dirty(struct twz_object *obj, uint64_t off, uint64_t len) {
  if (!len)
    return 0;
  if (obj->ndirty) { /* merge with the last range when they touch */
    struct twz_range *l = &obj->dirty[obj->ndirty - 1];
    uintptr_t a = obj->base + off;
    if (a >= l->addr && a <= l->addr + l->len) {
      if (a + len > l->addr + l->len)
        l->len = a + len - l->addr;
      return 0;
    }
  }
  if (obj->ndirty == obj->capdirty) {
    size_t cap = obj->capdirty ? 2 * obj->capdirty : 64;
    struct twz_range *d = realloc(obj->dirty, cap * sizeof *d);
    if (!d)
      return twz_set_error("out of memory");
    obj->dirty = d;
    obj->capdirty = cap;
  }
  obj->dirty[obj->ndirty++] = (struct twz_range){obj->base + off, len};
  return 0;
}

int twz_tx_dirty_internal(struct twz_object *obj, uint64_t off, uint64_t len) {
  if (!tx.depth || !obj->tx_in) { /* outside a transaction: durable now */
    twz_persist((const void *)(obj->base + off), len);
    return 0;
  }
  return dirty(obj, off, len);
}

/* What of obj's log is not durable yet: the header with the new txid (after
 * log_open) and the pending records; at most 2 ranges into r. */
static size_t pending(struct twz_object *obj, struct twz_range *r) {
  size_t n = 0;
  if (!obj->log_open)
    return 0;
  if (obj->hdr_pend) {
    r[n++] = (struct twz_range){(uintptr_t)log_of(obj), sizeof(struct twz_log)};
    obj->hdr_pend = false;
  }
  if (obj->pend_lo < obj->log_pos) {
    r[n++] = (struct twz_range){obj->base + obj->pend_lo, obj->log_pos - obj->pend_lo};
    obj->pend_lo = obj->log_pos;
  }
  return n;
}

/* Make the pending records of obj durable. */
static void log_sync(struct twz_object *obj) {
  struct twz_range r[2];
  size_t n = pending(obj, r);
  if (n)
    twz_persist_ranges(r, n);
}

static int append(struct twz_object *obj, uint64_t off, const void *src, uint64_t len);

/* First record of obj in this transaction: make its log active. A
 * participant is first named, durably, in the coordinator's log. */
static int log_open(struct twz_object *obj) {
  struct twz_log *log = log_of(obj);
  struct twz_object *c = tx.part[0];
  const uint8_t *coord = c == obj ? (const uint8_t[16]){0} : c->id.b;
  if (c != obj) {
    if ((!c->log_open && log_open(c) < 0) || append(c, TWZ_LOG_REC_JOIN, obj->id.b, 16) < 0)
      return -1;
    log_sync(c);
  }
  /* A participant's txid has the coordinator's parity, so its records may
   * go where its own last committed transaction's are: retire that first. */
  if (c != obj)
    twz_log_settle(obj);
  log->owner = twz_lock_token();
  if (memcmp(log->coord, coord, 16)) { /* durable before the txid can be */
    memcpy(log->coord, coord, 16);
    twz_persist(log, sizeof *log);
  }
  atomic_store((_Atomic uint64_t *)&log->txid, tx.txid);
  obj->log_ext = chain_of(obj, tx.txid);
  obj->log_pos = obj->pend_lo = obj->log_ext + sizeof *log;
  obj->hdr_pend = true; /* the header goes with the first batch */
  obj->log_open = true;
  return 0;
}

/* A new extent at the end of the chain, durable before it is linked. */
static uint64_t grow(struct twz_object *obj, struct twz_log *last, uint64_t need) {
  unsigned n = 0;
  for (uint64_t at = obj->hdr->log; at; at = log_at(obj, at)->next)
    n++;
  uint64_t size = last->size * 2 < TWZ_LOG_EXTENT_MAX ? last->size * 2 : TWZ_LOG_EXTENT_MAX;
  if (size < need)
    size = need;
  void __persistent *p = n < TWZ_LOG_EXTENTS_MAX ? twz_object_alloc(obj, size, 64) : NULL;
  if (!p) {
    twz_set_error("transaction log full: no room in the object for another log extent of %llu "
                  "bytes", (unsigned long long)size);
    return 0;
  }
  struct twz_log *e = (struct twz_log *)(uintptr_t)p;
  *e = (struct twz_log){.magic = TWZ_LOG_MAGIC, .size = size};
  /* The allocation too (inside a transaction twz_object_alloc leaves it to
   * the commit): a linked extent must never be handed out again. */
  twz_persist(&obj->hdr->alloc_top, sizeof obj->hdr->alloc_top);
  twz_persist(e, sizeof *e);
  last->next = (uintptr_t)p - obj->base;
  twz_persist(&last->next, sizeof last->next);
  return last->next;
}

/* Append one record (data bytes, or a JOIN's ID) at the log's end, moving
 * to the next extent (grown if there is none) when it does not fit; every
 * extent keeps room for the NEXT record that leaves it. */
static int append(struct twz_object *obj, uint64_t off, const void *src, uint64_t len) {
  uint64_t need = REC_HDR + pad8(len);
  for (;;) {
    struct twz_log *e = log_at(obj, obj->log_ext);
    if (obj->log_pos + need + REC_HDR <= obj->log_ext + e->size)
      break;
    uint64_t next = e->next ? e->next : grow(obj, e, need + REC_HDR + sizeof *e);
    if (!next)
      return -1;
    struct twz_log_record *r = (void *)(obj->base + obj->log_pos);
    *r = (struct twz_log_record){TWZ_LOG_REC_NEXT, 0, tx.txid, 0};
    r->check = twz_log_checksum((const uint64_t *)r, 4);
    obj->log_pos += REC_HDR;
    log_sync(obj); /* pending records stay within one extent */
    obj->log_ext = next;
    obj->log_pos = obj->pend_lo = next + sizeof *e;
  }
  struct twz_log_record *r = (void *)(obj->base + obj->log_pos);
  r->offset = off;
  r->len = len;
  r->txid = tx.txid;
  r->check = 0;
  memcpy(r + 1, src, len);
  memset((char *)(r + 1) + len, 0, pad8(len) - len);
  r->check = twz_log_checksum((const uint64_t *)r, need / 8);
  obj->log_pos += need;
  return 0;
}

int twz_tx_add_internal(struct twz_object *obj, uint64_t offset, uint64_t len) {
  if (!tx.depth)
    return twz_set_error("twz_tx_record outside a transaction");
  if (join(obj) < 0)
    return -1;
  if (!recordable(obj, offset, len))
    return twz_set_error("twz_tx_record: range 0x%llx+%llu is not in the object's data",
                         (unsigned long long)offset, (unsigned long long)len);
  unsigned k = (unsigned)(offset >> 3) & 63;
  if (obj->recorded[k].gen == tx.gen && obj->recorded[k].off == offset &&
      obj->recorded[k].len == len)
    return 0; /* its first old bytes are in the log */
  if ((!obj->log_open && log_open(obj) < 0) ||
      append(obj, offset, (const void *)(obj->base + offset), len) < 0)
    return -1;
  obj->recorded[k].gen = tx.gen;
  obj->recorded[k].off = offset;
  obj->recorded[k].len = len;
  return dirty(obj, offset, len);
}

/* Every pending record of the transaction durable: one flush per object
 * (one in all where the medium flushes cache lines). */
int twz_tx_ready(void) {
  struct twz_range r[2 * TX_MAX];
  size_t n = 0;
  for (size_t i = 0; i < tx.n; i++)
    n += pending(tx.part[i], r + n);
  if (n)
    twz_persist_ranges(r, n);
  return 0;
}

int twz_tx_record_internal(struct twz_object *obj, uint64_t offset, uint64_t len) {
  if (twz_tx_add_internal(obj, offset, len) < 0)
    return -1;
  return twz_tx_ready();
}

static int user_range(twz_object *obj, const void __persistent *p, uint64_t *off) {
  uintptr_t a = (uintptr_t)p;
  if (twz_slot_lookup(a) != obj)
    return twz_set_error("twz_tx_record: %p is not in this object", (void *)a);
  *off = a - obj->base;
  return 0;
}

int twz_tx_add(twz_object *obj, const void __persistent *p, size_t len) {
  uint64_t off;
  return user_range(obj, p, &off) < 0 ? -1 : twz_tx_add_internal(obj, off, len);
}

int twz_tx_record(twz_object *obj, const void __persistent *p, size_t len) {
  uint64_t off;
  return user_range(obj, p, &off) < 0 ? -1 : twz_tx_record_internal(obj, off, len);
}

/* End the transaction: drop every object's lock and per-transaction state. */
static void release(void) {
  for (size_t i = tx.n; i--;) {
    struct twz_object *o = tx.part[i];
    o->tx_in = false;
    o->log_open = false;
    o->tx_holds = 0;
    o->ndirty = 0;
    twz_unlock(o);
  }
  tx.n = 0;
  tx.depth = 0;
  if (tx.nfrees) /* (only then: the set may be large after a big transaction) */
    memset(tx.fset, 0, tx.capset * sizeof *tx.fset);
  tx.nfrees = 0;
}

/* Queue block payload p to be freed at commit; 1 if it is queued already. */
int twz_tx_defer_free(uintptr_t p) {
  if (2 * (tx.nfrees + 1) > tx.capset) { /* rehash at half full */
    size_t cap = tx.capset ? 2 * tx.capset : 256;
    uintptr_t *set = calloc(cap, sizeof *set);
    if (!set)
      return twz_set_error("out of memory");
    for (size_t i = 0; i < tx.nfrees; i++) {
      size_t h = (tx.frees[i] >> 4) * UINT64_C(0x9e3779b97f4a7c15) >> 20 & (cap - 1);
      while (set[h])
        h = (h + 1) & (cap - 1);
      set[h] = tx.frees[i];
    }
    free(tx.fset);
    tx.fset = set;
    tx.capset = cap;
  }
  size_t h = (p >> 4) * UINT64_C(0x9e3779b97f4a7c15) >> 20 & (tx.capset - 1);
  for (; tx.fset[h]; h = (h + 1) & (tx.capset - 1))
    if (tx.fset[h] == p)
      return 1;
  if (tx.nfrees == tx.capfrees) {
    size_t cap = tx.capfrees ? 2 * tx.capfrees : 256;
    uintptr_t *f = realloc(tx.frees, cap * sizeof *f);
    if (!f)
      return twz_set_error("out of memory");
    tx.frees = f;
    tx.capfrees = cap;
  }
  tx.fset[h] = p;
  tx.frees[tx.nfrees++] = p;
  return 0;
}

/* The changed ranges of objects o[0..n). */
static void persist_dirty(struct twz_object *const *o, size_t n) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += o[i]->ndirty;
  if (!total)
    return;
  /* One call for all objects: msync per object, or one fence for all. */
  struct twz_range stack[64], *r = total <= 64 ? stack : malloc(total * sizeof *r);
  if (!r) {
    for (size_t i = 0; i < n; i++)
      twz_persist_ranges(o[i]->dirty, o[i]->ndirty);
    return;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    memcpy(r + k, o[i]->dirty, o[i]->ndirty * sizeof *r);
    k += o[i]->ndirty;
  }
  twz_persist_ranges(r, k);
  if (r != stack)
    free(r);
}

/* One redo entry {offset, len, bytes} of the commit record at *p (NULL:
 * only count); returns its size. */
static size_t entry(uint8_t *p, const struct twz_object *c, uint64_t off, uint64_t len) {
  if (p) {
    uint64_t h[2] = {off, len};
    memcpy(p, h, sizeof h);
    memcpy(p + sizeof h, (const void *)(c->base + off), len);
    memset(p + sizeof h + len, 0, pad8(len) - len);
  }
  return 16 + pad8(len);
}

/* The redo entries of the coordinator's changed ranges (the allocation top,
 * which no record may restore, as an entry of its own); 0 if a range is
 * one a commit record may not carry. */
static size_t entries(uint8_t *p, const struct twz_object *c) {
  size_t n = 0;
  for (size_t i = 0; i < c->ndirty; i++) {
    uint64_t off = c->dirty[i].addr - c->base, end = off + c->dirty[i].len;
    if (off < ALLOC_TOP + 8 && ALLOC_TOP < end) {
      if (off < ALLOC_TOP)
        return 0; /* the header's first fields: never */
      n += entry(p ? p + n : NULL, c, ALLOC_TOP, 8);
      off = ALLOC_TOP + 8;
    }
    if (off < end) {
      if (!recordable(c, off, end - off))
        return 0;
      n += entry(p ? p + n : NULL, c, off, end - off);
    }
  }
  return n;
}

/* A participant whose new bytes this commit's record carries instead of a
 * flush of its own: its ranges in this transaction and, carried forward,
 * those the last record deferred (the record replaces it). */
struct deferred {
  struct twz_object *o;
  bool in_tx; /* its ranges in this transaction too */
  uint64_t *carried; /* {offset, len} pairs from the last record */
  size_t ncarried, bytes;
};

static struct deferred *find_deferred(struct deferred *d, size_t nd, const struct twz_object *o) {
  for (size_t i = 0; i < nd; i++)
    if (d[i].o == o)
      return &d[i];
  return NULL;
}

/* The ranges of the last record's sections whose participants still hold
 * the deferral mark it was written with: carried forward into d. A
 * participant that has to be flushed in this commit anyway needs none. */
static void carry(struct twz_object *c, const struct twz_log_record *rec, struct deferred *d,
                  size_t *nd) {
  const uint8_t *p = (const uint8_t *)(rec + 1) + 16, *end = (const uint8_t *)(rec + 1) + rec->len;
  struct deferred *cur = NULL;
  while (p < end) {
    uint64_t h[2];
    memcpy(h, p, sizeof h);
    p += sizeof h;
    if (h[0] == TWZ_LOG_REC_JOIN) {
      twz_id id;
      uint64_t epoch;
      memcpy(id.b, p, 16);
      memcpy(&epoch, p + 16, 8);
      struct twz_object *t = twz_object_open_id(&id);
      cur = NULL;
      if (t && t != c && twz_writable(t) && t->hdr->defer == epoch && t->hdr->log &&
          !memcmp(log_of(t)->coord, c->id.b, 16)) {
        cur = find_deferred(d, *nd, t);
        if (!cur && t->tx_in)
          cur = NULL; /* in this transaction, not deferred: flushed now */
        else if (!cur && *nd < TX_MAX)
          cur = &d[(*nd)++], *cur = (struct deferred){t, false, NULL, 0, 0};
        else if (!cur)
          defer_clear(t);
      }
    } else if (cur) {
      uint64_t *n = realloc(cur->carried, (cur->ncarried + 1) * 2 * sizeof *n);
      if (n) {
        cur->carried = n;
        n[2 * cur->ncarried] = h[0];
        n[2 * cur->ncarried + 1] = h[1];
        cur->ncarried++;
        cur->bytes += 16 + pad8(h[1]);
      } else {
        defer_clear(cur->o); /* (then the record need not carry it) */
        cur->bytes = DEFER_MAX + 1;
      }
    }
    p += pad8(h[1]);
  }
}

/* Mark participant o as one whose new bytes coordinator c's records may
 * hold (its log's `coord` and its header's `defer` epoch), durably, before
 * a record with them can be; a mark that already names c is kept. One that
 * names another coordinator hands over: o is made durable whole first, as
 * that coordinator's records stop applying to it. */
static void defer_mark(struct twz_object *o, struct twz_object *c) {
  if (o->hdr->defer && !memcmp(log_of(o)->coord, c->id.b, 16))
    return;
  if (o->hdr->defer)
    twz_backend_flush(o);
  uint64_t epoch = new_txid();
  memcpy(log_of(o)->coord, c->id.b, 16);
  o->hdr->defer = epoch;
  marking = true;
  twz_persist_ranges((struct twz_range[]){{(uintptr_t)log_of(o)->coord, 16},
                                          {(uintptr_t)&o->hdr->defer, 8}},
                     2);
  marking = false;
}

/* A deferred participant past the limit: its carried ranges and its ranges
 * in this transaction made durable, its mark kept. */
static void checkpoint(struct deferred *e) {
  size_t n = e->ncarried + (e->in_tx ? e->o->ndirty : 0);
  struct twz_range *r = malloc((n ? n : 1) * sizeof *r);
  if (!r) {
    defer_clear(e->o); /* (whole, and the mark cleared) */
    e->o->checkpointed = e->in_tx;
    return;
  }
  for (size_t i = 0; i < e->ncarried; i++)
    r[i] = (struct twz_range){e->o->base + e->carried[2 * i], e->carried[2 * i + 1]};
  if (e->in_tx)
    memcpy(r + e->ncarried, e->o->dirty, e->o->ndirty * sizeof *r);
  marking = true; /* (not a flush that clears the mark) */
  twz_persist_ranges(r, n);
  marking = false;
  free(r);
  e->o->checkpointed = e->in_tx;
}

/* The section of deferred participant e in a record at p (NULL: count). */
static size_t section(uint8_t *p, const struct deferred *e) {
  size_t n = entry(NULL, e->o, 0, SECTION);
  if (p) {
    uint64_t h[2] = {TWZ_LOG_REC_JOIN, SECTION};
    memcpy(p, h, sizeof h);
    memcpy(p + 16, e->o->id.b, 16);
    memcpy(p + 32, &e->o->hdr->defer, 8);
  }
  for (size_t i = 0; i < e->ncarried; i++)
    n += entry(p ? p + n : NULL, e->o, e->carried[2 * i], e->carried[2 * i + 1]);
  return n + (e->in_tx ? entries(p ? p + n : NULL, e->o) : 0);
}

/* Commit with a commit record (see the top of the file): the participants'
 * new bytes durable (or deferred: carried in the record), then the
 * coordinator's with the record in one flush. False if this commit cannot
 * take a record: the caller then makes every changed range durable and
 * writes a commit mark (what was flushed here already does no harm). */
static bool commit_with_record(struct twz_object *c) {
  uint8_t boot[16];
  if (!boot_id(boot) || !alt_of(c) || !twz_backend_flush_costly(c))
    return false;
  size_t len = entries(NULL, c);
  if ((c->ndirty && !len) || len > REDO_MAX)
    return false;
  /* Participants with fresh bytes only (no records: nothing to undo) may
   * be deferred, up to DEFER_MAX bytes each; the last record's deferred
   * ones are carried forward. */
  struct deferred d[TX_MAX];
  size_t nd = 0;
  for (size_t i = 1; i < tx.n; i++) {
    struct twz_object *p = tx.part[i];
    size_t b = p->ndirty && !p->log_open && p->hdr->log && twz_backend_flush_costly(p)
                   ? entries(NULL, p)
                   : 0;
    if (b && b <= DEFER_MAX)
      d[nd++] = (struct deferred){p, true, NULL, 0, b};
  }
  const struct twz_log_record *last = tx.prev ? record_of(c, tx.prev) : NULL;
  if (last)
    carry(c, last, d, &nd);
  /* Past the limit a participant is flushed instead: its ranges in this
   * transaction and the carried ones, keeping its mark (no other flush
   * happened: the last record may still be written over it, harmlessly). */
  size_t total = len;
  for (size_t i = 0; i < nd;) {
    if (d[i].bytes > DEFER_MAX || total + d[i].bytes > 2 * REDO_MAX) {
      checkpoint(&d[i]);
      free(d[i].carried);
      d[i] = d[--nd];
      continue;
    }
    total += d[i].bytes + 40;
    i++;
  }
  uint8_t *rec = malloc(16 + total + 40 * nd);
  bool ok = rec != NULL;
  if (ok) {
    /* Participants not deferred: durable first (their deferral marks are
     * cleared by that flush); the deferred ones: marked. */
    struct twz_object *flush[TX_MAX];
    size_t nf = 0;
    for (size_t i = 1; i < tx.n; i++)
      if (!find_deferred(d, nd, tx.part[i]) && !tx.part[i]->checkpointed)
        flush[nf++] = tx.part[i];
    persist_dirty(flush, nf);
    for (size_t i = 0; i < nd; i++)
      defer_mark(d[i].o, c);
    memcpy(rec, boot, 16);
    size_t n = 16 + entries(rec + 16, c);
    for (size_t i = 0; i < nd; i++)
      n += section(rec + n, &d[i]);
    ok = (c->log_open || log_open(c) == 0) && append(c, TWZ_LOG_REC_COMMIT, rec, n) == 0;
  }
  for (size_t i = 0; i < nd; i++)
    free(d[i].carried);
  free(rec);
  if (!ok)
    return false; /* (out of memory or the log is full: the commit mark then) */
  size_t n = c->ndirty;
  struct twz_range stack[64], *r = n + 2 <= 64 ? stack : malloc((n + 2) * sizeof *r);
  if (!r)
    return false;
  memcpy(r, c->dirty, n * sizeof *r);
  n += pending(c, r + n);
  twz_persist_ranges(r, n);
  if (r != stack)
    free(r);
  atomic_store((_Atomic uint64_t *)&log_of(c)->txid,
               tx.txid | (nd ? TWZ_LOG_DEFERRED : TWZ_LOG_COMMITTED));
  return true;
}

/* Before the coordinator's log forgets the last transaction (a commit
 * mark, an abort): the participants' bytes its record deferred durable. */
static void finish_prev(struct twz_object *c) {
  const struct twz_log_record *last = tx.prev ? record_of(c, tx.prev) : NULL;
  if (last)
    finish_record(c, last, false);
}

int twz_tx_commit(twz_object *obj) {
  if (!tx.depth || !obj->tx_in || !obj->tx_holds)
    return twz_set_error("twz_tx_commit without twz_tx_begin");
  obj->tx_holds--;
  if (tx.depth > 1) {
    tx.depth--;
    return 0;
  }
  if (tx.nfrees && twz_heap_free_now(tx.frees, tx.nfrees) < 0) {
    obj->tx_holds++;
    twz_tx_abort(obj);
    return -1;
  }
  tx.depth = 0;
  twz_tx_ready(); /* records of twz_tx_add without a twz_tx_ready */
  struct twz_object *c = tx.part[0];
  if (!commit_with_record(c)) {
    /* The log may still name the last transaction, whose record must not
     * be written over these bytes after a reboot: replace it first. */
    if (!c->log_open && log_of(c)->txid & TXID_FLAGS && log_open(c) == 0)
      twz_tx_ready();
    persist_dirty(tx.part, tx.n); /* 1. the new bytes durable ... */
    if (c->log_open) {
      finish_prev(c);
      log_idle(c, true); /* 2. ... before the commit mark */
    }
  }
  for (size_t i = 1; i < tx.n; i++)
    if (tx.part[i]->log_open)
      log_idle(tx.part[i], false); /* decided by the coordinator's mark */
  release();
  return 0;
}

int twz_tx_abort(twz_object *obj) {
  if (!tx.depth || !obj->tx_in)
    return twz_set_error("twz_tx_abort without twz_tx_begin");
  /* Aborting any level aborts the whole transaction: the log has no marks.
   * Participants first; the coordinator's mark goes last, once every
   * restored byte is durable (as in recovery). */
  for (size_t i = tx.n; i--;) {
    struct twz_object *o = tx.part[i];
    if (o->log_open) {
      rollback(o);
      if (i == 0)
        finish_prev(o);
      log_idle(o, i == 0);
    }
  }
  release();
  return 0;
}

bool twz_tx_active(struct twz_object *obj) { return tx.depth && obj->tx_in; }

struct stats {
  uint64_t records, bytes;
};

static bool count(void *arg, const struct twz_log_record *r) {
  struct stats *st = arg;
  st->records++;
  st->bytes += REC_HDR + pad8(r->len);
  return true;
}

void twz_log_stats(const struct twz_object *obj, uint32_t *extents, uint64_t *records,
                   uint64_t *bytes) {
  char why[200];
  struct stats st = {0};
  *extents = 0;
  *records = *bytes = 0;
  if (!obj->hdr->log || !extents_ok(obj, why, sizeof why))
    return;
  for (uint64_t at = obj->hdr->log; at; at = log_at(obj, at)->next)
    ++*extents;
  for (uint64_t at = alt_of(obj); at; at = log_at(obj, at)->next)
    ++*extents;
  if (twz_log_pending(log_of(obj)))
    walk(obj, count, &st, why, sizeof why);
  *records = st.records;
  *bytes = st.bytes;
}

bool twz_log_holds(const struct twz_object *obj, uintptr_t addr) {
  return in_log(obj, addr - obj->base, 1);
}

/* A page the open transaction changes (or may change), picked by `rnd`, or
 * 0: hosted/persist.c's crash-test mode writes it back early. */
uintptr_t twz_tx_some_dirty(uint64_t rnd) {
  size_t total = 0;
  for (size_t i = 0; i < tx.n; i++)
    total += tx.part[i]->ndirty;
  if (!total)
    return 0;
  size_t k = rnd % total;
  for (size_t i = 0; i < tx.n; i++) {
    struct twz_object *o = tx.part[i];
    if (k < o->ndirty)
      return o->dirty[k].addr + (rnd >> 32) % (o->dirty[k].len ? o->dirty[k].len : 1);
    k -= o->ndirty;
  }
  return 0;
}
