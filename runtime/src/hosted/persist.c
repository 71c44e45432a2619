/* Durability on the hosted back end: objects are shared file mappings, so
 * stores reach the page cache at once (safe against process crashes) and
 * msync makes them durable against machine crashes. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "../backend.h"
#include "../error.h"
#include "../object.h"

void twz_persist(const void *addr, size_t len) {
  uintptr_t start = (uintptr_t)addr & ~(uintptr_t)(TWZ_PAGE_SIZE - 1);
  uintptr_t end = (uintptr_t)addr + len;
  msync((void *)start, end - start, MS_SYNC);
}

int twz_backend_flush(struct twz_object *obj) {
  if (msync((void *)(obj->base + TWZ_DATA_START), TWZ_SLOT_SIZE - TWZ_DATA_START, MS_SYNC) < 0)
    return twz_set_error("msync failed: %s", strerror(errno));
  return 0;
}
