/*
 * Durability on the hosted back end. Objects are shared file mappings, so
 * stores reach the page cache at once (safe against process crashes); what
 * makes them durable against machine crashes depends on the medium:
 *
 *   file (default)  msync(MS_SYNC) of the range; twz_persist_ranges takes
 *                   one msync per object over the span of its ranges.
 *   pmem            the object was mapped with MAP_SYNC (the file is on a
 *                   DAX file system, as PMDK's pmem_is_pmem finds it), so
 *                   the CPU's caches are the only volatile layer: clwb (or
 *                   clflushopt, clflush) of every cache line, then one
 *                   sfence for all ranges. TWZ_PMEM=1 forces this mode on
 *                   any file (for benchmarks, like PMEM_IS_PMEM_FORCE),
 *                   TWZ_PMEM=0 forces msync.
 *
 * TWZ_TEST_VOLATILE=1 is for crash tests: objects are mapped copy-on-write
 * and only what libtwz flushes is written to the file (pwrite of the whole
 * pages), so killing the process loses exactly what a power failure may.
 * At every flush one more page that the open transaction changed is written
 * too, as the kernel may write back any dirty page at any time (not with
 * TWZ_TEST_WRITEBACK=0: then exactly the flushed bytes); and
 * TWZ_TEST_CRASH_AFTER=N ends the process (exit status 99) right after its
 * Nth flush; with TWZ_TEST_CRASH_PARTIAL=log|data|late it tears that flush
 * instead (torn_flush). Each process of this mode is a boot of its own
 * (proc.c's boot identity), since its end loses what a power failure would.
 *
 * Before the ranges of an object are flushed, a committed transaction whose
 * commit record is still in its log is retired (twz_log_settle): recovery
 * after a reboot must not write the record's older bytes over these.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../backend.h"
#include "../error.h"
#include "../flush.h"
#include "../log.h"
#include "../object.h"
#include "../slots.h"
#include "hosted.h"

static int env_int(const char *name, int dflt) {
  const char *v = getenv(name);
  return v && *v ? atoi(v) : dflt;
}

int twz_hosted_pmem_mode(void) { /* -1 detect, 0 msync, 1 cache lines */
  static int mode = -2;
  if (mode == -2)
    mode = env_int("TWZ_PMEM", -1);
  return mode;
}

bool twz_hosted_volatile(void) {
  static int v = -1;
  if (v < 0)
    v = env_int("TWZ_TEST_VOLATILE", 0) == 1;
  return v;
}

/* Which slots hold MAP_SYNC mappings: one bit per slot of the address space. */
static _Atomic uint64_t sync_slots[(UINT64_C(1) << TWZ_RCACHE_SLOT_BITS) / 64];

void twz_hosted_set_pmem(uintptr_t base, bool pmem) {
  uint64_t s = base >> TWZ_SLOT_BITS, bit = UINT64_C(1) << (s & 63);
  if (pmem)
    atomic_fetch_or(&sync_slots[s / 64], bit);
  else
    atomic_fetch_and(&sync_slots[s / 64], ~bit);
}

static bool pmem(uintptr_t addr) {
  int mode = twz_hosted_pmem_mode();
  uint64_t s = addr >> TWZ_SLOT_BITS;
  return mode == 1 ||
         (mode < 0 && s < (UINT64_C(1) << TWZ_RCACHE_SLOT_BITS) &&
          (atomic_load(&sync_slots[s / 64]) >> (s & 63) & 1));
}

bool twz_backend_flush_costly(const struct twz_object *obj) {
  return twz_hosted_volatile() || !pmem(obj->base);
}

/* ---- the crash-test mode ---- */

static void write_back(const struct twz_object *obj, uintptr_t addr, size_t len) {
  uintptr_t start = addr & ~(uintptr_t)(TWZ_PAGE_SIZE - 1);
  uintptr_t end = (addr + len + TWZ_PAGE_SIZE - 1) & ~(uintptr_t)(TWZ_PAGE_SIZE - 1);
  if (start < obj->base + TWZ_NULL_PAGE_SIZE)
    start = obj->base + TWZ_NULL_PAGE_SIZE;
  if (end > start && pwrite(obj->fd, (const void *)start, end - start, (off_t)(start - obj->base)) < 0)
    abort();
}

/* The flush a crash tears (TWZ_TEST_CRASH_PARTIAL): only the ranges in the
 * log ("log"), only the others ("data"), or of the log's ranges only the
 * pages after the first ("late"). */
