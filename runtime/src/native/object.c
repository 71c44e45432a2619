/*
 * Native back end (backend.h): objects are kernel objects, named by their
 * 128-bit ID and reached with the twz system calls of <twz/syscall.h>:
 * obj_create with TWZ_OC_FIXED_ID publishes an object under the ID libtwz
 * chose, view_set shows it in a slot of this process's view (the kernel
 * maps its pages on demand, the null page never), obj_delete removes it.
 *
 * Publishing: the kernel creates the object all zero; its creator maps it,
 * writes the data and the header, and stores the header's magic last (a
 * release store). An object whose magic is still 0 is being created: an
 * opener waits for it (up to TWZ_NATIVE_CREATE_WAIT_MS) and otherwise
 * reports it incomplete (its creator died half-way). Of racing creators of
 * one ID the kernel lets exactly one create it (-EEXIST for the others),
 * which then open the winner's object.
 *
 * On Linux these system calls do not exist (-ENOSYS): every call that needs
 * an object fails with a message saying so, printed once to stderr too.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <twz/syscall.h>

#include "../backend.h"
#include "../error.h"
#include "../object.h"
#include "../slots.h"
#include "sys.h"

#define TWZ_NATIVE_CREATE_WAIT_MS 2000

#define UNAVAILABLE                                                                                \
  "this program was built for the twz kernel (--target=x86_64-unknown-twizzler): object system " \
  "calls are not available here"

static int unavailable(void) {
  static atomic_flag told = ATOMIC_FLAG_INIT;
  if (!atomic_flag_test_and_set(&told))
    fputs("twz: " UNAVAILABLE "\n", stderr);
  return twz_set_error(UNAVAILABLE);
}

/* The error for a failed system call r (< 0) about object `what`. */
static int sys_error(long r, const char *doing, const char *what) {
  if (r == -ENOSYS)
    return unavailable();
  if (r == -ENOENT)
    return twz_set_error("cannot %s object %s: no such object", doing, what);
  return twz_set_error("cannot %s object %s: %s", doing, what, strerror((int)-r));
}

static int kernel_prot(int prot) {
  return (prot & PROT_READ ? TWZ_PROT_READ : 0) | (prot & PROT_WRITE ? TWZ_PROT_WRITE : 0) |
         (prot & PROT_EXEC ? TWZ_PROT_EXEC : 0);
}

/* ---- Slots of this process's view that hold objects ---- */

static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t slot_used[TWZ_SLOT_USER_LIMIT / 8];

/* A free slot in [TWZ_SLOT_USER_FIRST, TWZ_SLOT_USER_LIMIT), picked at
 * random like the hosted back end's (code must not depend on addresses). */
static long slot_alloc(void) {
  pthread_mutex_lock(&slot_lock);
  const uint64_t n = TWZ_SLOT_USER_LIMIT - TWZ_SLOT_USER_FIRST;
  long slot = -1;
  for (uint64_t i = 0, s0 = twz_slot_random() % n; i < n; i++) {
    uint64_t s = TWZ_SLOT_USER_FIRST + (s0 + i) % n;
    if (!(slot_used[s / 8] & (1u << (s % 8)))) {
      slot_used[s / 8] |= (uint8_t)(1u << (s % 8));
      slot = (long)s;
      break;
    }
  }
  pthread_mutex_unlock(&slot_lock);
  if (slot < 0)
    twz_set_error("no free object slot in this process's view");
  return slot;
}

static void slot_free(long slot) {
  twz_sys3(TWZ_SYS_VIEW_SET, slot, 0, 0);
  pthread_mutex_lock(&slot_lock);
  slot_used[slot / 8] &= (uint8_t)~(1u << (slot % 8));
  pthread_mutex_unlock(&slot_lock);
}

static uintptr_t slot_addr(long slot) { return (uintptr_t)slot << TWZ_SLOT_BITS; }

/* Show object `id` in a new slot with kernel protections kprot. */
static long map_new(const twz_id *id, int kprot, const char *doing, const char *what) {
  long slot = slot_alloc();
  if (slot < 0)
    return -1;
  long r = twz_sys3(TWZ_SYS_VIEW_SET, slot, (long)id->b, kprot);
  if (r < 0) {
    slot_free(slot);
    return sys_error(r, doing, what);
  }
  return slot;
}

/* ---- backend.h ---- */

const char *twz_store_path(void) { return "(twz kernel objects)"; }

void twz_backend_describe(const twz_id *id, char *buf, size_t len) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  snprintf(buf, len, "%s", hex);
}

