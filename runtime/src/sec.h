/* security.c: the security policy of mappings. Private to libtwz. */
#ifndef TWZ_SRC_SEC_H
#define TWZ_SRC_SEC_H

#include <stdint.h>
#include <twz/abi.h>
#include <twz/twz.h>

/* Read $TWZ_CONTEXT (once). */
void twz_sec_init(void);
/* The rights a new mapping of `id` gets in the attached context (every
 * right without one). */
uint32_t twz_sec_map_rights(const twz_id *id, const struct twz_obj_header *h);

#endif
