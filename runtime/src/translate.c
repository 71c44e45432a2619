/*
 * The slow paths of pointer translation, called by compiled code (see the
 * resolution-cache contract in docs/abi.md). Compiled code handles null,
 * same-object pointers and resolution-cache hits inline; everything else
 * comes here. These functions never return a wrong address: what they cannot
 * translate is a fault.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fot.h"
#include "names.h"
#include "object.h"
#include "slots.h"
#include "translate.h"

#define RIGHTS_RW (TWZ_FOT_READ | TWZ_FOT_WRITE)

static const char *id_text(const struct twz_object *obj, char buf[TWZ_ID_STRLEN + 1]) {
  twz_id_format(&obj->id, buf);
  return buf;
}

/* A late-bound entry: look its name up in the namespace, again whenever the
 * namespace has changed since (its epoch). Never put in the resolution
 * cache, whose hits would not notice a rebinding. */
static uintptr_t resolve_late(struct twz_object *obj, uint64_t idx,
                              const struct twz_fot_entry *e, uint64_t raw, uint64_t addr) {
  char hex[TWZ_ID_STRLEN + 1];
  uint64_t epoch = twz_namespace_epoch();
  twz_map_acquire();
  uintptr_t base = idx < obj->nlate && obj->late[idx].epoch == epoch ? obj->late[idx].base : 0;
  twz_map_release();
  if (base)
    return base;
  const char *name = twz_fot_name(obj, e);
  if (!name || e->resolver != 0)
    twz_fault("corrupt persistent pointer 0x%016llx at 0x%llx (object %s): FOT entry %llu has "
              "%s", (unsigned long long)raw, (unsigned long long)addr, id_text(obj, hex),
              (unsigned long long)idx, name ? "an unknown resolver" : "no valid name");
  twz_id id;
  if (twz_name_resolve(name, &id) < 0)
    twz_fault("persistent pointer 0x%016llx at 0x%llx (object %s): FOT entry %llu names '%s', "
              "which is not bound", (unsigned long long)raw, (unsigned long long)addr,
              id_text(obj, hex), (unsigned long long)idx, name);
  struct twz_object *target = twz_object_open_id(&id);
  if (!target)
    twz_fault("persistent pointer 0x%016llx at 0x%llx (object %s): '%s' names an object that "
              "cannot be opened: %s", (unsigned long long)raw, (unsigned long long)addr,
              id_text(obj, hex), name, twz_error());
  twz_map_acquire();
  if (idx >= obj->nlate) {
    struct twz_late *l = realloc(obj->late, (idx + 1) * sizeof *l);
    if (l) {
      memset(l + obj->nlate, 0, (idx + 1 - obj->nlate) * sizeof *l);
      obj->late = l;
      obj->nlate = idx + 1;
    }
  }
  if (idx < obj->nlate)
    obj->late[idx] = (struct twz_late){epoch, target->base};
  twz_map_release();
  return target->base;
}

void twz_translate_forget(struct twz_object *obj) {
  twz_map_acquire();
  twz_rcache_clear(obj->base);
  if (obj->enc_keys)
    memset(obj->enc_keys, 0, obj->enc_cap * sizeof *obj->enc_keys);
  obj->enc_used = 0;
  twz_map_release();
}

TWZ_ABI_EXPORT uint64_t __twz_resolve(uint64_t addr, uint64_t raw) {
  char hex[TWZ_ID_STRLEN + 1], thex[TWZ_ID_STRLEN + 1];
  uint64_t idx = TWZ_PTR_INDEX(raw), off = TWZ_PTR_OFFSET(raw);
  if (raw == 0)
    return 0;
  if (idx == 0)
    return twz_slot_base(addr) + off;
  struct twz_object *obj = twz_slot_lookup(addr);
  if (!obj)
    twz_fault("persistent pointer 0x%016llx loaded from 0x%llx, which is not in any object",
              (unsigned long long)raw, (unsigned long long)addr);
  const struct twz_fot_entry *e = twz_fot_entry(obj, idx);
  if (!e)
    twz_fault("corrupt persistent pointer 0x%016llx at 0x%llx (object %s, offset 0x%llx): "
              "FOT index %llu is past the end of the FOT (%llu entries)",
              (unsigned long long)raw, (unsigned long long)addr, id_text(obj, hex),
              (unsigned long long)(addr - obj->base), (unsigned long long)idx,
              (unsigned long long)twz_object_fot_count(obj));
  uint32_t flags = atomic_load_explicit((_Atomic uint32_t *)&e->flags, memory_order_acquire);
  if (!(flags & TWZ_FOT_VALID) || (flags & ~TWZ_FOT_KNOWN_FLAGS))
    twz_fault("corrupt persistent pointer 0x%016llx at 0x%llx (object %s, offset 0x%llx): "
              "FOT entry %llu is %s (flags 0x%x)",
              (unsigned long long)raw, (unsigned long long)addr, id_text(obj, hex),
              (unsigned long long)(addr - obj->base), (unsigned long long)idx,
              (flags & TWZ_FOT_VALID) ? "malformed" : "not valid", flags);
  if (flags & TWZ_FOT_NAME)
    return resolve_late(obj, idx, e, raw, addr) + off;
  struct twz_object *target = twz_object_open_id((const twz_id *)e->id);
  if (!target)
    twz_fault("persistent pointer 0x%016llx at 0x%llx (object %s): FOT entry %llu names object "
              "%s, which cannot be opened: %s",
              (unsigned long long)raw, (unsigned long long)addr, id_text(obj, hex),
              (unsigned long long)idx, (twz_id_format((const twz_id *)e->id, thex), thex),
              twz_error());
  twz_rcache_fill(addr, idx, target->base);
  return target->base + off;
}

