/*
 * twz object ABI, version 1. docs/abi.md is the normative description; this
 * header is its executable form and is shared by libtwz (C) and the LLVM
 * pass (C++), so every constant the compiled fast path relies on lives here.
 */
#ifndef TWZ_ABI_H
#define TWZ_ABI_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

#define TWZ_ABI_VERSION 1u

/* Clang address space that `__persistent` maps to. */
#define TWZ_PERSISTENT_AS 42

/* Objects are slot-sized and slot-aligned: 1 GiB, 30-bit offsets. */
#define TWZ_SLOT_BITS 30
#define TWZ_SLOT_SIZE (UINT64_C(1) << TWZ_SLOT_BITS)
#define TWZ_OFFSET_MASK (TWZ_SLOT_SIZE - 1)

/* The first page of every object is the null page: never mapped. */
#define TWZ_PAGE_SIZE UINT64_C(4096)
#define TWZ_NULL_PAGE_SIZE TWZ_PAGE_SIZE

/* Metadata page at the top of the object; the FOT grows down below it. */
#define TWZ_META_OFFSET (TWZ_SLOT_SIZE - TWZ_PAGE_SIZE)
#define TWZ_FOT_ENTRY_SIZE 32u
#define TWZ_FOT_MAX_ENTRIES UINT64_C(65536) /* index 0 included */
#define TWZ_FOT_BOTTOM (TWZ_META_OFFSET - TWZ_FOT_MAX_ENTRIES * TWZ_FOT_ENTRY_SIZE)
#define TWZ_DATA_START TWZ_NULL_PAGE_SIZE
#define TWZ_DATA_END TWZ_FOT_BOTTOM

/* Stored (invariant) pointer: FOT index in bits 63..30, offset in 29..0. */
#define TWZ_PTR_INDEX(raw) ((uint64_t)(raw) >> TWZ_SLOT_BITS)
#define TWZ_PTR_OFFSET(raw) ((uint64_t)(raw) & TWZ_OFFSET_MASK)
#define TWZ_PTR_MAKE(idx, off) (((uint64_t)(idx) << TWZ_SLOT_BITS) | (uint64_t)(off))

/* Header magic: "TWZOBJ" followed by two zero bytes, little endian. */
#define TWZ_OBJ_MAGIC UINT64_C(0x00004a424f5a5754)

/* FOT entry flags. */
#define TWZ_FOT_VALID 0x1u   /* entry complete and durable; set last */
#define TWZ_FOT_READ 0x2u
#define TWZ_FOT_WRITE 0x4u
#define TWZ_FOT_EXEC 0x8u
#define TWZ_FOT_NAME 0x10u   /* target named by `name`, bound by `resolver` */
#define TWZ_FOT_KNOWN_FLAGS 0x1fu

/*
 * Resolution cache (volatile, per process). For a stored pointer at address
 * A with FOT index i, 1 <= i < TWZ_RCACHE_ENTRIES, compiled code reads the
 * 64-bit word at
 *   __twz_rcache_base + ((A >> TWZ_SLOT_BITS) & TWZ_RCACHE_SLOT_MASK) * TWZ_RCACHE_STRIDE
 *                     + i * 8
 * Zero means "miss: call __twz_resolve"; otherwise it is the slot-aligned base
 * address of the target object, to which the offset is added.
 */
#define TWZ_RCACHE_SLOT_BITS 17 /* 47-bit user address space / 1 GiB slots */
#define TWZ_RCACHE_SLOT_MASK ((UINT64_C(1) << TWZ_RCACHE_SLOT_BITS) - 1)
#define TWZ_RCACHE_STRIDE_BITS 13
#define TWZ_RCACHE_STRIDE (UINT64_C(1) << TWZ_RCACHE_STRIDE_BITS)
#define TWZ_RCACHE_ENTRIES (TWZ_RCACHE_STRIDE / 8)
#define TWZ_RCACHE_SIZE (TWZ_RCACHE_STRIDE << TWZ_RCACHE_SLOT_BITS)

/* Names of the runtime entry points the pass calls (slow paths). */
#define TWZ_SYM_RCACHE_BASE "__twz_rcache_base"
#define TWZ_SYM_RESOLVE "__twz_resolve"
#define TWZ_SYM_ENCODE "__twz_encode"
#define TWZ_SYM_CMPXCHG "__twz_cmpxchg_ptr"

#if !defined(__cplusplus) && !defined(__ASSEMBLER__)
/* Included into every translation unit by twz-clang: keep it valid C89 to
 * C23 and free of macros the user may define (no <assert.h>). The layout is
 * checked with _Static_assert in runtime/src/abi_check.c. */

/* A 128-bit object ID, stored as 16 bytes (big-endian when printed). */
struct twz_id_bytes {
  uint8_t b[16];
};

struct twz_fot_entry {
  uint8_t id[16];    /* target object ID (unused with TWZ_FOT_NAME) */
  uint64_t name;     /* TWZ_FOT_NAME: offset of a NUL-terminated name in this object */
  uint32_t flags;    /* TWZ_FOT_* */
  uint32_t resolver; /* TWZ_FOT_NAME: resolver number; 0 = the store's namespace */
};

struct twz_obj_header {
  uint64_t magic;        /* TWZ_OBJ_MAGIC */
  uint32_t abi_version;  /* TWZ_ABI_VERSION */
  uint32_t flags;        /* reserved, 0 */
  uint8_t id[16];        /* this object's ID */
  uint64_t fot_count;    /* entries claimed, index 0 included; atomic */
  uint64_t alloc_top;    /* next free data offset; atomic */
  uint64_t root;         /* stored pointer to the root datum, or 0 */
  uint64_t reserved[9];
};

/* Entry i (1 <= i < fot_count) lives at object offset twz_fot_offset(i). */
static __inline__ uint64_t twz_fot_offset(uint64_t i) {
  return TWZ_META_OFFSET - i * TWZ_FOT_ENTRY_SIZE;
}
#endif

#endif
