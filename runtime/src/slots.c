/*
 * The slot table (which object is mapped in which 1 GiB slot of this
 * process) and the resolution cache that compiled code reads on its fast
 * path (layout in <twz/abi.h> and docs/abi.md).
 */
#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>

#include "internal.h"

/* Read by compiled code; set once, before main, by twz_runtime_init. */
uintptr_t __twz_rcache_base;
uintptr_t __twz_ecache_base;

static struct twz_object *_Atomic slot_table[UINT64_C(1) << TWZ_RCACHE_SLOT_BITS];

/* Objects go at random slots in [256 GiB, 64 TiB): far from the heap, stack
 * and libraries, and at different addresses in every process, which keeps
 * code honest about not storing raw addresses. */
#define SLOT_FIRST 256u
#define SLOT_LAST 65536u

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

static uint64_t next_random(void) {
  static _Thread_local uint64_t state;
  if (!state && getrandom(&state, sizeof state, 0) != sizeof state)
    state = (uint64_t)(uintptr_t)&state;
  state |= 1;
  state ^= state << 13; /* xorshift64 */
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

/* Fallback when random placement keeps colliding: over-reserve and align. */
static int map_aligned(int fd, int prot, uintptr_t *base_out) {
  void *r = mmap(NULL, 2 * TWZ_SLOT_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (r == MAP_FAILED)
    return twz_set_error("no address space for a 1 GiB object slot: %s", strerror(errno));
  uintptr_t lo = (uintptr_t)r, base = (lo + TWZ_SLOT_SIZE - 1) & ~(uintptr_t)TWZ_OFFSET_MASK;
  if (base > lo)
    munmap(r, base - lo);
  if (lo + 2 * TWZ_SLOT_SIZE > base + TWZ_SLOT_SIZE)
    munmap((void *)(base + TWZ_SLOT_SIZE), lo + 2 * TWZ_SLOT_SIZE - (base + TWZ_SLOT_SIZE));
  void *m = mmap((void *)base, TWZ_SLOT_SIZE, prot, MAP_SHARED | MAP_FIXED, fd, 0);
  if (m == MAP_FAILED) {
    munmap((void *)base, TWZ_SLOT_SIZE);
    return twz_set_error("cannot map object: %s", strerror(errno));
  }
  *base_out = base;
  return 0;
}

int twz_slot_map(int fd, int prot, uintptr_t *base_out) {
  uintptr_t base = 0;
  for (int tries = 0; tries < 64 && !base; tries++) {
    uintptr_t want = (uintptr_t)(SLOT_FIRST + next_random() % (SLOT_LAST - SLOT_FIRST)) << TWZ_SLOT_BITS;
    void *m = mmap((void *)want, TWZ_SLOT_SIZE, prot, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
    if (m == MAP_FAILED) {
      if (errno != EEXIST)
        break;
      continue;
    }
    if ((uintptr_t)m != want) { /* kernel without MAP_FIXED_NOREPLACE took it as a hint */
      munmap(m, TWZ_SLOT_SIZE);
      break;
    }
    base = want;
  }
  if (!base && map_aligned(fd, prot, &base) < 0)
    return -1;
  /* The null page: pointers decoded from small offsets fault here. */
  mprotect((void *)base, TWZ_NULL_PAGE_SIZE, PROT_NONE);
  *base_out = base;
  return 0;
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
