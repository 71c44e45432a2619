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

/*
 * Encode cache (volatile, per process): which FOT entry of a container
 * already names a target slot, so compiled code encodes most cross-object
 * stores without a call. For a pointer to target address T stored at A,
 * compiled code reads the word
 *   W = __twz_ecache_base + ((A >> TWZ_SLOT_BITS) & TWZ_RCACHE_SLOT_MASK) * TWZ_ECACHE_STRIDE
 *                         + ((T >> TWZ_SLOT_BITS) & (TWZ_ECACHE_ENTRIES - 1)) * 8
 * and uses it only if W >> 40 == (T >> TWZ_SLOT_BITS) + 1 and bits 39..16 of
 * W equal the low 24 bits of the container header's fot_gen; then the
 * stored form is ((W & 0xffff) << TWZ_SLOT_BITS) | (T & TWZ_OFFSET_MASK).
 * Otherwise it calls __twz_encode, which fills the word. Retargeting bumps
 * fot_gen, which invalidates every process's words for that container.
 */
#define TWZ_ECACHE_STRIDE_BITS 12
#define TWZ_ECACHE_STRIDE (UINT64_C(1) << TWZ_ECACHE_STRIDE_BITS)
#define TWZ_ECACHE_ENTRIES (TWZ_ECACHE_STRIDE / 8)
#define TWZ_ECACHE_SIZE (TWZ_ECACHE_STRIDE << TWZ_RCACHE_SLOT_BITS)
#define TWZ_ECACHE_TAG_SHIFT 40
#define TWZ_ECACHE_GEN_SHIFT 16
#define TWZ_ECACHE_GEN_MASK UINT64_C(0xffffff)
#define TWZ_ECACHE_IDX_MASK UINT64_C(0xffff)
#define TWZ_HDR_FOT_GEN_OFFSET 80 /* offsetof(struct twz_obj_header, fot_gen) */

/* Names of the runtime entry points the pass calls (slow paths). */
#define TWZ_SYM_ECACHE_BASE "__twz_ecache_base"
#define TWZ_SYM_RCACHE_BASE "__twz_rcache_base"
#define TWZ_SYM_RESOLVE "__twz_resolve"
#define TWZ_SYM_ENCODE "__twz_encode"
#define TWZ_SYM_CMPXCHG "__twz_cmpxchg_ptr"
#define TWZ_SYM_DECODE "__twz_decode" /* placeholder the pass expands inline */
/* Compiler-internal, never linked: the Clang plugin marks the object-memory
 * side of a struct copy with a call to TWZ_COPY_LAYOUT_PREFIX<layout> and the
 * pass replaces it (llvm-pass/README.md has the format). */
#define TWZ_COPY_LAYOUT_PREFIX "__twz_copy_layout."

/*
 * The store's namespace (name -> ID) is an object with a fixed ID whose
 * root is a struct twz_namespace: an open-addressing hash table (FNV-1a of
 * the name, linear probing). Changes go through the namespace object's undo
 * log; `epoch` increases on every change, so late-bound pointers can tell
 * when to look a name up again.
 */
#define TWZ_NAMESPACE_ID_LAST_BYTE 1 /* ID 00..0001 */
#define TWZ_NAME_MAX 103
#define TWZ_NAMES_CAP 4096u
#define TWZ_NAME_EMPTY 0u
#define TWZ_NAME_USED 1u
#define TWZ_NAME_DELETED 2u

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
  uint64_t lock;         /* pid holding the object lock, or 0; atomic */
  uint64_t log;          /* offset of the undo log (struct twz_log), or 0 */
  uint64_t heap;         /* offset of the heap metadata (struct twz_heap), or 0 */
  uint64_t fot_gen;      /* bumped whenever a valid FOT entry is retargeted */
  uint8_t kuid[16];      /* key object that signs capabilities for this object; 0 = unprotected */
  uint32_t dflt_prot;    /* rights every security context has (TWZ_PERM_* of <twz/security.h>) */
  uint32_t reserved32;
  uint64_t defer;        /* epoch of bytes a coordinator's commit record may hold (log.c), or 0 */
  uint64_t reserved;
};

/* Header flags. */
#define TWZ_OBJ_IMMUTABLE 0x1u /* content-addressed: ID = BLAKE2b-128 of the data */
#define TWZ_OBJ_KNOWN_FLAGS 0x1u

