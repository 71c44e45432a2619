/*
 * The inspection API of <twz/inspect.h> that does not depend on the back
 * end: the undo log's header, lock tokens, the namespace's ID, and object
 * images (objects in memory the caller mapped: what the fuzzer and tests
 * open instead of building a struct twz_object by hand). The store's files
 * are the hosted back end's (hosted/store.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "log.h"
#include "names.h"
#include "object.h"

static bool in_data(uint64_t off, uint64_t len) {
  return off >= TWZ_DATA_START && off <= TWZ_DATA_END && len <= TWZ_DATA_END - off;
}

void twz_object_log(const twz_object *obj, struct twz_log_info *out) {
  memset(out, 0, sizeof *out);
  out->offset = obj->hdr->log;
  if (!out->offset || !in_data(out->offset, sizeof(struct twz_log)) || (out->offset & 7))
    return;
  const struct twz_log *log = (const struct twz_log *)(obj->base + out->offset);
  out->inside = true;
  out->txid = log->txid;
  out->state = twz_log_unfinished(obj) ? TWZ_LOG_ACTIVE : TWZ_LOG_IDLE;
  out->owner_pid = twz_lock_token_pid(log->owner);
  memcpy(out->coord.b, log->coord, 16);
  for (int i = 0; i < 16; i++)
    out->participant |= log->coord[i] != 0;
  twz_log_stats(obj, &out->extents, &out->records, &out->used);
}

/* lock.c's token: pid in the low 32 bits (docs/abi.md, "Object lock"). */
uint32_t twz_lock_token_pid(uint64_t token) { return (uint32_t)(token & 0xffffffffu); }

twz_id twz_namespace_object_id(void) { return twz_namespace_id; }

bool twz_id_is_namespace(const twz_id *id) {
  return memcmp(id->b, twz_namespace_id.b, sizeof id->b) == 0;
}

twz_object *twz_image_open(void *slot, unsigned flags) {
  uintptr_t base = (uintptr_t)slot;
  if (!base || (base & TWZ_OFFSET_MASK))
    return twz_set_error("twz_image_open: %p is not slot-aligned", slot), NULL;
  const struct twz_obj_header *hdr = (const struct twz_obj_header *)(base + TWZ_META_OFFSET);
  struct twz_obj_header h;
  memcpy(&h, hdr, sizeof h);
  twz_id id;
  memcpy(id.b, h.id, sizeof id.b);
  char what[64], why[200];
  snprintf(what, sizeof what, "image at %p", slot);
  if (twz_header_validate(&h, &id, what) < 0)
    return NULL;
  struct twz_object *obj = calloc(1, sizeof *obj);
  if (!obj)
    return twz_set_error("out of memory"), NULL;
  obj->id = id;
  obj->base = base;
  obj->hdr = (struct twz_obj_header *)hdr;
  obj->fd = -1;
  obj->readonly = h.flags & TWZ_OBJ_IMMUTABLE;
  obj->rights = flags & TWZ_IMAGE_WRITABLE ? TWZ_PERM_ALL : TWZ_PERM_READ;
  pthread_mutex_init(&obj->mutex, NULL);
  if (twz_log_check(obj, why, sizeof why) < 0) {
    twz_set_error("%s is corrupt: %s", what, why);
    goto fail;
  }
  if (flags & TWZ_IMAGE_RECOVER) {
    /* As map_object does once the lock is taken over from a dead owner. */
    twz_log_recover(obj);
    if (!twz_heap_offset_valid(obj->hdr->heap)) {
      twz_set_error("%s is corrupt: heap metadata offset 0x%llx is outside the data area", what,
                    (unsigned long long)obj->hdr->heap);
      goto fail;
    }
  }
  return obj;
fail:
  twz_image_close(obj);
  return NULL;
}

void twz_image_close(twz_object *obj) {
  if (!obj)
    return;
  pthread_mutex_destroy(&obj->mutex);
  free(obj);
}
