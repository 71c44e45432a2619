/* Cache-line write-back for persistent memory, shared by both back ends:
 * the hosted one on a DAX file system (hosted/persist.c), the native one
 * on the kernel's NVDIMM (native/persist.c). */
#ifndef TWZ_FLUSH_H
#define TWZ_FLUSH_H
#include <stddef.h>
#include <stdint.h>

/* Write back every cache line of [addr, addr + len): clwb, else
 * clflushopt, else clflush (CPUID leaf 7 says which the CPU has). */
void twz_flush_lines(uintptr_t addr, size_t len);

/* Order the write-backs before later stores: with them, a persistence point. */
static inline void twz_fence(void) { __asm__ volatile("sfence" ::: "memory"); }

#endif
