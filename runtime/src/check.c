/*
 * twz_object_check: validate a mapped object beyond what opening it checks,
 * everywhere the runtime knows the layout: FOT entries, the root pointer, the
 * undo log, the heap's free lists and block headers. It only reads, bounds
 * every walk, and reports each problem with where it is.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fot.h"
#include "log.h"
#include "object.h"

struct checker {
  const struct twz_object *obj;
  void (*report)(const char *, void *);
  void *arg;
  int problems;
};

__attribute__((format(printf, 2, 3))) static void problem(struct checker *c, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  c->problems++;
  if (c->report)
    c->report(buf, c->arg);
}

static bool in_data(uint64_t off, uint64_t len) {
  return off >= TWZ_DATA_START && off <= TWZ_DATA_END && len <= TWZ_DATA_END - off;
}

static void check_fot(struct checker *c) {
  uint64_t n = c->obj->hdr->fot_count;
  for (uint64_t i = 1; i < n && i < TWZ_FOT_MAX_ENTRIES; i++) {
    const struct twz_fot_entry *e = twz_fot_entry(c->obj, i);
    if (!e)
      break;
    uint32_t f = e->flags;
    if (f & ~TWZ_FOT_KNOWN_FLAGS)
      problem(c, "FOT entry %llu has unknown flags 0x%x", (unsigned long long)i, f);
    if (!(f & TWZ_FOT_VALID))
      continue; /* an unused entry (a crash or a lost race): harmless */
    if (f & TWZ_FOT_NAME) {
      if (!twz_fot_name(c->obj, e))
        problem(c, "FOT entry %llu: name offset 0x%llx is not a name inside the object",
                (unsigned long long)i, (unsigned long long)e->name);
      if (e->resolver)
        problem(c, "FOT entry %llu: unknown resolver %u", (unsigned long long)i, e->resolver);
    } else {
      static const uint8_t zero[16];
      if (memcmp(e->id, zero, sizeof zero) == 0)
        problem(c, "FOT entry %llu names the null object ID", (unsigned long long)i);
    }
  }
}

static void check_pointer(struct checker *c, const char *what, uint64_t raw) {
  uint64_t idx = TWZ_PTR_INDEX(raw), off = TWZ_PTR_OFFSET(raw);
  if (!raw)
    return;
  if (idx == 0 && !in_data(off, 0))
    problem(c, "%s 0x%016llx points outside the data area", what, (unsigned long long)raw);
  else if (idx >= c->obj->hdr->fot_count)
    problem(c, "%s 0x%016llx: FOT index %llu is past the end of the FOT (%llu entries)", what,
            (unsigned long long)raw, (unsigned long long)idx,
            (unsigned long long)c->obj->hdr->fot_count);
  else if (idx && (!twz_fot_entry(c->obj, idx) || !(twz_fot_entry(c->obj, idx)->flags & TWZ_FOT_VALID)))
    problem(c, "%s 0x%016llx goes through FOT entry %llu, which is not valid", what,
            (unsigned long long)raw, (unsigned long long)idx);
}

static void check_heap(struct checker *c) {
  uint64_t at = c->obj->hdr->heap;
  if (!at)
    return;
  if (!in_data(at, sizeof(struct twz_heap)) || (at & 7)) {
    problem(c, "heap metadata offset 0x%llx is outside the data area", (unsigned long long)at);
    return;
  }
  const struct twz_heap *h = (const struct twz_heap *)(c->obj->base + at);
  uint64_t top = c->obj->hdr->alloc_top, limit = (top - TWZ_DATA_START) / 16 + 1;
  for (unsigned k = 0; k < TWZ_HEAP_CLASSES; k++) {
    uint64_t steps = 0;
    for (uint64_t b = h->free_head[k]; b; steps++) {
      if (steps > limit) {
        problem(c, "heap free list %u has a cycle", k);
        break;
      }
      if (!in_data(b, sizeof(struct twz_block) + 8) || b + sizeof(struct twz_block) > top ||
          (b & 15)) {
        problem(c, "heap free list %u: block offset 0x%llx is outside the allocated area", k,
                (unsigned long long)b);
        break;
      }
      const struct twz_block *blk = (const struct twz_block *)(c->obj->base + b);
      if (blk->magic != TWZ_BLOCK_MAGIC || blk->state != TWZ_BLOCK_FREE) {
        problem(c, "heap free list %u: block at 0x%llx has a bad header (magic 0x%x, state %u)",
                k, (unsigned long long)b, blk->magic, blk->state);
        break;
      }
      if (k + 1 < TWZ_HEAP_CLASSES ? blk->size != (uint64_t)32 << k : blk->size <= 4096) {
        problem(c, "heap free list %u: block at 0x%llx has size %llu, wrong for its list", k,
                (unsigned long long)b, (unsigned long long)blk->size);
        break;
      }
      b = *(const uint64_t *)(blk + 1);
    }
  }
}

int twz_object_check(const twz_object *obj, void (*report)(const char *, void *), void *arg) {
  struct checker c = {obj, report, arg, 0};
  char why[200];
  check_fot(&c);
  check_pointer(&c, "root pointer", obj->hdr->root);
  if (twz_log_check(obj, why, sizeof why) < 0)
    problem(&c, "%s", why);
  else if (obj->hdr->log &&
           twz_log_unfinished(obj) &&
           !obj->hdr->lock)
    problem(&c, "undo log holds an unfinished transaction that nobody owns");
  check_heap(&c);
  return c.problems;
}
