/*
 * Kernel state objects (KSOs): the kernel's per-process and per-thread state
 * kept in ordinary objects that user space maps and reads (docs/abi.md
 * "Kernel state objects" is normative; kernel/kso.c writes them). Each is an
 * object with the usual header at TWZ_META_OFFSET whose root (offset
 * TWZ_DATA_START) is one of the structures below. The kernel creates them;
 * their header's `kuid` is the object's own ID (no key object has it, so no
 * capability for a KSO ever verifies) and `dflt_prot` is 0: the rights on a
 * KSO are the kernel's fixed rule (its own view rw, its own threads r, all
 * else none), not a context's.
 *
 * The third kind, the security context, has no structure here: it is the
 * object format of <twz/security.h>, the same on the host and the kernel.
 */
#ifndef TWZ_KSO_H
#define TWZ_KSO_H
#include <stdint.h>

#include <twz/abi.h>
#include <twz/syscall.h>

/* ---- View object: slot -> (object ID, protections) ----
 * The entry for slot s is entries[s]; entries below TWZ_SLOT_USER_FIRST are
 * ignored. A program changes its view with ordinary stores into the entry
 * and then tells the kernel with kso_invalidate (the kernel caches what it
 * has read; until the invalidate it may keep using the old entry). The
 * kernel reads an entry when a thread first touches the slot after an
 * invalidate. Entry prot is what the program asks for; every page gets at
 * most that AND the active context's rights on the object. */
#define TWZ_VIEW_MAGIC 0x00574549565a5754ull /* "TWZVIEW\0" */
#define TWZ_VIEW_VERSION 1
#define TWZ_VE_VALID 0x1 /* the entry names an object; else the slot is empty */

struct twz_view_entry {
  uint8_t id[16];
  uint32_t prot;  /* TWZ_PROT_* */
  uint32_t flags; /* TWZ_VE_*; unknown bits make the entry unusable */
  uint64_t reserved;
};

struct twz_view {
  uint64_t magic;   /* TWZ_VIEW_MAGIC */
  uint32_t version; /* TWZ_VIEW_VERSION */
  uint32_t flags;   /* 0 */
  uint64_t reserved[6];
  struct twz_view_entry entries[TWZ_SLOT_USER_LIMIT];
};
#define TWZ_VIEW_ENTRY_OFFSET(slot)                                                                \
  (TWZ_DATA_START + 64 + (uint64_t)(slot) * sizeof(struct twz_view_entry))

/* ---- Thread object: a thread's state, as the kernel last wrote it ----
 * Written by the kernel when the thread starts, when its process's
 * security contexts change and when it exits (then `state` becomes
 * TWZ_THREAD_EXITED and `exit_status` is final). Its ID disappears when
 * the thread exits; a program that still maps it keeps reading it. */
#define TWZ_THREAD_MAGIC 0x00445248545a5754ull /* "TWZTHRD\0" */
#define TWZ_THREAD_VERSION 1
#define TWZ_THREAD_RUNNING 1
#define TWZ_THREAD_EXITED 2
#define TWZ_THREAD_SCTX_MAX 8 /* contexts a process can have attached */

struct twz_thread {
  uint64_t magic;       /* TWZ_THREAD_MAGIC */
  uint32_t version;     /* TWZ_THREAD_VERSION */
  uint32_t state;       /* TWZ_THREAD_* */
  int32_t exit_status;  /* valid once EXITED: exit(2)'s status, or the process's */
  uint32_t tid, pid;
  uint32_t nsctx;       /* attached contexts in sctx[] */
  uint8_t view[16];     /* the view object the thread runs in */
  uint8_t active[16];   /* the active security context, all zero if none */
  uint8_t sctx[TWZ_THREAD_SCTX_MAX][16];
};

/* kso_self(which, id_out[16]) selectors */
#define TWZ_KSO_VIEW 1   /* the calling process's view object */
#define TWZ_KSO_THREAD 2 /* the calling thread's thread object */
#define TWZ_KSO_SCTX 3   /* the active security context (-ENOENT if none) */

#endif