static void torn_flush(const struct twz_range *r, size_t n, const char *how) {
  for (size_t i = 0; i < n; i++) {
    const struct twz_object *obj = twz_slot_lookup(r[i].addr);
    if (!obj)
      continue;
    bool in_log = twz_log_holds(obj, r[i].addr);
    if (!strcmp(how, "late") && in_log) {
      uintptr_t second = (r[i].addr & ~(uintptr_t)(TWZ_PAGE_SIZE - 1)) + TWZ_PAGE_SIZE;
      if (second < r[i].addr + r[i].len)
        write_back(obj, second, r[i].addr + r[i].len - second);
    } else if (in_log == !strcmp(how, "log")) {
      write_back(obj, r[i].addr, r[i].len);
    }
  }
  _exit(99);
}

static void volatile_flush(const struct twz_range *r, size_t n) {
  static long count, crash_after = -1, early;
  static uint64_t rnd;
  static const char *partial;
  if (crash_after < 0) {
    crash_after = env_int("TWZ_TEST_CRASH_AFTER", 0);
    early = env_int("TWZ_TEST_WRITEBACK", 1);
    partial = getenv("TWZ_TEST_CRASH_PARTIAL");
    rnd = (uint64_t)getpid() * UINT64_C(0x9e3779b97f4a7c15) | 1;
  }
  if (partial && count + 1 == crash_after)
    torn_flush(r, n, partial);
  /* An early write-back the kernel could have done. */
  rnd ^= rnd << 13, rnd ^= rnd >> 7, rnd ^= rnd << 17;
  uintptr_t page = early ? twz_tx_some_dirty(rnd) : 0;
  if (page)
    write_back(twz_slot_lookup(page), page, 1);
  for (size_t i = 0; i < n; i++) {
    const struct twz_object *obj = twz_slot_lookup(r[i].addr);
    if (obj)
      write_back(obj, r[i].addr, r[i].len);
  }
  if (++count == crash_after)
    _exit(99);
}

/* ---- the back-end calls ---- */

void twz_persist(const void *addr, size_t len) {
  twz_persist_ranges(&(struct twz_range){(uintptr_t)addr, len}, 1);
}

void twz_persist_ranges(const struct twz_range *r, size_t n) {
  if (!n)
    return;
  /* A committed transaction's record must not outlive the durability of
   * other bytes of its object (log.c). */
  for (size_t i = 0; i < n; i++)
    if (!i || (r[i].addr ^ r[i - 1].addr) & ~(uintptr_t)TWZ_OFFSET_MASK)
      twz_log_settle(twz_slot_lookup(r[i].addr));
  if (twz_hosted_volatile()) {
    volatile_flush(r, n);
    return;
  }
  bool fenced = false;
  for (size_t i = 0; i < n;) {
    uintptr_t slot = r[i].addr & ~(uintptr_t)TWZ_OFFSET_MASK;
    if (pmem(r[i].addr)) {
      twz_flush_lines(r[i].addr, r[i].len);
      fenced = true;
      i++;
      continue;
    }
    /* msync: the span of this object's consecutive ranges, in one call. */
    uintptr_t lo = r[i].addr, hi = r[i].addr + r[i].len;
    for (i++; i < n && (r[i].addr & ~(uintptr_t)TWZ_OFFSET_MASK) == slot; i++) {
      if (r[i].addr < lo)
        lo = r[i].addr;
      if (r[i].addr + r[i].len > hi)
        hi = r[i].addr + r[i].len;
    }
    lo &= ~(uintptr_t)(TWZ_PAGE_SIZE - 1);
    msync((void *)lo, hi - lo, MS_SYNC);
  }
  if (fenced)
    twz_fence();
}

int twz_backend_flush(struct twz_object *obj) {
  if (twz_hosted_volatile()) { /* what is allocated, the FOT and the header */
    uint64_t top = obj->hdr->alloc_top, fot = obj->hdr->fot_count * TWZ_FOT_ENTRY_SIZE;
    struct twz_range r[2] = {{obj->base + TWZ_DATA_START, top - TWZ_DATA_START},
                             {obj->base + TWZ_META_OFFSET - fot, fot + TWZ_PAGE_SIZE}};
    volatile_flush(r, 2);
    return 0;
  }
  /* Also on DAX (msync writes back the cache lines of dirty pages): every
   * line of the slot one by one would take seconds. */
  if (msync((void *)(obj->base + TWZ_DATA_START), TWZ_SLOT_SIZE - TWZ_DATA_START, MS_SYNC) < 0)
    return twz_set_error("msync failed: %s", strerror(errno));
  return 0;
}