/* Encode cache: container's (target slot -> FOT index), so repeated stores
 * of pointers into the same foreign object do not rescan the FOT. */
static uint64_t enc_cache_get(struct twz_object *c, uint64_t slot) {
  if (!c->enc_cap)
    return 0;
  for (uint32_t i = (uint32_t)(slot * 0x9e3779b97f4a7c15u >> 40) & (c->enc_cap - 1);;
       i = (i + 1) & (c->enc_cap - 1)) {
    if (c->enc_keys[i] == slot + 1)
      return c->enc_vals[i];
    if (c->enc_keys[i] == 0)
      return 0;
  }
}

static void enc_cache_put(struct twz_object *c, uint64_t slot, uint64_t idx) {
  if (2 * (c->enc_used + 1) > c->enc_cap) {
    uint32_t ncap = c->enc_cap ? 2 * c->enc_cap : 64;
    uint64_t *ok = c->enc_keys;
    uint32_t *ov = c->enc_vals, ocap = c->enc_cap;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint32_t *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) { /* a cache: without memory, just do not cache */
      free(nk);
      free(nv);
      return;
    }
    c->enc_keys = nk;
    c->enc_vals = nv;
    c->enc_cap = ncap;
    c->enc_used = 0;
    for (uint32_t i = 0; i < ocap; i++)
      if (ok[i])
        enc_cache_put(c, ok[i] - 1, ov[i]);
    free(ok);
    free(ov);
  }
  uint32_t i = (uint32_t)(slot * 0x9e3779b97f4a7c15u >> 40) & (c->enc_cap - 1);
  while (c->enc_keys[i] && c->enc_keys[i] != slot + 1)
    i = (i + 1) & (c->enc_cap - 1);
  if (!c->enc_keys[i])
    c->enc_used++;
  c->enc_keys[i] = slot + 1;
  c->enc_vals[i] = (uint32_t)idx;
}

TWZ_ABI_EXPORT uint64_t __twz_encode(uint64_t addr, uint64_t target) {
  char hex[TWZ_ID_STRLEN + 1];
  if (target == 0)
    return 0;
  if (twz_slot_base(addr) == twz_slot_base(target))
    return TWZ_PTR_OFFSET(target);
  struct twz_object *c = twz_slot_lookup(addr);
  if (!c)
    twz_fault("storing persistent pointer 0x%llx at 0x%llx, which is not in any object",
              (unsigned long long)target, (unsigned long long)addr);
  struct twz_object *t = twz_slot_lookup(target);
  if (!t)
    twz_fault("storing pointer 0x%llx into object %s at offset 0x%llx: the pointer points into "
              "no object, so it cannot be stored in invariant form",
              (unsigned long long)target, id_text(c, hex), (unsigned long long)(addr - c->base));
  uint64_t slot = target >> TWZ_SLOT_BITS;
  /* Read before the lookup: a retarget in between leaves an old generation
   * in the encode cache word, which compiled code then ignores. */
  uint64_t gen = atomic_load((_Atomic uint64_t *)&c->hdr->fot_gen);
  twz_map_acquire();
  uint64_t idx = enc_cache_get(c, slot);
  /* The entry may have been retargeted by another process since it was
   * cached: trust the cache only if the entry still names the target. */
  const struct twz_fot_entry *cached = idx ? twz_fot_entry(c, idx) : NULL;
  if (idx && (!cached || !twz_fot_names(cached, &t->id)))
    idx = 0;
  if (!idx) {
    idx = twz_fot_find_or_add(c, &t->id, RIGHTS_RW);
    if (idx)
      enc_cache_put(c, slot, idx);
  }
  twz_map_release();
  if (!idx)
    twz_fault("storing pointer 0x%llx into object %s at offset 0x%llx: the object's FOT is full "
              "(%llu entries)",
              (unsigned long long)target, id_text(c, hex), (unsigned long long)(addr - c->base),
              (unsigned long long)TWZ_FOT_MAX_ENTRIES);
  twz_rcache_fill(addr, idx, t->base);
  twz_ecache_fill(addr, target, gen, idx);
  return TWZ_PTR_MAKE(idx, TWZ_PTR_OFFSET(target));
}

/* A strong compare-and-swap on pointer values: succeeds exactly when the
 * stored pointer resolves to `expected`, whatever FOT entry it goes through.
 * Returns the value seen (== expected on success). */
TWZ_ABI_EXPORT uint64_t __twz_cmpxchg_ptr(uint64_t addr, uint64_t expected, uint64_t desired) {
  _Atomic uint64_t *slot = (_Atomic uint64_t *)addr;
  uint64_t raw = atomic_load(slot);
  for (;;) {
    uint64_t cur = __twz_resolve(addr, raw);
    if (cur != expected)
      return cur;
    uint64_t enc = __twz_encode(addr, desired);
    if (atomic_compare_exchange_strong(slot, &raw, enc))
      return expected;
  }
}

/* The pass expands every call to __twz_decode inline before code generation;
 * this definition only serves IR that skipped that step (for example code
 * built with -Xclang -disable-llvm-passes after lowering). */
TWZ_ABI_EXPORT uint64_t __twz_decode(uint64_t addr, uint64_t raw) { return __twz_resolve(addr, raw); }
