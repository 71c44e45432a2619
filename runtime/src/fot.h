/* fot.c: the foreign object table. Private to libtwz. */
#ifndef TWZ_SRC_FOT_H
#define TWZ_SRC_FOT_H

#include <stdbool.h>
#include <stdint.h>
#include <twz/abi.h>
#include <twz/twz.h>

struct twz_object;

/* Entry `idx` in object memory, or NULL past the end. */
const struct twz_fot_entry *twz_fot_entry(const struct twz_object *obj, uint64_t idx);
uint64_t twz_fot_find_or_add(struct twz_object *obj, const twz_id *target, uint32_t rights);
bool twz_fot_names(const struct twz_fot_entry *e, const twz_id *target);

#endif
