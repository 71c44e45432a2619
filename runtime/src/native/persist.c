/* Durability on the native back end: objects live on the kernel's
 * persistent memory (an NVDIMM mapped straight into the program), so a
 * range is durable once its cache lines are written back and fenced:
 * clwb (clflushopt, clflush on older CPUs) and sfence, in the program, no
 * system call. Only when the kernel counts persistence points (power-cut
 * tests) or runs in strict mode, where the program's pages are RAM shadows
 * that reach the NVDIMM only when copied, does each persist go through the
 * kernel (obj_persist). Without persistent memory nothing survives a power
 * cut anyway and there is nothing to do. */
#include <errno.h>
#include <stdint.h>
#include <twz/syscall.h>

#include "../backend.h"
#include "../flush.h"
#include "../object.h"
#include "sys.h"

enum { UNKNOWN, NONE, LINES, KERNEL };
static _Atomic int mode = UNKNOWN;

static int pick_mode(void) {
  long info = twz_sys3(TWZ_SYS_PMEM_INFO, 0, 0, 0);
  int m = info < 0 || !(info & TWZ_PMEM_ON)                 ? NONE
          : info & (TWZ_PMEM_STRICT | TWZ_PMEM_COUNTED) ? KERNEL
                                                          : LINES;
  mode = m;
  return m;
}

void twz_persist(const void *addr, size_t len) {
  int m = mode;
  if (m == UNKNOWN)
    m = pick_mode();
  if (m == NONE || !len)
    return;
  if (m == KERNEL) {
    twz_sys3(TWZ_SYS_OBJ_PERSIST, (long)addr, (long)len, 0);
    return;
  }
  twz_flush_lines((uintptr_t)addr, len);
  twz_fence();
}

bool twz_backend_flush_costly(const struct twz_object *obj) {
  (void)obj;
  return false; /* cache lines, or a system call that copies a page */
}

int twz_backend_flush(struct twz_object *obj) {
  const struct twz_obj_header *h = obj->hdr;
  uint64_t top = h->alloc_top, fot = h->fot_count;
  if (top > TWZ_DATA_START && top <= TWZ_DATA_END)
    twz_persist((const void *)(obj->base + TWZ_DATA_START), top - TWZ_DATA_START);
  if (fot > TWZ_FOT_MAX_ENTRIES)
    fot = TWZ_FOT_MAX_ENTRIES;
  twz_persist((const void *)(obj->base + TWZ_META_OFFSET - fot * TWZ_FOT_ENTRY_SIZE),
              fot * TWZ_FOT_ENTRY_SIZE + TWZ_PAGE_SIZE);
  return 0;
}
