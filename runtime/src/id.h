/* id.c: object IDs. Private to libtwz. */
#ifndef TWZ_SRC_ID_H
#define TWZ_SRC_ID_H

#include <stdbool.h>
#include <twz/twz.h>

int twz_id_random(twz_id *id);
bool twz_id_equal(const twz_id *a, const twz_id *b);

#endif
