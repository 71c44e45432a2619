/* Hosted back end: internal to runtime/src/hosted/. */
#ifndef TWZ_HOSTED_H
#define TWZ_HOSTED_H

#include <stdint.h>

#include <stdbool.h>

/* map.c: map file `fd` with `prot` at a random free slot between 256 GiB
 * and 64 TiB (MAP_SHARED), the null page inaccessible. *pmem: the mapping
 * is MAP_SYNC (a DAX file system): cache-line flushes make it durable. */
int twz_slot_map(int fd, int prot, uintptr_t *base_out, bool *pmem);

/* persist.c: TWZ_PMEM (-1 unset), and the crash-test mode TWZ_TEST_VOLATILE
 * (objects mapped copy-on-write; only flushes reach the file). */
int twz_hosted_pmem_mode(void);
void twz_hosted_set_pmem(uintptr_t base, bool pmem); /* the slot at base is MAP_SYNC */
bool twz_hosted_volatile(void);

#endif
