/*
 * <twz/twz.h>: the libtwz public API (hosted back end). See runtime/README.md.
 *
 * Functions that can fail return NULL or -1 and leave a message for
 * twz_error(); they never abort. Faults in compiled code (a corrupt stored
 * pointer, a pointer into no object) print a message and abort.
 */
#ifndef TWZ_TWZ_H
#define TWZ_TWZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <twz/persistent.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct twz_id {
  uint8_t b[16];
} twz_id;

/* A mapped object in this process. Handles live until the process exits. */
typedef struct twz_object twz_object;

#define TWZ_ID_STRLEN 32 /* hex digits, without the NUL */

/* Create a new object with a random ID; bind `name` to it unless NULL. */
twz_object *twz_object_create(const char *name);
/* Create (or find) the immutable object holding exactly `data`: its ID is the
 * BLAKE2b-128 hash of the bytes, which start at the first data offset. The
 * mapping is read-only. */
twz_object *twz_object_create_immutable(const char *name, const void *data, size_t len);
/* Copy an object (data, FOT, root) into a new object with a random ID. */
twz_object *twz_object_copy(twz_object *src, const char *name);
/* Delete an object from the store (names that point to it are left alone). */
int twz_object_delete(const twz_id *id);
/* Open (map) an object by name or by ID. Opening twice gives the same handle. */
twz_object *twz_object_open(const char *name);
twz_object *twz_object_open_id(const twz_id *id);
/* The object that holds `p`, or NULL (no message) if p points into no object. */
twz_object *twz_object_of(const void __persistent *p);

twz_id twz_object_id(const twz_object *obj);
/* True for content-addressed, read-only objects. */
bool twz_object_immutable(const twz_object *obj);
/* Slot base address of the mapping (differs between processes). */
uintptr_t twz_object_base(const twz_object *obj);

/* Allocate zeroed memory inside the object (bump allocation; never freed). */
void __persistent *twz_object_alloc(twz_object *obj, size_t size, size_t align);
/* The object's root pointer (NULL until set) and its setter. */
void __persistent *twz_object_root(twz_object *obj);
int twz_object_set_root(twz_object *obj, const void __persistent *p);
/* Write back the object's dirty pages to the store (msync). */
int twz_object_flush(twz_object *obj);
/* Number of FOT entries in use, index 0 included. */
uint64_t twz_object_fot_count(const twz_object *obj);

/* Permanent allocation inside the object (above) is never freed; the heap
 * below allocates and frees blocks crash-safely (zeroed, 16-byte aligned). */
void __persistent *twz_malloc(twz_object *obj, size_t size);
int twz_free(void __persistent *p);

/* Undo-log transactions on one object: record every range before changing
 * it; commit makes the changes durable; a crash or abort undoes them all.
 * Nested begin/commit pairs join the outer transaction. */
int twz_tx_begin(twz_object *obj);
int twz_tx_record(twz_object *obj, const void __persistent *p, size_t len);
int twz_tx_commit(twz_object *obj);
int twz_tx_abort(twz_object *obj);

/* Names: the store's persistent namespace (name -> ID). */
int twz_name_bind(const char *name, const twz_id *id);
int twz_name_unbind(const char *name);
int twz_name_resolve(const char *name, twz_id *id);
/* Calls fn for every binding; returns how many, or -1. */
int twz_name_list(void (*fn)(const char *name, const twz_id *id, void *arg), void *arg);

/* Late binding: store at `loc` (a pointer field in object memory) a pointer
 * to offset `offset` of whatever object `name` is bound to when the pointer
 * is used. The FOT entry holds the name, not an ID. */
int twz_ptr_bind_name(void __persistent *loc, const char *name, uint64_t offset);
/* Make every FOT entry of `obj` that names object `from` name `to` instead:
 * every stored pointer through them follows, without knowing obj's layout.
 * Returns the number of entries changed, or -1. */
long twz_fot_retarget(twz_object *obj, const twz_id *from, const twz_id *to);

/* Inspection (for tools): the header and FOT entry `idx` (copied into *out);
 * twz_object_check validates an object and reports each problem through
 * `report`, returning the number of problems. */
const struct twz_obj_header *twz_object_header(const twz_object *obj);
int twz_fot_get(const twz_object *obj, uint64_t idx, struct twz_fot_entry *out);
int twz_object_check(const twz_object *obj, void (*report)(const char *problem, void *arg),
                     void *arg);

void twz_id_format(const twz_id *id, char out[TWZ_ID_STRLEN + 1]);
int twz_id_parse(const char *text, twz_id *id);

/* The store directory in use: $TWZ_STORE, else ./twz-store. */
const char *twz_store_path(void);
/* The message of this thread's last failed call. */
const char *twz_error(void);

#ifdef __cplusplus
}
#endif

#endif
