/* names.c: the store's namespace. Private to libtwz. */
#ifndef TWZ_SRC_NAMES_H
#define TWZ_SRC_NAMES_H

#include <stdint.h>
#include <twz/twz.h>

extern const twz_id twz_namespace_id;
/* Bumped by every change of a binding (late-bound pointers re-resolve). */
uint64_t twz_namespace_epoch(void);

#endif
