/* lock.c: the object lock; taking it over from a dead owner recovers.
 * Private to libtwz. */
#ifndef TWZ_SRC_LOCK_H
#define TWZ_SRC_LOCK_H

#include <stdbool.h>
#include <stdint.h>

struct twz_object;

void twz_lock(struct twz_object *obj);
void twz_unlock(struct twz_object *obj);
bool twz_lock_owner_alive(uint64_t token);
/* This process's token: pid in the low 32 bits, start time above. */
uint64_t twz_lock_token(void);

#endif
