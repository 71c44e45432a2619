/* Kernel heap: power-of-two chunks of 32..4096 bytes carved from frames,
 * one free list per size; bigger requests get whole contiguous frames.
 * Each chunk starts with a 16-byte header naming its size class, so kfree
 * needs no size. Only small, rarely allocated bookkeeping lives here
 * (objects, views, object spaces). */
#include "kernel.h"

struct hdr {
  uint64_t cls;   /* log2 of the chunk size, or 64 + frames for big blocks */
  uint64_t pad;
};
struct freechunk {
  struct freechunk *next;
};
static struct freechunk *freelist[13];

void *kmalloc(size_t n) {
  size_t need = n + sizeof(struct hdr);
  if (need > PAGE) {
    uint64_t frames = PGROUNDUP(need) / PAGE;
    uint64_t pa = pmm_alloc_n(frames);
    if (!pa)
      return 0;
    struct hdr *h = P2V(pa);
    h->cls = 64 + frames;
    return h + 1;
  }
  int cls = 5;
  while ((1ull << cls) < need)
    cls++;
  if (!freelist[cls]) {
    uint64_t pa = pmm_alloc();
    if (!pa)
      return 0;
    for (uint64_t off = 0; off < PAGE; off += 1ull << cls) {
      struct freechunk *c = (struct freechunk *)((char *)P2V(pa) + off);
      c->next = freelist[cls];
      freelist[cls] = c;
    }
  }
  struct freechunk *c = freelist[cls];
  freelist[cls] = c->next;
  memset(c, 0, 1ull << cls);
  struct hdr *h = (struct hdr *)c;
  h->cls = cls;
  return h + 1;
}

void kfree(void *p) {
  if (!p)
    return;
  struct hdr *h = (struct hdr *)p - 1;
  if (h->cls >= 64) {
    pmm_free_n(V2P(h), h->cls - 64);
    return;
  }
  uint64_t cls = h->cls; /* the link below overwrites the header */
  struct freechunk *c = (struct freechunk *)h;
  c->next = freelist[cls];
  freelist[cls] = c;
}
