/* Segments: flat kernel and user code/data (user data before user code,
 * as sysret requires) and the TSS, whose rsp0 is the stack the CPU switches
 * to on an interrupt from user mode. Double faults get their own stack
 * (IST1), so a kernel stack overflow still reaches panic(). */
#include "kernel.h"

struct tss {
  uint32_t r0;
  uint64_t rsp[3];
  uint64_t r1;
  uint64_t ist[7];
  uint64_t r2;
  uint16_t r3, iomap;
} __attribute__((packed));

static struct tss tss;
static uint64_t gdt[7];
static uint8_t df_stack[4096] __attribute__((aligned(16)));

void tss_set_rsp0(uint64_t rsp0) { tss.rsp[0] = rsp0; }

void gdt_init(void) {
  uint64_t base = (uint64_t)&tss, limit = sizeof tss - 1;
  gdt[1] = 0x00af9a000000ffff; /* KCODE */
  gdt[2] = 0x00cf92000000ffff; /* KDATA */
  gdt[3] = 0x00cff2000000ffff; /* UDATA (dpl 3) */
  gdt[4] = 0x00affa000000ffff; /* UCODE (dpl 3, 64-bit) */
  gdt[5] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ull << 40 |
           ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
  gdt[6] = base >> 32;
  tss.ist[0] = (uint64_t)df_stack + sizeof df_stack;
  tss.iomap = sizeof tss;
  struct {
    uint16_t limit;
    uint64_t base;
  } __attribute__((packed)) ptr = {sizeof gdt - 1, (uint64_t)gdt};
  __asm__ volatile("lgdt %0\n"
                   "pushq $0x08\n"
                   "leaq 1f(%%rip), %%rax\n"
                   "pushq %%rax\n"
                   "lretq\n"
                   "1: mov $0x10, %%ax\n"
                   "mov %%ax, %%ds\n"
                   "mov %%ax, %%es\n"
                   "mov %%ax, %%ss\n"
                   "mov $0x28, %%ax\n"
                   "ltr %%ax\n" ::"m"(ptr)
                   : "rax", "memory");
}
