/* Objects: 1 GiB of zero-filled memory named by a 128-bit ID; a page is
 * allocated the first time any thread touches it. An object lives on the
 * NVDIMM (pmem.c: it survives power-off) unless it was created volatile or
 * there is no persistent memory; then its pages are RAM frames. In strict
 * mode a persistent object's pages are seen through RAM shadows (the same
 * `dir` a volatile object uses), copied to the NVDIMM by object_persist.
 * Objects are found by ID in a list (there are few). obj_delete takes the
 * ID away at once; the pages go when the last object-space entry naming
 * the object does. */
#include "object.h"

static struct object *objects;

struct object *object_lookup(const uint8_t id[16]) {
  for (struct object *o = objects; o; o = o->next)
    if (!memcmp(o->id, id, 16))
      return o;
  return 0;
}

static struct object *object_new(const uint8_t id[16]) {
  struct object *o = kmalloc(sizeof *o);
  if (!o)
    return 0;
  memcpy(o->id, id, 16);
  o->refs = 1;
  o->pm = -1;
  o->next = objects;
  objects = o;
  return o;
}

/* An object the persistent store had at boot (pmem.c). */
void object_restore(const uint8_t id[16], int pm, uint64_t pm_dir) {
  struct object *o = object_new(id);
  if (!o)
    panic("out of memory restoring persistent objects");
  o->pm = pm;
  o->pm_dir = pm_dir;
}

int object_create(uint8_t id[16], int fixed, int volatile_, struct object **out) {
  if (fixed) {
    if (object_lookup(id))
      return -EEXIST;
  } else {
    do {
      uint64_t r[2] = {random64(), random64()};
      memcpy(id, r, 16);
    } while (object_lookup(id));
  }
  uint64_t dir = 0;
  int pm = -1;
  if (pmem_on && !volatile_ && (pm = pmem_create(id, &dir)) < 0)
    return pm;
  struct object *o = object_new(id);
  if (!o) {
    if (pm >= 0) { /* undo: nothing else names it yet */
      pmem_delete(pm);
      pmem_release(dir);
    }
    return -ENOMEM;
  }
  o->pm = pm;
  o->pm_dir = dir;
  *out = o;
  return 0;
}

static void object_free(struct object *o) {
  if (o->pm >= 0)
    pmem_release(o->pm_dir); /* its entry was deleted durably before */
  for (int i = 0; i < 512; i++) {
    if (!o->dir[i])
      continue;
    for (int j = 0; j < 512; j++)
      if (o->dir[i][j])
        pmm_free(o->dir[i][j]);
    pmm_free(V2P(o->dir[i]));
  }
  kfree(o);
}

void object_put(struct object *o) {
  if (--o->refs == 0)
    object_free(o);
}

int object_delete(const uint8_t id[16]) {
  for (struct object **pp = &objects; *pp; pp = &(*pp)->next)
    if (!memcmp((*pp)->id, id, 16)) {
      struct object *o = *pp;
      *pp = o->next;
      if (o->pm >= 0)
        pmem_delete(o->pm);
      object_put(o);
      return 0;
    }
  return -ENOENT;
}

static uint64_t ram_peek(struct object *o, uint64_t pg) {
  uint64_t *d = o->dir[pg / 512];
  return d ? d[pg % 512] : 0;
}

uint64_t object_page_peek(struct object *o, uint64_t pg) {
  uint64_t pa = ram_peek(o, pg); /* a RAM page, or a strict-mode shadow */
  return pa || o->pm < 0 ? pa : pmem_page(o->pm_dir, pg, 0);
}

static uint64_t ram_page(struct object *o, uint64_t pg) {
  uint64_t **d = &o->dir[pg / 512];
  if (!*d) {
    uint64_t pa = pmm_alloc();
    if (!pa)
      return 0;
    *d = P2V(pa);
  }
  uint64_t *f = &(*d)[pg % 512];
  if (!*f)
    *f = pmm_alloc();
  return *f;
}

uint64_t object_page(struct object *o, uint64_t pg) {
  if (o->pm < 0)
    return ram_page(o, pg);
  if (!pmem_strict)
    return pmem_page(o->pm_dir, pg, 1);
  /* Strict: a RAM shadow holding what the NVDIMM page held when first seen. */
  uint64_t pa = ram_peek(o, pg);
  if (pa)
    return pa;
  uint64_t npa = pmem_page(o->pm_dir, pg, 1);
  if (!npa || !(pa = ram_page(o, pg)))
    return 0;
  memcpy(P2V(pa), P2V(npa), PAGE);
  return pa;
}

/* Make [off, off + n) of o durable: a flush of its lines on the NVDIMM, or
 * in strict mode a copy from the shadows; then one fence. */
void object_persist(struct object *o, uint64_t off, uint64_t n) {
  if (o->pm < 0)
    return;
  while (n) {
    uint64_t pg = off >> 12, in = off & 0xfff, k = 4096 - in < n ? 4096 - in : n;
    uint64_t npa = pmem_page(o->pm_dir, pg, 0), spa = ram_peek(o, pg);
    if (npa && pmem_strict && spa)
      memcpy((uint8_t *)P2V(npa) + in, (uint8_t *)P2V(spa) + in, k);
    if (npa)
      pmem_flush((uint8_t *)P2V(npa) + in, k);
    off += k, n -= k;
  }
  pmem_fence();
}

/* Copy [off, off + n) of object o out of its pages; untouched pages read as
 * zero and are not allocated. */
void object_read(struct object *o, uint64_t off, void *buf, uint64_t n) {
  uint8_t *d = buf;
  while (n) {
    uint64_t pg = off >> 12, in = off & 0xfff, k = 4096 - in < n ? 4096 - in : n;
    uint64_t pa = object_page_peek(o, pg);
    if (pa)
      memcpy(d, (uint8_t *)P2V(pa) + in, k);
    else
      memset(d, 0, k);
    d += k, off += k, n -= k;
  }
}

/* Write [off, off + n) of object o, allocating its pages: the kernel's own
 * stores into kernel state objects. */
int object_write(struct object *o, uint64_t off, const void *buf, uint64_t n) {
  const uint8_t *s = buf;
  while (n) {
    uint64_t pg = off >> 12, in = off & 0xfff, k = 4096 - in < n ? 4096 - in : n;
    uint64_t pa = object_page(o, pg);
    if (!pa)
      return -ENOMEM;
    memcpy((uint8_t *)P2V(pa) + in, s, k);
    s += k, off += k, n -= k;
  }
  return 0;
}
