/* slots.c: the slot table (which object is mapped in which slot) and the
 * resolution and encode caches compiled code reads. Private to libtwz. */
#ifndef TWZ_SRC_SLOTS_H
#define TWZ_SRC_SLOTS_H

#include <stdint.h>

struct twz_object;

/* The __twz_* symbols compiled code uses (docs/abi.md): exported from
 * libtwz.so although everything else is hidden. */
#define TWZ_ABI_EXPORT __attribute__((visibility("default")))

void twz_runtime_init(void);
struct twz_object *twz_slot_lookup(uintptr_t addr);
/* Cheap per-thread random numbers for placing objects at random slots (both
 * back ends): code must not come to depend on mapping addresses. */
uint64_t twz_slot_random(void);
void twz_slot_register(struct twz_object *obj);
void twz_slot_unregister(struct twz_object *obj);
void twz_rcache_fill(uintptr_t container, uint64_t idx, uintptr_t target_base);
void twz_rcache_clear(uintptr_t container);
void twz_ecache_fill(uintptr_t container, uintptr_t target, uint64_t gen, uint64_t idx);

#endif
