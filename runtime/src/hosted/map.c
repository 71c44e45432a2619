/* Hosted back end: where objects are mapped (a random free slot). */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "../backend.h"
#include "../error.h"
#include "../object.h"
#include "../slots.h"
#include "hosted.h"

/* Objects go at random slots in [256 GiB, 64 TiB): far from the heap, stack
 * and libraries, and at different addresses in every process, which keeps
 * code honest about not storing raw addresses. */
#define SLOT_FIRST 256u
#define SLOT_LAST 65536u

/* Fallback when random placement keeps colliding: over-reserve and align. */
static int map_aligned(int fd, int prot, int flags, uintptr_t *base_out) {
  void *r = mmap(NULL, 2 * TWZ_SLOT_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (r == MAP_FAILED)
    return twz_set_error("no address space for a 1 GiB object slot: %s", strerror(errno));
  uintptr_t lo = (uintptr_t)r, base = (lo + TWZ_SLOT_SIZE - 1) & ~(uintptr_t)TWZ_OFFSET_MASK;
  if (base > lo)
    munmap(r, base - lo);
  if (lo + 2 * TWZ_SLOT_SIZE > base + TWZ_SLOT_SIZE)
    munmap((void *)(base + TWZ_SLOT_SIZE), lo + 2 * TWZ_SLOT_SIZE - (base + TWZ_SLOT_SIZE));
  void *m = mmap((void *)base, TWZ_SLOT_SIZE, prot, flags | MAP_FIXED, fd, 0);
  if (m == MAP_FAILED) {
    munmap((void *)base, TWZ_SLOT_SIZE);
    return twz_set_error("cannot map object: %s", strerror(errno));
  }
  *base_out = base;
  return 0;
}

int twz_slot_map(int fd, int prot, uintptr_t *base_out, bool *pmem) {
  uintptr_t base = 0;
  /* A writable mapping tries MAP_SYNC first: it succeeds only on a DAX file
   * system, where flushing cache lines makes stores durable (persist.c).
   * The crash-test mode maps copy-on-write instead. */
  int flags = twz_hosted_volatile() ? MAP_PRIVATE
              : (prot & PROT_WRITE) && twz_hosted_pmem_mode() != 0 ? MAP_SHARED_VALIDATE | MAP_SYNC
                                                                 : MAP_SHARED;
  for (int tries = 0; tries < 64 && !base; tries++) {
    uintptr_t want = (uintptr_t)(SLOT_FIRST + twz_slot_random() % (SLOT_LAST - SLOT_FIRST)) << TWZ_SLOT_BITS;
    void *m = mmap((void *)want, TWZ_SLOT_SIZE, prot, flags | MAP_FIXED_NOREPLACE, fd, 0);
    if (m == MAP_FAILED && (flags & MAP_SYNC) && (errno == EOPNOTSUPP || errno == EINVAL)) {
      flags = MAP_SHARED; /* not DAX */
      tries--;
      continue;
    }
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
  if (!base && map_aligned(fd, prot, flags, &base) < 0)
    return -1;
  *pmem = (flags & MAP_SYNC) != 0;
  /* The null page: pointers decoded from small offsets fault here. */
  mprotect((void *)base, TWZ_NULL_PAGE_SIZE, PROT_NONE);
  *base_out = base;
  return 0;
}

int twz_backend_protect(struct twz_object *obj, int prot) {
  if (mprotect((void *)(obj->base + TWZ_NULL_PAGE_SIZE), TWZ_SLOT_SIZE - TWZ_NULL_PAGE_SIZE, prot) < 0)
    return twz_set_error("cannot change the protections of an object mapping: %s", strerror(errno));
  return 0;
}
