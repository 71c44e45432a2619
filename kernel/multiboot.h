/* The parts of the multiboot (v1) information structure the kernel reads. */
#ifndef MULTIBOOT_H
#define MULTIBOOT_H
#include <stdint.h>

#define MULTIBOOT_MAGIC 0x2BADB002

struct mb_info {
  uint32_t flags, mem_lower, mem_upper, boot_device;
  uint32_t cmdline;                  /* physical address of "kernel args" */
  uint32_t mods_count, mods_addr;    /* physical address of struct mb_module[] */
  uint32_t syms[4];
  uint32_t mmap_length, mmap_addr;   /* physical address of struct mb_mmap entries */
} __attribute__((packed));

struct mb_module {
  uint32_t start, end;               /* physical [start, end) */
  uint32_t cmdline;                  /* "path arg1 arg2" */
  uint32_t reserved;
} __attribute__((packed));

struct mb_mmap {
  uint32_t size;                     /* of the rest of this entry */
  uint64_t addr, len;
  uint32_t type;                     /* 1 = available RAM */
} __attribute__((packed));

#endif
