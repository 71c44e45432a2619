/*
 * <twz/twz.h>: the libtwz public API (hosted back end). See runtime/README.md.
 *
 * Functions that can fail return NULL or -1 and leave a message for
 * twz_error(); they never abort. Faults in compiled code (a corrupt stored
 * pointer, a pointer into no object) print a message and abort.
 */
#ifndef TWZ_TWZ_H
#define TWZ_TWZ_H

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
/* Open (map) an object by name or by ID. Opening twice gives the same handle. */
twz_object *twz_object_open(const char *name);
twz_object *twz_object_open_id(const twz_id *id);
/* The object that holds `p`, or NULL (no message) if p points into no object. */
twz_object *twz_object_of(const void __persistent *p);

twz_id twz_object_id(const twz_object *obj);
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

/* Names: bind/resolve `name` to an ID in the store's namespace. */
int twz_name_bind(const char *name, const twz_id *id);
int twz_name_resolve(const char *name, twz_id *id);

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
