/* log.c: the undo log. Private to libtwz. */
#ifndef TWZ_SRC_LOG_H
#define TWZ_SRC_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "object.h"

int twz_log_check(const struct twz_object *obj, char *why, size_t len);
void twz_log_recover(struct twz_object *obj);
int twz_tx_record_internal(struct twz_object *obj, uint64_t offset, uint64_t len);

/* Record the bytes at runtime address p (inside obj) in the current transaction. */
static inline int twz_rec(struct twz_object *obj, const void *p, size_t len) {
  return twz_tx_record_internal(obj, (uintptr_t)p - obj->base, len);
}

#endif
