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

#include "backend.h"
#include "error.h"
#include "fot.h"
#include "lock.h"
#include "log.h"
#include "object.h"
#include "slots.h"
#include "store.h"
#include "translate.h"

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

/* Append a copy of *tmpl (flags without VALID) and return its index, or 0
 * if the FOT is full. */
static uint64_t append(struct twz_object *obj, const struct twz_fot_entry *tmpl) {
  _Atomic uint64_t *count = (_Atomic uint64_t *)&obj->hdr->fot_count;
  uint64_t n = atomic_load(count);
  do {
    if (n >= TWZ_FOT_MAX_ENTRIES)
      return 0;
  } while (!atomic_compare_exchange_weak(count, &n, n + 1));
  twz_persist(count, sizeof *count);
  struct twz_fot_entry *e = entry_at(obj, n);
  memcpy(e->id, tmpl->id, sizeof e->id);
  e->name = tmpl->name;
  e->resolver = tmpl->resolver;
  atomic_store_explicit((_Atomic uint32_t *)&e->flags, tmpl->flags, memory_order_relaxed);
  twz_persist(e, sizeof *e);
  atomic_store_explicit((_Atomic uint32_t *)&e->flags, tmpl->flags | TWZ_FOT_VALID,
                        memory_order_release);
  twz_persist(e, sizeof *e);
  return n;
}

uint64_t twz_fot_find_or_add(struct twz_object *obj, const twz_id *target, uint32_t rights) {
  uint64_t n = atomic_load((_Atomic uint64_t *)&obj->hdr->fot_count);
  for (uint64_t i = 1; i < n && i < TWZ_FOT_MAX_ENTRIES; i++) {
    const struct twz_fot_entry *e = entry_at(obj, i);
    uint32_t f = entry_flags(e);
    if ((f & TWZ_FOT_VALID) && !(f & TWZ_FOT_NAME) && (f & rights) == rights &&
        memcmp(e->id, target->b, sizeof e->id) == 0)
      return i;
  }
  struct twz_fot_entry t = {.flags = rights};
  memcpy(t.id, target->b, sizeof t.id);
  return append(obj, &t);
}

bool twz_fot_names(const struct twz_fot_entry *e, const twz_id *target) {
  return (entry_flags(e) & (TWZ_FOT_VALID | TWZ_FOT_NAME)) == TWZ_FOT_VALID &&
         memcmp(e->id, target->b, sizeof e->id) == 0;
}

/* The NUL-terminated name of a late-bound entry, or NULL if it is not one
 * that lies inside the object's data area. */
const char *twz_fot_name(const struct twz_object *obj, const struct twz_fot_entry *e) {
  uint64_t off = e->name;
  if (!(entry_flags(e) & TWZ_FOT_NAME) || off < TWZ_DATA_START || off >= TWZ_DATA_END)
    return NULL;
  const char *s = (const char *)(obj->base + off);
  size_t room = TWZ_DATA_END - off < TWZ_NAME_MAX + 1 ? TWZ_DATA_END - off : TWZ_NAME_MAX + 1;
  return memchr(s, 0, room) ? s : NULL;
}

int twz_fot_get(const twz_object *obj, uint64_t idx, struct twz_fot_entry *out) {
  const struct twz_fot_entry *e = twz_fot_entry(obj, idx);
  if (!e)
    return twz_set_error("FOT index %llu is past the end of the FOT (%llu entries)",
                         (unsigned long long)idx, (unsigned long long)twz_object_fot_count(obj));
  *out = *e;
  out->flags = entry_flags(e);
  return 0;
}

int twz_ptr_bind_name(void __persistent *loc, const char *name, uint64_t offset) {
  uintptr_t at = (uintptr_t)loc;
  struct twz_object *obj = twz_slot_lookup(at);
  if (!obj)
    return twz_set_error("twz_ptr_bind_name: %p is not in an object", (void *)at);
  if ((at & 7) || offset >= TWZ_SLOT_SIZE)
    return twz_set_error("twz_ptr_bind_name: misaligned location or offset out of range");
  if (twz_name_check(name) < 0)
    return -1;
  uint64_t idx = 0, n = twz_object_fot_count(obj);
  twz_lock(obj); /* one entry per name: no duplicate appends between threads */
  for (uint64_t i = 1; i < n && !idx; i++) {
    const char *s = twz_fot_name(obj, entry_at(obj, i));
    if (s && (entry_flags(entry_at(obj, i)) & TWZ_FOT_VALID) && strcmp(s, name) == 0)
      idx = i;
  }
  if (!idx) {
    void __persistent *copy = twz_object_alloc(obj, strlen(name) + 1, 1);
    if (copy) {
      memcpy((char *)(uintptr_t)copy, name, strlen(name) + 1);
      twz_persist((const void *)(uintptr_t)copy, strlen(name) + 1);
      struct twz_fot_entry t = {.name = (uintptr_t)copy - obj->base,
                                .flags = TWZ_FOT_NAME | TWZ_FOT_READ | TWZ_FOT_WRITE};
      idx = append(obj, &t);
      if (!idx)
        twz_set_error("twz_ptr_bind_name: the FOT is full");
    }
  }
  twz_unlock(obj);
  if (!idx)
    return -1;
  atomic_store((_Atomic uint64_t *)at, TWZ_PTR_MAKE(idx, offset));
  twz_persist((const void *)at, 8);
  return 0;
}

long twz_fot_retarget(twz_object *obj, const twz_id *from, const twz_id *to) {
  if (!twz_object_open_id(to))
    return -1; /* the new target must exist */
  if (twz_tx_begin(obj) < 0)
    return -1;
  long changed = 0;
  uint64_t n = twz_object_fot_count(obj);
  for (uint64_t i = 1; i < n; i++) {
    struct twz_fot_entry *e = entry_at(obj, i);
    if (!twz_fot_names(e, from))
      continue;
    if (twz_rec(obj, e->id, sizeof e->id) < 0) {
      twz_tx_abort(obj);
      return -1;
    }
    memcpy(e->id, to->b, sizeof e->id);
    changed++;
  }
  if (changed) {
    if (twz_rec(obj, &obj->hdr->fot_gen, 8) < 0) {
      twz_tx_abort(obj);
      return -1;
    }
    obj->hdr->fot_gen++;
  }
  twz_tx_commit(obj);
  if (changed)
    twz_translate_forget(obj); /* this process's caches of obj's entries */
  return changed;
}