/* Wait while the object's creator has not stored the header's magic yet. */
static int wait_published(uintptr_t base, const char *what) {
  _Atomic uint64_t *magic = (_Atomic uint64_t *)(base + TWZ_META_OFFSET);
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (unsigned spins = 0; !atomic_load_explicit(magic, memory_order_acquire); spins++) {
    clock_gettime(CLOCK_MONOTONIC, &now);
    if ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 >
        TWZ_NATIVE_CREATE_WAIT_MS)
      return twz_set_error("object %s is incomplete: its creator has not finished writing it "
                           "(or died while creating it)", what);
    if (spins < 100)
      sched_yield();
    else
      nanosleep(&(struct timespec){0, 1000000}, NULL);
  }
  return 0;
}

int twz_backend_open(const twz_id *id, const char *what, struct twz_obj_header *h) {
  long slot = slot_alloc();
  if (slot < 0)
    return -1;
  long r = twz_sys3(TWZ_SYS_VIEW_SET, slot, (long)id->b, TWZ_PROT_READ);
  if (r == -EACCES) {
    /* No read right. As on the host, which maps such an object without
     * rights, the object gets a slot where every access faults, and its
     * header comes from obj_stat (anyone who knows an ID may read its
     * header, as anyone may stat a file). */
    r = twz_sys3(TWZ_SYS_OBJ_STAT, (long)id->b, (long)h, 0);
    if (r == 0 && (r = twz_sys3(TWZ_SYS_VIEW_SET, slot, (long)id->b, 0)) == 0)
      return (int)slot;
  }
  if (r < 0) {
    slot_free(slot);
    return sys_error(r, "open", what);
  }
  if (wait_published(slot_addr(slot), what) < 0) {
    slot_free(slot);
    return -1;
  }
  memcpy(h, (const void *)(slot_addr(slot) + TWZ_META_OFFSET), sizeof *h);
  return (int)slot;
}

/* What a view entry asks for: what the object can ever give (w unless it
 * is immutable), not only what the context grants now. The kernel bounds
 * every page by the active context's rights, so after a program switches
 * contexts (late binding: a fault handler attaches one that grants more)
 * the retried access works without a new mapping. */
static int view_prot(int prot, int immutable) {
  int k = kernel_prot(prot);
  return k & TWZ_PROT_READ && !immutable ? k | TWZ_PROT_WRITE : k;
}

int twz_backend_map(const twz_id *id, const char *what, int *handle, int prot, uintptr_t *base) {
  /* The slot that open used to read the header (readable if prot is). */
  int immutable =
      prot & PROT_READ &&
      ((const struct twz_obj_header *)(slot_addr(*handle) + TWZ_META_OFFSET))->flags & TWZ_OBJ_IMMUTABLE;
  long r = twz_sys3(TWZ_SYS_VIEW_SET, *handle, (long)id->b, view_prot(prot, immutable));
  if (r < 0)
    return sys_error(r, "map", what);
  *base = slot_addr(*handle);
  return 0;
}

int twz_backend_protect(struct twz_object *obj, int prot) {
  char hex[TWZ_ID_STRLEN + 1];
  long r = twz_sys3(TWZ_SYS_VIEW_SET, (long)(obj->base >> TWZ_SLOT_BITS), (long)obj->id.b,
                   view_prot(prot, obj->readonly));
  twz_id_format(&obj->id, hex);
  return r < 0 ? sys_error(r, "change the protections of", hex) : 0;
}

void twz_backend_close(int handle, uintptr_t base) {
  (void)base; /* the handle is the slot */
  slot_free(handle);
}

int twz_store_pread(const twz_id *id, uint64_t off, void *buf, size_t len) {
  char what[TWZ_ID_STRLEN + 1];
  twz_id_format(id, what);
  if (off < TWZ_NULL_PAGE_SIZE || off > TWZ_SLOT_SIZE || len > TWZ_SLOT_SIZE - off)
    return twz_set_error("cannot read object %s: bytes 0x%llx..+0x%zx are outside it", what,
                         (unsigned long long)off, len);
  long slot = map_new(id, TWZ_PROT_READ, "read", what);
  if (slot < 0)
    return -1;
  memcpy(buf, (const void *)(slot_addr(slot) + off), len);
  slot_free(slot);
  return 0;
}

/* Write the header with its magic last: openers wait for the magic. The
 * object is on persistent memory, so the header is durable before the
 * magic, and the magic before the object is used (the data was persisted
 * by the caller): after a power cut an object is whole or has no magic. */
static void publish_header(uintptr_t base, const struct twz_obj_header *h) {
  struct twz_obj_header tmp = *h;
  tmp.magic = 0;
  memcpy((void *)(base + TWZ_META_OFFSET), &tmp, sizeof tmp);
  twz_persist((const void *)(base + TWZ_META_OFFSET), sizeof tmp);
  atomic_store_explicit((_Atomic uint64_t *)(base + TWZ_META_OFFSET), h->magic,
                        memory_order_release);
  twz_persist((const void *)(base + TWZ_META_OFFSET), sizeof h->magic);
}

/* Create kernel object `id` and show it writable in a new slot. */
static long create_mapped(const twz_id *id, const char *what, bool *exists) {
  uint8_t b[16];
  memcpy(b, id->b, sizeof b);
  long r = twz_sys3(TWZ_SYS_OBJ_CREATE, (long)b, TWZ_OC_FIXED_ID, 0);
  if (r == -EEXIST && exists) {
    *exists = true;
    return -1;
  }
  if (r < 0)
    return sys_error(r, "create", what);
  long slot = map_new(id, TWZ_PROT_READ | TWZ_PROT_WRITE, "create", what);
  if (slot < 0)
    twz_sys3(TWZ_SYS_OBJ_DELETE, (long)b, 0, 0);
  return slot;
}

int twz_backend_create(const twz_id *id, const struct twz_obj_header *h, const void *data,
                       size_t len) {
  char what[TWZ_ID_STRLEN + 1];
  bool exists = false;
  twz_id_format(id, what);
  long slot = create_mapped(id, what, &exists);
  if (exists)
    return 1;
  if (slot < 0)
    return -1;
  uintptr_t base = slot_addr(slot);
  if (len) {
    memcpy((void *)(base + TWZ_DATA_START), data, len);
    twz_persist((const void *)(base + TWZ_DATA_START), len);
  }
  publish_header(base, h);
  slot_free(slot);
  return 0;
}

static bool all_zero(const void *p, size_t n) {
  const uint64_t *w = p;
  for (size_t i = 0; i < n / 8; i++)
    if (w[i])
      return false;
  return true;
}

/* Copy [from, to) page by page, skipping pages that are zero in the source
 * (the new object is zero already, and untouched pages cost no memory). */
static void copy_pages(uintptr_t dst, uintptr_t src, uint64_t from, uint64_t to) {
  for (uint64_t o = from & ~(uint64_t)(TWZ_PAGE_SIZE - 1); o < to; o += TWZ_PAGE_SIZE) {
    uint64_t a = o < from ? from : o, e = o + TWZ_PAGE_SIZE > to ? to : o + TWZ_PAGE_SIZE;
    if (!all_zero((const void *)(src + o), TWZ_PAGE_SIZE)) {
      memcpy((void *)(dst + a), (const void *)(src + a), e - a);
      twz_persist((const void *)(dst + a), e - a);
    }
  }
}

/* Only the parts of an object that the ABI gives meaning are copied: the
 * data area up to alloc_top, the FOT entries in use and the metadata page.
 * (The hosted back end copies every data extent of the file; bytes a
 * program wrote beyond alloc_top without allocating them are not copied
 * here.) */
int twz_backend_copy(struct twz_object *src, const twz_id *id) {
  char what[TWZ_ID_STRLEN + 1], from[TWZ_ID_STRLEN + 1];
  twz_id_format(id, what);
  twz_id_format(&src->id, from);
  long s = map_new(&src->id, TWZ_PROT_READ, "copy", from);
  if (s < 0)
    return -1;
  long d = create_mapped(id, what, NULL);
  if (d < 0) {
    slot_free(s);
    return -1;
  }
  uintptr_t sb = slot_addr(s), db = slot_addr(d);
  struct twz_obj_header h;
  memcpy(&h, (const void *)(sb + TWZ_META_OFFSET), sizeof h);
  uint64_t top = h.alloc_top, n = h.fot_count;
  if (top < TWZ_DATA_START || top > TWZ_DATA_END)
    top = TWZ_DATA_END;
  if (n < 1 || n > TWZ_FOT_MAX_ENTRIES)
    n = TWZ_FOT_MAX_ENTRIES;
  copy_pages(db, sb, TWZ_DATA_START, top);
  copy_pages(db, sb, TWZ_META_OFFSET - (n - 1) * sizeof(struct twz_fot_entry), TWZ_META_OFFSET);
  copy_pages(db, sb, TWZ_META_OFFSET + sizeof h, TWZ_SLOT_SIZE);
  twz_copy_header(&h, id);
  publish_header(db, &h);
  slot_free(d);
  slot_free(s);
  return 0;
}

int twz_backend_delete(const twz_id *id, const char *hex) {
  uint8_t b[16];
  memcpy(b, id->b, sizeof b);
  long r = twz_sys3(TWZ_SYS_OBJ_DELETE, (long)b, 0, 0);
  return r < 0 ? sys_error(r, "delete", hex) : 0;
}