/*
 * Undo log (one per object, allocated on first use; docs/abi.md). Two
 * chains of extents, each starting with struct twz_log: the main chain at
 * the header's `log`, whose first extent's header also holds the state, and
 * (once a commit record has been written) the alternate chain at `alt`. A
 * transaction's records go to the alternate chain if its txid is odd and
 * `alt` is set, else to the main one, so consecutive transactions of a
 * coordinator use different chains. While `txid` is not 0 and not marked
 * TWZ_LOG_COMMITTED, the records in its chain whose `txid` equals the
 * header's and whose checksum matches, up to the first that does not, are
 * the transaction's records (a record with offset TWZ_LOG_REC_NEXT
 * continues in the next extent): if one of them is a TWZ_LOG_REC_COMMIT
 * record the transaction committed (its redo bytes are written again after
 * a reboot), else recovery writes the undo records' old bytes back newest
 * first. Either way `txid` then goes to 0. A log whose `coord` is not zero
 * belongs to a transaction of several objects coordinated by that object:
 * it is undone iff the coordinator's log is still active with the same
 * `txid` and holds no commit record.
 */
#define TWZ_LOG_MAGIC UINT64_C(0x0032474f4c5a5754)   /* "TWZLOG2\0" */
#define TWZ_LOG_SIZE (UINT64_C(1) << 20)             /* the first extent */
#define TWZ_LOG_EXTENT_MAX (UINT64_C(1) << 28)       /* extents double up to this */
#define TWZ_LOG_EXTENTS_MAX 64                       /* extents in a chain */
#define TWZ_LOG_REC_NEXT UINT64_C(1)                 /* record: continue in the next extent */
#define TWZ_LOG_REC_JOIN UINT64_C(2)                 /* record: 16-byte ID of a participant */
#define TWZ_LOG_REC_COMMIT UINT64_C(3)               /* record: commit mark with redo bytes */
#define TWZ_LOG_COMMITTED (UINT64_C(1) << 63)        /* txid flag: committed, new bytes durable */
#define TWZ_LOG_DEFERRED (UINT64_C(1) << 62)         /* txid flag: committed, participants' bytes deferred */
struct twz_log {
  uint64_t magic; /* TWZ_LOG_MAGIC */
  uint64_t size;  /* bytes of this extent, this header included */
  uint64_t next;  /* offset of the next extent, or 0 */
  uint64_t txid;  /* main chain's first extent only: the last transaction, 0 when idle */
  uint64_t owner; /* main chain's first extent only: lock token of the process that began it */
  uint64_t alt;   /* main chain's first extent only: offset of the alternate chain, or 0 */
  uint8_t coord[16]; /* main chain's first extent only: coordinating object's ID; 0: this object */
};
struct twz_log_record {
  uint64_t offset; /* object offset of the bytes, or TWZ_LOG_REC_NEXT / _JOIN */
  uint64_t len;    /* bytes that follow, padded to a multiple of 8 */
  uint64_t txid;   /* the transaction's txid */
  uint64_t check;  /* twz_log_checksum of the record (this field as 0) and its bytes */
};

/* The record checksum (FNV-1a over 64-bit words, then a MurmurHash3
 * finalizer): `words` are the record header with check = 0 and the padded
 * bytes. A torn write of a record fails it. */
static __inline__ uint64_t twz_log_checksum(const uint64_t *words, uint64_t n) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (uint64_t i = 0; i < n; i++)
    h = (h ^ words[i]) * UINT64_C(0x100000001b3);
  h ^= h >> 33;
  h *= UINT64_C(0xff51afd7ed558ccd);
  h ^= h >> 33;
  return h | 1; /* never 0: zeroed bytes never look like a record */
}

/*
 * Heap (twz_malloc/twz_free). Every block has a 16-byte header just before
 * its payload; free blocks are kept on per-class lists (offsets, 0 = empty).
 * Classes 0..TWZ_HEAP_CLASSES-2 hold payloads of 32 << class bytes; the last
 * class holds larger blocks (first fit). All changes go through the undo log.
 */
#define TWZ_HEAP_CLASSES 9
#define TWZ_BLOCK_MAGIC 0x4b4c425au /* "ZBLK" */
#define TWZ_BLOCK_FREE 0u
#define TWZ_BLOCK_USED 1u
struct twz_heap {
  uint64_t free_head[TWZ_HEAP_CLASSES];
  uint64_t reserved[7];
};
struct twz_block {
  uint32_t magic;
  uint32_t state;
  uint64_t size;  /* payload bytes */
  /* a free block's first 8 payload bytes: offset of the next free block */
};

/* Entry i (1 <= i < fot_count) lives at object offset twz_fot_offset(i). */
static __inline__ uint64_t twz_fot_offset(uint64_t i) {
  return TWZ_META_OFFSET - i * TWZ_FOT_ENTRY_SIZE;
}
struct twz_name_entry {
  uint8_t id[16];
  uint32_t state; /* TWZ_NAME_* */
  uint32_t len;
  char name[TWZ_NAME_MAX + 1];
};
struct twz_namespace {
  uint64_t epoch;
  uint64_t count;
  struct twz_name_entry entries[TWZ_NAMES_CAP];
};
#endif

#endif
