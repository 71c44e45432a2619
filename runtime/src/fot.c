/*
 * The Foreign Object Table. Entries are append-only in ABI v1: an entry is
 * claimed by a compare-and-swap on the header's fot_count, written, made
 * durable, and only then marked valid (and made durable again). Readers
 * ignore entries that are not valid, so a crash or a racing writer can leave
 * at most an unused entry, never a half-written one in use. Two processes
 * adding the same target at once may both append; both entries are correct.
 */
#include <stdatomic.h>
#include <string.h>

#include "internal.h"

static struct twz_fot_entry *entry_at(const struct twz_object *obj, uint64_t idx) {
  return (struct twz_fot_entry *)(obj->base + twz_fot_offset(idx));
}

const struct twz_fot_entry *twz_fot_entry(const struct twz_object *obj, uint64_t idx) {
  uint64_t count = atomic_load((_Atomic uint64_t *)&obj->hdr->fot_count);
  if (idx == 0 || idx >= count || idx >= TWZ_FOT_MAX_ENTRIES)
    return NULL;
  return entry_at(obj, idx);
}

static uint32_t entry_flags(const struct twz_fot_entry *e) {
  return atomic_load_explicit((_Atomic uint32_t *)&e->flags, memory_order_acquire);
}

uint64_t twz_fot_find_or_add(struct twz_object *obj, const twz_id *target, uint32_t rights) {
  _Atomic uint64_t *count = (_Atomic uint64_t *)&obj->hdr->fot_count;
  uint64_t n = atomic_load(count);
  for (uint64_t i = 1; i < n && i < TWZ_FOT_MAX_ENTRIES; i++) {
    const struct twz_fot_entry *e = entry_at(obj, i);
    uint32_t f = entry_flags(e);
    if ((f & TWZ_FOT_VALID) && !(f & TWZ_FOT_NAME) && (f & rights) == rights &&
        memcmp(e->id, target->b, sizeof e->id) == 0)
      return i;
  }
  do {
    if (n >= TWZ_FOT_MAX_ENTRIES)
      return 0;
  } while (!atomic_compare_exchange_weak(count, &n, n + 1));
  twz_persist(count, sizeof *count);
  struct twz_fot_entry *e = entry_at(obj, n);
  memcpy(e->id, target->b, sizeof e->id);
  e->name = 0;
  e->resolver = 0;
  atomic_store_explicit((_Atomic uint32_t *)&e->flags, rights, memory_order_relaxed);
  twz_persist(e, sizeof *e);
  atomic_store_explicit((_Atomic uint32_t *)&e->flags, rights | TWZ_FOT_VALID, memory_order_release);
  twz_persist(e, sizeof *e);
  return n;
}
