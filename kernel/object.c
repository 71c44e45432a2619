/* Objects: 1 GiB of zero-filled memory named by a 128-bit ID. The kernel
 * holds every object's pages (no persistence across boots yet); a page is
 * allocated the first time any thread touches it. Objects are found by ID
 * in a list (there are few). obj_delete takes the ID away at once; the
 * pages go when the last object-space entry naming the object does. */
#include "object.h"

static struct object *objects;

struct object *object_lookup(const uint8_t id[16]) {
  for (struct object *o = objects; o; o = o->next)
    if (!memcmp(o->id, id, 16))
      return o;
  return 0;
}

int object_create(uint8_t id[16], int fixed, struct object **out) {
  if (fixed) {
    if (object_lookup(id))
      return -EEXIST;
  } else {
    do {
      uint64_t r[2] = {random64(), random64()};
      memcpy(id, r, 16);
    } while (object_lookup(id));
  }
  struct object *o = kmalloc(sizeof *o);
  if (!o)
    return -ENOMEM;
  memcpy(o->id, id, 16);
  o->refs = 1;
  o->next = objects;
  objects = o;
  *out = o;
  return 0;
}

static void object_free(struct object *o) {
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
      object_put(o);
      return 0;
    }
  return -ENOENT;
}

uint64_t object_page_peek(struct object *o, uint64_t pg) {
  uint64_t *d = o->dir[pg / 512];
  return d ? d[pg % 512] : 0;
}

uint64_t object_page(struct object *o, uint64_t pg) {
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
