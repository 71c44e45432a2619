/* Durability on the hosted back end: objects are shared file mappings, so
 * stores reach the page cache at once (safe against process crashes) and
 * msync makes them durable against machine crashes. */
#include <sys/mman.h>

#include "internal.h"

void twz_persist(const void *addr, size_t len) {
  uintptr_t start = (uintptr_t)addr & ~(uintptr_t)(TWZ_PAGE_SIZE - 1);
  uintptr_t end = (uintptr_t)addr + len;
  msync((void *)start, end - start, MS_SYNC);
}
