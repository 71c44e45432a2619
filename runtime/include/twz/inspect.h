/*
 * <twz/inspect.h>: inspection and validation of objects, the one supported
 * way for tools (`twz`), fuzzers and tests to look at what the runtime
 * otherwise keeps to itself: header, FOT, undo log, lock owner, the store's
 * files, and object images that are not in the store. Formats are in
 * <twz/abi.h> and docs/abi.md. Every reader here bounds what it reads, so
 * it is safe on a corrupt object that opened. Included by <twz/twz.h>.
 */
#ifndef TWZ_INSPECT_H
#define TWZ_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <twz/abi.h>
#include <twz/twz.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

/* The header (in object memory: read each field once) and a copy of FOT
 * entry `idx` (-1 past the end). */
const struct twz_obj_header *twz_object_header(const twz_object *obj);
int twz_fot_get(const twz_object *obj, uint64_t idx, struct twz_fot_entry *out);
/* The NUL-terminated name a late-bound (NAME) entry points at, or NULL if
 * `e` is no NAME entry or its name does not lie inside the data area. */
const char *twz_fot_name(const twz_object *obj, const struct twz_fot_entry *e);

/* Validate an object beyond what opening it checks (FOT entries, root
 * pointer, undo log, heap free lists), reporting each problem through
 * `report`; returns the number of problems. Only reads. */
int twz_object_check(const twz_object *obj, void (*report)(const char *problem, void *arg),
                     void *arg);

/* The undo log's header. */
#define TWZ_LOG_IDLE 0u   /* twz_log_info.state: txid 0 */
#define TWZ_LOG_ACTIVE 1u /* a transaction's records are in the log */
struct twz_log_info {
  uint64_t offset;    /* header's log field: 0 when the object has no log */
  bool inside;        /* the log lies inside the data area (else nothing below is read) */
  uint64_t state;     /* TWZ_LOG_IDLE or TWZ_LOG_ACTIVE */
  uint64_t used;      /* bytes of the active transaction's valid undo records */
  uint32_t owner_pid; /* process that began the transaction */
  uint64_t txid;      /* the active (or last committed: TWZ_LOG_COMMITTED) transaction, or 0 */
  uint64_t records;   /* the active transaction's valid records (data, JOIN, COMMIT) */
  uint32_t extents;   /* extents in both chains (0 if one is malformed) */
  bool participant;   /* coordinated by another object (coord, below) */
  twz_id coord;
};
void twz_object_log(const twz_object *obj, struct twz_log_info *out);

/* The process ID in a lock token (the header's lock word, a log's owner):
 * 0 for a free lock. */
uint32_t twz_lock_token_pid(uint64_t token);

/* The store's namespace object (fixed ID, docs/abi.md "Names"). */
twz_id twz_namespace_object_id(void);
bool twz_id_is_namespace(const twz_id *id);

/* Hosted store files. The file of object `id` ("<store>/<id>.obj"; -1 if
 * it does not fit in `len`), whether it exists, and every object in the
 * store, sorted by ID (*ids from malloc; free it). */
int twz_store_object_path(const twz_id *id, char *buf, size_t len);
bool twz_store_has(const twz_id *id);
int twz_store_list(twz_id **ids, size_t *n);

/*
 * Object images: an object's bytes in memory the caller mapped (a slot-
 * aligned TWZ_SLOT_SIZE region, null page inaccessible), not a store file.
 * twz_image_open checks what opening an object checks (the header, under
 * the ID it names itself; the undo log) and returns a handle for the
 * inspection calls above, or NULL with twz_error(). With
 * TWZ_IMAGE_WRITABLE the handle may write the image (else it is read only),
 * and TWZ_IMAGE_RECOVER rolls back an unfinished transaction as opening
 * does when its owner is dead, then checks again what recovery may change.
 * The image is not in the slot table (compiled code cannot resolve
 * pointers into it). twz_image_close frees the handle, not the memory.
 */
#define TWZ_IMAGE_WRITABLE 0x1u
#define TWZ_IMAGE_RECOVER 0x2u
twz_object *twz_image_open(void *slot, unsigned flags);
void twz_image_close(twz_object *obj);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif
