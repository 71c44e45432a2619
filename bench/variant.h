/*
 * variant.h: the only place where the four builds of bench.c differ.
 *
 * bench.c is compiled four times, with exactly one of
 *   BENCH_RAW       plain clang-19, native pointers, ordinary memory arenas
 *   BENCH_TWZ       twz-clang -O2, `__persistent` pointers, libtwz objects
 *   BENCH_PMDK      plain clang-19, PMEMoid fields + pmemobj_direct, one pool per object
 *   BENCH_EXPLICIT  plain clang-19, uint64_t fields, __twz_resolve/__twz_encode by
 *                   hand on every pointer load/store, libtwz objects
 * and the workloads use only the macros below:
 *
 *   P(T)              type of a pointer to T held in a variable (a register)
 *   PFIELD(T)         type of a field, inside an object, that points to a T
 *   PGET(p, f)        read pointer field f of *p, as a P(...) value
 *   PSET(p, f, v)     write pointer value v into field f of *p
 *   PSET_NULL(p, f)   write null into field f of *p (every variant has a constant
 *                     for that, so none pays for translating a null)
 *
 * Memory comes from "objects": bench_objects_open(k, cap) makes k objects with
 * an arena of cap bytes each, and bench_alloc(o, size) bump-allocates from
 * object o's arena. The allocator is the same code in every variant, so the
 * variants differ only in where the arena lives and how pointers are stored.
 */
#ifndef BENCH_VARIANT_H
#define BENCH_VARIANT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(BENCH_RAW) + defined(BENCH_TWZ) + defined(BENCH_PMDK) + defined(BENCH_EXPLICIT) != 1
#error "define exactly one of BENCH_RAW, BENCH_TWZ, BENCH_PMDK, BENCH_EXPLICIT"
#endif

_Noreturn static void die(const char *what, const char *why) {
  fprintf(stderr, "bench: %s: %s\n", what, why);
  exit(1);
}

/* BENCH_COLOR=1 (an experiment, not part of `make bench`; see README): in
 * the builds with twz's layout (twz, raw-slot), start object o's arena
 * o * (17 pages + 64 bytes) further in, so the objects' data no longer share
 * their low 30 address bits (cache sets, TLB sets, AMD's L1 way predictor). */
static inline size_t color_offset(int o) {
  const char *env = getenv("BENCH_COLOR");
  return env && *env == '1' ? (size_t)o * (17 * 4096 + 64) : 0;
}

/* ------------------------------------------------------------------ raw -- */
#if defined(BENCH_RAW)
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#define PQ /* nothing: ordinary pointers */
#define PFIELD(T) T *
#define PGET(p, f) ((p)->f)
#define PSET(p, f, v) ((p)->f = (v))
#define PSET_NULL(p, f) ((p)->f = NULL)

/* Two layouts of the same raw build (run.py runs both):
 *
 * "raw" (default): each object is an ordinary malloc'd (aligned_alloc) arena,
 *   wherever the C library puts it: what the program would do without twz.
 *
 * "raw-slot" (BENCH_RAW_SLOTS=1): each object is its own 1 GiB-aligned slot
 *   of anonymous memory and its arena starts at offset 0x1000, exactly where
 *   twz_object_alloc puts the first allocation of a twz object. Same pointer
 *   code, twz's address layout, so twz/raw-slot is the cost of translation
 *   alone and raw-slot/raw the cost of the layout alone.
 *
 * Both use 4 KiB pages (MADV_NOHUGEPAGE), like the file mappings of twz
 * objects and PMDK pools, so no variant wins on TLB reach. */
static int raw_slots;
#define VARIANT (raw_slots ? "raw-slot" : "raw")
#define SLOT ((size_t)1 << 30)
static void *raw_reservation, *raw_arena[64];
static size_t raw_reservation_len;

