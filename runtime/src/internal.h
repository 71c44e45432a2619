/* libtwz internals shared between the runtime's source files. */
#ifndef TWZ_INTERNAL_H
#define TWZ_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <twz/abi.h>
#include <twz/twz.h>

/* Per-process record of one mapped object. */
struct twz_object {
  twz_id id;
  uintptr_t base;              /* slot-aligned mapping address */
  struct twz_obj_header *hdr;  /* metadata page */
  int fd;                      /* back-end handle: the file (hosted), the slot (native) */
  /* Encode cache: target slot -> FOT index, open addressing, 0 = empty. */
  uint64_t *enc_keys;
  uint32_t *enc_vals;
  uint32_t enc_cap, enc_used;
  /* Object lock (lock.c): a recursive in-process mutex around the
   * cross-process pid lock in the header; depth counts nested holds. */
  pthread_mutex_t mutex;
  unsigned lock_depth;
  unsigned tx_depth; /* nested transactions of the lock holder (log.c) */
  /* Late-bound FOT entries (translate.c): idx -> {namespace epoch, base}. */
  struct twz_late { uint64_t epoch; uintptr_t base; } *late;
  uint64_t nlate;
  bool readonly;   /* immutable: mapped without write access */
  uint32_t rights; /* TWZ_PERM_* the attached security context grants */
};

/* slots.c: slot table and resolution cache. */
void twz_runtime_init(void);
struct twz_object *twz_slot_lookup(uintptr_t addr);
/* Cheap per-thread random numbers for placing objects at random slots (both
 * back ends): code must not come to depend on mapping addresses. */
uint64_t twz_slot_random(void);
void twz_slot_register(struct twz_object *obj);
void twz_slot_unregister(struct twz_object *obj);
void twz_rcache_fill(uintptr_t container, uint64_t idx, uintptr_t target_base);
void twz_rcache_clear(uintptr_t container);
void twz_ecache_fill(uintptr_t container, uintptr_t target, uint64_t gen, uint64_t idx);

/* object.c */
extern pthread_mutex_t twz_map_lock;

/* lock.c: the object lock; taking it over from a dead owner recovers. */
void twz_lock(struct twz_object *obj);
void twz_unlock(struct twz_object *obj);
bool twz_lock_owner_alive(uint64_t token);
uint64_t twz_lock_token(void);

/* log.c: undo log. */
int twz_log_check(const struct twz_object *obj, char *why, size_t len);
void twz_log_recover(struct twz_object *obj);
int twz_tx_record_internal(struct twz_object *obj, uint64_t offset, uint64_t len);

/* names.c */
extern const twz_id twz_namespace_id;
uint64_t twz_namespace_epoch(void);

/* fot.c */
const struct twz_fot_entry *twz_fot_entry(const struct twz_object *obj, uint64_t idx);
uint64_t twz_fot_find_or_add(struct twz_object *obj, const twz_id *target, uint32_t rights);
bool twz_fot_names(const struct twz_fot_entry *e, const twz_id *target);
const char *twz_fot_entry_name(const struct twz_object *obj, const struct twz_fot_entry *e);

/* translate.c: drop this process's cached resolutions of obj's FOT entries. */
void twz_translate_forget(struct twz_object *obj);

/* store.c */
int twz_name_check(const char *name); /* -1 with a message if invalid */

/* security.c: read $TWZ_CONTEXT (once); the rights a new mapping of `id`
 * gets in the attached context (every right without one). */
void twz_sec_init(void);
uint32_t twz_sec_map_rights(const twz_id *id, const struct twz_obj_header *h);

/* object.c: give every object mapped so far the attached context's rights. */
int twz_sec_narrow_mapped(void);

/* id.c */
int twz_id_random(twz_id *id);
bool twz_id_equal(const twz_id *a, const twz_id *b);

/* error.c: set this thread's message; returns -1 for convenience. */
int twz_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void twz_fault(const char *fmt, ...) __attribute__((format(printf, 1, 2)));


/* Record the bytes at runtime address p (inside obj) in the current transaction. */
static inline int twz_rec(struct twz_object *obj, const void *p, size_t len) {
  return twz_tx_record_internal(obj, (uintptr_t)p - obj->base, len);
}

/* Writable by this process: not immutable, and the context grants w. */
static inline bool twz_writable(const struct twz_object *obj) {
  return !obj->readonly && (obj->rights & TWZ_PERM_WRITE);
}
/* The error for changing an object this process may not write; -1. */
int twz_not_writable(const struct twz_object *obj, const char *what);

static inline uintptr_t twz_slot_base(uintptr_t addr) { return addr & ~(uintptr_t)TWZ_OFFSET_MASK; }

/* Where objects live: store files or kernel objects (twz_persist, twz_store_pread, ...). */
#include "backend.h"

#endif
