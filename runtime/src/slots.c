/*
 * The slot table (which object is mapped in which 1 GiB slot of this
 * process) and the resolution cache that compiled code reads on its fast
 * path (layout in <twz/abi.h> and docs/abi.md). Where objects are mapped is
 * the back end's business (backend.h).
 */
#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>

#include "error.h"
#include "object.h"
#include "sec.h"
#include "slots.h"

/* Read by compiled code; set once, before main, by twz_runtime_init. */
TWZ_ABI_EXPORT uintptr_t __twz_rcache_base;
TWZ_ABI_EXPORT uintptr_t __twz_ecache_base;

static struct twz_object *_Atomic slot_table[UINT64_C(1) << TWZ_RCACHE_SLOT_BITS];

__attribute__((constructor(101))) void twz_runtime_init(void) {
  if (__twz_rcache_base)
    return;
  /* Reserved, not committed: untouched pages read as zero (= cache miss). */
  void *p = mmap(NULL, TWZ_RCACHE_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    twz_fault("cannot reserve the %llu MiB resolution cache: %s",
              (unsigned long long)(TWZ_RCACHE_SIZE >> 20), strerror(errno));
  __twz_rcache_base = (uintptr_t)p;
  p = mmap(NULL, TWZ_ECACHE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
           -1, 0);
  if (p == MAP_FAILED)
    twz_fault("cannot reserve the %llu MiB encode cache: %s",
              (unsigned long long)(TWZ_ECACHE_SIZE >> 20), strerror(errno));
  __twz_ecache_base = (uintptr_t)p;
  twz_sec_init(); /* $TWZ_CONTEXT, before main changes anything */
}

void twz_ecache_fill(uintptr_t container, uintptr_t target, uint64_t gen, uint64_t idx) {
  uint64_t tslot = target >> TWZ_SLOT_BITS;
  uintptr_t row = (container >> TWZ_SLOT_BITS) & TWZ_RCACHE_SLOT_MASK;
  _Atomic uint64_t *w = (_Atomic uint64_t *)(__twz_ecache_base + row * TWZ_ECACHE_STRIDE +
                                             (tslot & (TWZ_ECACHE_ENTRIES - 1)) * 8);
  atomic_store_explicit(w,
                        (tslot + 1) << TWZ_ECACHE_TAG_SHIFT |
                            (gen & TWZ_ECACHE_GEN_MASK) << TWZ_ECACHE_GEN_SHIFT | idx,
                        memory_order_relaxed);
}

uint64_t twz_slot_random(void) {
  static _Thread_local uint64_t state;
  if (!state && getrandom(&state, sizeof state, 0) != sizeof state)
    state = (uint64_t)(uintptr_t)&state;
  state |= 1;
  state ^= state << 13; /* xorshift64 */
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

struct twz_object *twz_slot_lookup(uintptr_t addr) {
  if (addr >> (TWZ_SLOT_BITS + TWZ_RCACHE_SLOT_BITS))
    return NULL;
  return atomic_load_explicit(&slot_table[addr >> TWZ_SLOT_BITS], memory_order_acquire);
}

void twz_slot_unregister(struct twz_object *obj) {
  atomic_store_explicit(&slot_table[obj->base >> TWZ_SLOT_BITS], NULL, memory_order_release);
}

void twz_slot_register(struct twz_object *obj) {
  atomic_store_explicit(&slot_table[obj->base >> TWZ_SLOT_BITS], obj, memory_order_release);
}

void twz_rcache_fill(uintptr_t container, uint64_t idx, uintptr_t target_base) {
  if (idx == 0 || idx >= TWZ_RCACHE_ENTRIES)
    return;
  uintptr_t slot = (container >> TWZ_SLOT_BITS) & TWZ_RCACHE_SLOT_MASK;
  _Atomic uint64_t *e = (_Atomic uint64_t *)(__twz_rcache_base + slot * TWZ_RCACHE_STRIDE + idx * 8);
  atomic_store_explicit(e, target_base, memory_order_relaxed);
}

void twz_rcache_clear(uintptr_t container) {
  uintptr_t slot = (container >> TWZ_SLOT_BITS) & TWZ_RCACHE_SLOT_MASK;
  _Atomic uint64_t *row = (_Atomic uint64_t *)(__twz_rcache_base + slot * TWZ_RCACHE_STRIDE);
  for (uint64_t i = 0; i < TWZ_RCACHE_ENTRIES; i++)
    atomic_store_explicit(&row[i], 0, memory_order_relaxed);
}
