/* Hosted back end: internal to runtime/src/hosted/. */
#ifndef TWZ_HOSTED_H
#define TWZ_HOSTED_H

#include <stdint.h>

/* map.c: map file `fd` with `prot` at a random free slot between 256 GiB
 * and 64 TiB (MAP_SHARED), the null page inaccessible. */
int twz_slot_map(int fd, int prot, uintptr_t *base_out);

#endif
