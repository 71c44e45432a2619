/*
 * The persistent heap: twz_malloc/twz_free inside one object (format in
 * <twz/abi.h>). Every change to the free lists and block headers is made
 * under the object lock inside a transaction, so a crash at any point
 * leaves either the old or the new state: no block is ever on a free list
 * and in use at once. The two records of a change are one batch (one
 * flush). Fresh blocks come from the bump allocator; a crash right after
 * one is taken can leak it, but never anything reachable. A block's bytes
 * are made durable by the commit of the transaction that allocated it.
 */
#include <string.h>

#include "error.h"
#include "log.h"
#include "object.h"
#include "slots.h"

static uint64_t class_of(size_t size) {
  for (unsigned c = 0; c + 1 < TWZ_HEAP_CLASSES; c++)
    if (size <= (size_t)32 << c)
      return c;
  return TWZ_HEAP_CLASSES - 1;
}

static size_t class_size(unsigned c, size_t size) {
  return c + 1 < TWZ_HEAP_CLASSES ? (size_t)32 << c : (size + 15) & ~(size_t)15;
}

static struct twz_heap *heap_of(struct twz_object *obj) {
  if (!obj->hdr->heap) {
    void __persistent *p = twz_object_alloc(obj, sizeof(struct twz_heap), 16);
    if (!p || twz_tx_record_internal(obj, TWZ_META_OFFSET + offsetof(struct twz_obj_header, heap), 8) < 0)
      return NULL;
    obj->hdr->heap = (uintptr_t)p - obj->base;
  }
  return (struct twz_heap *)(obj->base + obj->hdr->heap);
}

#define ADD twz_add

static struct twz_block *block_at(struct twz_object *obj, uint64_t off) {
  return (struct twz_block *)(obj->base + off);
}

void __persistent *twz_malloc(twz_object *obj, size_t size) {
  if (size > TWZ_DATA_END) {
    twz_set_error("twz_malloc: %zu bytes cannot fit in an object", size);
    return NULL;
  }
  if (twz_tx_begin(obj) < 0)
    return NULL;
  struct twz_heap *heap = heap_of(obj);
  unsigned c = (unsigned)class_of(size);
  size_t want = class_size(c, size);
  struct twz_block *b = NULL;
  if (!heap)
    goto fail;
  /* First fit on the class's list (every block of a small class fits). */
  for (uint64_t *link = &heap->free_head[c]; *link;) {
    struct twz_block *cand = block_at(obj, *link);
    uint64_t *next = (uint64_t *)(cand + 1);
    if (cand->size >= want) {
      /* The header and the free link in the payload: if this transaction
       * is undone, the block must be back on the list intact. */
      if (ADD(obj, link, 8) < 0 || ADD(obj, cand, sizeof *cand + 8) < 0 || twz_tx_ready() < 0)
        goto fail;
      *link = *next;
      b = cand;
      break;
    }
    link = next;
  }
  if (!b) {
    void __persistent *p = twz_object_alloc(obj, sizeof(struct twz_block) + want, 16);
    if (!p)
      goto fail;
    b = (struct twz_block *)(uintptr_t)p;
    b->magic = TWZ_BLOCK_MAGIC;
    b->size = want;
  }
  b->state = TWZ_BLOCK_USED;
  memset(b + 1, 0, b->size); /* a free block's old bytes need no undo */
  /* Durable at commit: nothing reachable pointed here before. */
  if (twz_tx_dirty_internal(obj, (uintptr_t)b - obj->base, sizeof *b + b->size) < 0)
    goto fail;
  twz_tx_commit(obj);
  return (void __persistent *)(uintptr_t)(b + 1);
fail:
  twz_tx_abort(obj);
  return NULL;
}

static int check_block(uintptr_t a, struct twz_object **objp) {
  struct twz_object *obj = twz_slot_lookup(a);
  if (!obj)
    return twz_set_error("twz_free: %p is not in any object", (void *)a);
  struct twz_block *b = (struct twz_block *)a - 1;
  if ((a & 15) || a - obj->base < TWZ_DATA_START + sizeof *b || a - obj->base >= TWZ_DATA_END ||
      b->magic != TWZ_BLOCK_MAGIC)
    return twz_set_error("twz_free: %p was not returned by twz_malloc", (void *)a);
  *objp = obj;
  return 0;
}

/* Free blocks (checked by twz_free) in the open transaction: every record
 * first, one flush, then the changes. */
int twz_heap_free_now(const uintptr_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    struct twz_object *obj = twz_slot_lookup(p[i]);
    struct twz_block *b = (struct twz_block *)p[i] - 1;
    struct twz_heap *heap = heap_of(obj);
    if (!heap || ADD(obj, b, sizeof *b + 8) < 0 ||
        ADD(obj, &heap->free_head[class_of(b->size)], 8) < 0)
      return -1;
  }
  if (twz_tx_ready() < 0)
    return -1;
  for (size_t i = 0; i < n; i++) {
    struct twz_object *obj = twz_slot_lookup(p[i]);
    struct twz_block *b = (struct twz_block *)p[i] - 1;
    uint64_t *link = &heap_of(obj)->free_head[class_of(b->size)];
    b->state = TWZ_BLOCK_FREE;
    *(uint64_t *)(b + 1) = *link;
    *link = (uintptr_t)b - obj->base;
  }
  return 0;
}

/* Inside a transaction the block is freed when it commits (its records go
 * in one batch with the others'); alone, at once. */
int twz_free(void __persistent *p) {
  if (!p)
    return 0;
  uintptr_t a = (uintptr_t)p;
  struct twz_object *obj;
  if (check_block(a, &obj) < 0 || twz_tx_begin(obj) < 0)
    return -1;
  struct twz_block *b = (struct twz_block *)a - 1;
  int queued = b->state == TWZ_BLOCK_USED ? twz_tx_defer_free(a) : 1;
  if (queued) {
    twz_tx_abort(obj);
    return queued < 0 ? -1 : twz_set_error("twz_free: %p is already free (double free)", (void *)a);
  }
  return twz_tx_commit(obj);
}
