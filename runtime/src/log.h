/* log.c: the undo log. Private to libtwz. */
#ifndef TWZ_SRC_LOG_H
#define TWZ_SRC_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "object.h"

/* A log that needs recovery: active and not marked committed (one whose
 * commit deferred participants' bytes does: they are made durable). */
static inline bool twz_log_pending(const struct twz_log *log) {
  return log->txid && !(log->txid & TWZ_LOG_COMMITTED);
}
/* The log's transaction committed with a commit record in this boot. */
bool twz_log_committed_here(const struct twz_object *obj);
/* A transaction in progress, or one that a crash left unfinished (not one
 * that committed with a commit record), or a malformed log. */
bool twz_log_unfinished(const struct twz_object *obj);
int twz_log_check(const struct twz_object *obj, char *why, size_t len);
/* Before other bytes of obj are made durable: retire a committed
 * transaction whose commit record recovery could otherwise write again. */
void twz_log_settle(struct twz_object *obj);
/* obj's header says a coordinator may hold its new bytes: open it (its
 * recovery finishes them). */
void twz_log_open_deferrer(struct twz_object *obj);
void twz_log_recover(struct twz_object *obj);
/* Record a range of obj (joining it to this thread's transaction): add
 * appends the record, record also makes every pending record durable. */
int twz_tx_add_internal(struct twz_object *obj, uint64_t offset, uint64_t len);
int twz_tx_record_internal(struct twz_object *obj, uint64_t offset, uint64_t len);
/* Bytes the transaction writes that need no undo (fresh allocations): made
 * durable at commit, or now outside a transaction. */
int twz_tx_dirty_internal(struct twz_object *obj, uint64_t offset, uint64_t len);
/* Extents (0 if the chain is malformed), and the active transaction's
 * valid records and their bytes (headers included). */
void twz_log_stats(const struct twz_object *obj, uint32_t *extents, uint64_t *records,
                   uint64_t *bytes);
/* addr is in an extent of obj's log (crash tests). */
bool twz_log_holds(const struct twz_object *obj, uintptr_t addr);
/* A page the open transaction changes, picked by rnd, or 0 (crash tests). */
uintptr_t twz_tx_some_dirty(uint64_t rnd);
/* twz_free inside a transaction: queue payload p to be freed when the
 * transaction commits (0; 1 if queued already; -1). heap.c frees the
 * queue with twz_heap_free_now, all records in one batch. */
int twz_tx_defer_free(uintptr_t p);
int twz_heap_free_now(const uintptr_t *p, size_t n);
/* obj is in this thread's open transaction. */
bool twz_tx_active(struct twz_object *obj);

/* Record without a flush; twz_tx_ready() before changing the bytes. */
static inline int twz_add(struct twz_object *obj, const void *p, size_t len) {
  return twz_tx_add_internal(obj, (uintptr_t)p - obj->base, len);
}

/* Record the bytes at runtime address p (inside obj) in the current transaction. */
static inline int twz_rec(struct twz_object *obj, const void *p, size_t len) {
  return twz_tx_record_internal(obj, (uintptr_t)p - obj->base, len);
}

#endif
