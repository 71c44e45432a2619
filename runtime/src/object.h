/* object.c: the per-process record of a mapped object, and what every
 * module asks of it. Private to libtwz. */
#ifndef TWZ_SRC_OBJECT_H
#define TWZ_SRC_OBJECT_H

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
  /* This object's part in the holding thread's transaction (log.c). */
  bool tx_in;             /* a participant: its lock is held until the end */
  bool log_open;          /* its log is active with the transaction's txid */
  bool hdr_pend;          /* the log header's new txid is not durable yet */
  bool checkpointed;      /* its changed ranges were made durable early in the commit */
  bool recovering;        /* its log is being recovered (no recursion) */
  unsigned tx_holds;      /* twz_tx_begin calls on it not yet committed */
  uint64_t log_ext;       /* offset of the extent records go to */
  uint64_t log_pos;       /* offset of the next record */
  uint64_t pend_lo;       /* records from here to log_pos are not durable yet */
  struct twz_range *dirty; /* ranges to make durable at commit */
  size_t ndirty, capdirty;
  /* Ranges recorded in this transaction (by offset, direct-mapped): a range
   * recorded again needs no second record, only its first old bytes. */
  struct { uint64_t off, len, gen; } recorded[64];
  /* Late-bound FOT entries (translate.c): idx -> {namespace epoch, base}. */
  struct twz_late { uint64_t epoch; uintptr_t base; } *late;
  uint64_t nlate;
  bool readonly;   /* immutable: mapped without write access */
  uint32_t rights; /* TWZ_PERM_* the attached security context grants */
};

/* Held while mapping or unmapping (the back end's map calls need it);
 * recursive. */
void twz_map_acquire(void);
void twz_map_release(void);

/* Create object `id` with header flags `flags` and `len` bytes of `data`,
 * and map it (names.c creates the namespace object so). */
twz_object *twz_object_create_with_id(const twz_id *id, uint32_t flags, const void *data,
                                      size_t len);

/* The checks opening makes on a header before trusting it (`id`: the ID it
 * is opened under; `what` names it in the message). 0, or -1 with
 * twz_set_error. The heap offset alone is checked again after recovery. */
int twz_header_validate(const struct twz_obj_header *h, const twz_id *id, const char *what);
bool twz_heap_offset_valid(uint64_t heap);

/* Give every object mapped so far the attached context's rights. */
int twz_sec_narrow_mapped(void);

/* Writable by this process: not immutable, and the context grants w. */
static inline bool twz_writable(const struct twz_object *obj) {
  return !obj->readonly && (obj->rights & TWZ_PERM_WRITE);
}
/* The error for changing an object this process may not write; -1. */
int twz_not_writable(const struct twz_object *obj, const char *what);

static inline uintptr_t twz_slot_base(uintptr_t addr) { return addr & ~(uintptr_t)TWZ_OFFSET_MASK; }

#endif