static char *variant_object(int o, int k, size_t cap, const char *dir) {
  (void)dir;
  const char *env = getenv("BENCH_RAW_SLOTS");
  raw_slots = env && *env == '1';
  char *arena;
  if (!raw_slots) {
    arena = raw_arena[o] = aligned_alloc(4096, cap); /* cap is a multiple of 4096 */
    if (!arena)
      die("aligned_alloc", "out of memory");
  } else {
    if (o == 0) { /* reserve k slots (plus one for alignment), commit nothing */
      raw_reservation_len = ((size_t)k + 1) * SLOT;
      raw_reservation = mmap(NULL, raw_reservation_len, PROT_NONE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (raw_reservation == MAP_FAILED)
        die("mmap", strerror(errno));
    }
    uintptr_t first = ((uintptr_t)raw_reservation + SLOT - 1) & ~(uintptr_t)(SLOT - 1);
    arena = (char *)(first + (uintptr_t)o * SLOT + 4096 + color_offset(o));
  }
  /* Whole pages around the arena (it is not page-aligned with BENCH_COLOR). */
  char *page = (char *)((uintptr_t)arena & ~(uintptr_t)4095);
  size_t len = cap + (size_t)(arena - page);
  if (raw_slots && mprotect(page, len, PROT_READ | PROT_WRITE) < 0)
    die("mprotect", strerror(errno));
  madvise(page, len, MADV_NOHUGEPAGE);
  return arena;
}

static void variant_close(int k) {
  if (raw_slots)
    munmap(raw_reservation, raw_reservation_len);
  else
    for (int o = 0; o < k; o++)
      free(raw_arena[o]);
}

/* ------------------------------------------------------------------ twz -- */
#elif defined(BENCH_TWZ)
#include <twz/twz.h>

#define VARIANT "twz"
#define PQ __persistent
#define PFIELD(T) T __persistent *
#define PGET(p, f) ((p)->f) /* the pass decodes the stored form inline */
#define PSET(p, f, v) ((p)->f = (v)) /* ... and encodes it inline */
#define PSET_NULL(p, f) ((p)->f = NULL)

static char __persistent *variant_object(int o, int k, size_t cap, const char *dir) {
  (void)o, (void)k, (void)dir; /* the store is $TWZ_STORE, set by run.py */
  twz_object *obj = twz_object_create(NULL);
  if (!obj)
    die("twz_object_create", twz_error());
  if (color_offset(o) && !twz_object_alloc(obj, color_offset(o), 64))
    die("twz_object_alloc", twz_error());
  char __persistent *arena = twz_object_alloc(obj, cap, 64);
  if (!arena)
    die("twz_object_alloc", twz_error());
  return arena;
}

static void variant_close(int k) { (void)k; } /* run.py deletes the store */

/* ------------------------------------------------------------------ pmdk - */
#elif defined(BENCH_PMDK)
#include <libpmemobj.h>

#define VARIANT "pmdk"
#define PQ
#define PFIELD(T) PMEMoid /* 16 bytes: pool uuid_lo + offset */
/* pmemobj_direct is PMDK's inline fast path: a one-entry per-thread cache
 * of the last pool, else a lookup of the pool by uuid. */
#define PGET(p, f) pmemobj_direct((p)->f)
/* pmemobj_oid finds the pool that holds a direct pointer: the documented
 * way to turn a pointer back into a PMEMoid (the analogue of twz's encode). */
#define PSET(p, f, v) ((p)->f = pmemobj_oid(v))
#define PSET_NULL(p, f) ((p)->f = OID_NULL)

#define MAX_POOLS 64
static PMEMobjpool *pools[MAX_POOLS];

static char *variant_object(int o, int k, size_t cap, const char *dir) {
  (void)k;
  char path[4096];
  if (o >= MAX_POOLS)
    die("pmdk", "too many pools");
  snprintf(path, sizeof path, "%s/pool.%d", dir, o);
  /* The arena plus room for PMDK's heap metadata; at least the minimum. */
  size_t size = cap + cap / 8 + ((size_t)4 << 20);
  if (size < PMEMOBJ_MIN_POOL)
    size = PMEMOBJ_MIN_POOL;
  pools[o] = pmemobj_create(path, "twz-bench", size, 0600);
  if (!pools[o])
    die("pmemobj_create", pmemobj_errormsg());
  PMEMoid oid;
  if (pmemobj_alloc(pools[o], &oid, cap, 0, NULL, NULL) < 0)
    die("pmemobj_alloc", pmemobj_errormsg());
  return pmemobj_direct(oid);
}

static void variant_close(int k) {
  for (int o = 0; o < k; o++)
    pmemobj_close(pools[o]);
}

/* ------------------------------------------------------------- explicit -- */
#elif defined(BENCH_EXPLICIT)
/* <twz/twz.h> pulls in <twz/persistent.h>, which refuses a compiler without
 * the pass unless __twz_libtwz_build__ is defined (the Makefile does): this
 * build never dereferences a __persistent pointer, it only converts the
 * arena address returned by libtwz to an integer. */
#include <twz/twz.h>

/* The runtime's translation entry points (docs/abi.md, "Contract between
 * compiled code and the runtime"), called by hand as the pre-compiler
 * Twizzler library did: no inline fast path, no resolution cache. */
uint64_t __twz_resolve(uint64_t addr, uint64_t raw);
uint64_t __twz_encode(uint64_t addr, uint64_t va);

#define VARIANT "explicit"
#define PQ
#define PFIELD(T) uint64_t /* the stored form, FOT index : offset */
#define PGET(p, f) ((void *)(uintptr_t)__twz_resolve((uint64_t)(uintptr_t)&(p)->f, (p)->f))
#define PSET(p, f, v) \
  ((p)->f = __twz_encode((uint64_t)(uintptr_t)&(p)->f, (uint64_t)(uintptr_t)(v)))
#define PSET_NULL(p, f) ((p)->f = 0)

static char *variant_object(int o, int k, size_t cap, const char *dir) {
  (void)o, (void)k, (void)dir;
  twz_object *obj = twz_object_create(NULL);
  if (!obj)
    die("twz_object_create", twz_error());
  uintptr_t arena = (uintptr_t)twz_object_alloc(obj, cap, 64);
  if (!arena)
    die("twz_object_alloc", twz_error());
  return (char *)arena;
}

static void variant_close(int k) { (void)k; }
#endif

#define P(T) T PQ *

/* --------------------------------------------------- objects and arenas -- */
#define MAX_OBJECTS 64

struct arena {
  P(char) base;
  size_t cap, used;
};
static struct arena arenas[MAX_OBJECTS];
static int n_objects;

/* k objects, each with an arena of cap bytes. dir holds PMDK's pools. */
static void bench_objects_open(int k, size_t cap, const char *dir) {
  if (k < 1 || k > MAX_OBJECTS)
    die("objects", "count out of range");
  cap = (cap + 4095) & ~(size_t)4095;
  for (int o = 0; o < k; o++)
    arenas[o] = (struct arena){variant_object(o, k, cap, dir), cap, 0};
  n_objects = k;
}

static void bench_objects_close(void) { variant_close(n_objects); }

/* Bump allocation; sizes here are multiples of 8, so alignment is kept. */
static inline P(void) bench_alloc(int o, size_t size) {
  struct arena *a = &arenas[o];
  if (a->cap - a->used < size)
    die("bench_alloc", "arena full");
  P(char) p = a->base + a->used;
  a->used += size;
  return p;
}

/* Forget every allocation (the build workloads rebuild into the same bytes). */
static void bench_reset(void) {
  for (int o = 0; o < n_objects; o++)
    arenas[o].used = 0;
}

#endif
