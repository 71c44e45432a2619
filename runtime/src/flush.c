/* Cache-line write-back (flush.h). The instructions are spelled as bytes so
 * that no -m option is needed to assemble them; CPUID picks which to run. */
#include <cpuid.h>

#include "flush.h"

enum { FLUSH_CLFLUSH, FLUSH_CLFLUSHOPT, FLUSH_CLWB };

static int flush_kind(void) {
  static int kind = -1;
  if (kind < 0) {
    unsigned a, b, c, d;
    kind = FLUSH_CLFLUSH;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d))
      kind = b & (1u << 24) ? FLUSH_CLWB : b & (1u << 23) ? FLUSH_CLFLUSHOPT : FLUSH_CLFLUSH;
  }
  return kind;
}

void twz_flush_lines(uintptr_t addr, size_t len) {
  int kind = flush_kind();
  for (uintptr_t p = addr & ~(uintptr_t)63; p < addr + len; p += 64) {
    if (kind == FLUSH_CLWB)
      __asm__ volatile(".byte 0x66, 0x0f, 0xae, 0x37" ::"D"(p) : "memory"); /* clwb (%rdi) */
    else if (kind == FLUSH_CLFLUSHOPT)
      __asm__ volatile(".byte 0x66, 0x0f, 0xae, 0x3f" ::"D"(p) : "memory"); /* clflushopt (%rdi) */
    else
      __asm__ volatile("clflush (%0)" ::"r"(p) : "memory");
  }
}
