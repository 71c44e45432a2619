/* Objects: create, validate, map, allocate, root. Where their bytes live is
 * the back end's (backend.h: hosted/ files, native/ kernel objects). */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sodium.h>

#include "backend.h"
#include "error.h"
#include "id.h"
#include "lock.h"
#include "log.h"
#include "names.h"
#include "object.h"
#include "sec.h"
#include "slots.h"
#include "store.h"

/* Recursive: recovering an object opens the other objects of its
 * transaction (log.c) while map_object holds it. */
static pthread_mutex_t map_lock;
static pthread_once_t map_lock_once = PTHREAD_ONCE_INIT;

static void map_lock_init(void) {
  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&map_lock, &ma);
  pthread_mutexattr_destroy(&ma);
}

void twz_map_acquire(void) {
  pthread_once(&map_lock_once, map_lock_init);
  pthread_mutex_lock(&map_lock);
}

void twz_map_release(void) { pthread_mutex_unlock(&map_lock); }

/* Every object mapped by this process; an object is mapped at most once so
 * that one object has one address and one FOT encode cache. */
static struct twz_object **mapped;
static size_t nmapped, capmapped;

static struct twz_object *find_mapped(const twz_id *id) {
  for (size_t i = 0; i < nmapped; i++)
    if (twz_id_equal(&mapped[i]->id, id))
      return mapped[i];
  return NULL;
}

bool twz_heap_offset_valid(uint64_t heap) {
  return !heap ||
         (heap >= TWZ_DATA_START && heap <= TWZ_DATA_END - sizeof(struct twz_heap) && !(heap & 7));
}

/* Check the header read from the file before anything trusts it. */
int twz_header_validate(const struct twz_obj_header *h, const twz_id *id, const char *path) {
  char want[TWZ_ID_STRLEN + 1], got[TWZ_ID_STRLEN + 1];
  if (h->magic != TWZ_OBJ_MAGIC)
    return twz_set_error("object %s is corrupt: bad magic 0x%016llx in header", path,
                         (unsigned long long)h->magic);
  if (h->abi_version != TWZ_ABI_VERSION)
    return twz_set_error("object %s has ABI version %u; this runtime reads version %u", path,
                         h->abi_version, TWZ_ABI_VERSION);
  if (memcmp(h->id, id->b, sizeof id->b) != 0) {
    twz_id_format(id, want);
    twz_id_format((const twz_id *)h->id, got);
    return twz_set_error("object %s is corrupt: header names ID %s, expected %s", path, got, want);
  }
  if (h->fot_count < 1 || h->fot_count > TWZ_FOT_MAX_ENTRIES)
    return twz_set_error("object %s is corrupt: FOT count %llu is outside 1..%llu", path,
                         (unsigned long long)h->fot_count, (unsigned long long)TWZ_FOT_MAX_ENTRIES);
  if (h->dflt_prot & ~TWZ_PERM_ALL)
    return twz_set_error("object %s is corrupt: unknown default rights 0x%x", path, h->dflt_prot);
  if (h->flags & ~TWZ_OBJ_KNOWN_FLAGS)
    return twz_set_error("object %s is corrupt: unknown header flags 0x%x", path, h->flags);
  if (!twz_heap_offset_valid(h->heap))
    return twz_set_error("object %s is corrupt: heap metadata offset 0x%llx is outside the data "
                         "area", path, (unsigned long long)h->heap);
  if (h->alloc_top < TWZ_DATA_START || h->alloc_top > TWZ_DATA_END)
    return twz_set_error("object %s is corrupt: allocation top 0x%llx is outside the data area", path,
                         (unsigned long long)h->alloc_top);
  return 0;
}

/* Page protections for an object's rights (x86 pages cannot be write-only:
 * w implies r). */
static int rights_prot(const struct twz_object *obj) {
  return (obj->rights & (TWZ_PERM_READ | TWZ_PERM_WRITE) ? PROT_READ : 0) |
         (twz_writable(obj) ? PROT_WRITE : 0) | (obj->rights & TWZ_PERM_EXEC ? PROT_EXEC : 0);
}

static struct twz_object *map_object(const twz_id *id) {
  char path[4096];
  struct twz_obj_header h;
  twz_backend_describe(id, path, sizeof path);
  int fd = twz_backend_open(id, path, &h);
  if (fd < 0)
    return NULL;
  if (twz_header_validate(&h, id, path) < 0)
    goto fail;
  struct twz_object *obj = calloc(1, sizeof *obj);
  if (!obj) {
    twz_set_error("out of memory");
    goto fail;
  }
  obj->readonly = h.flags & TWZ_OBJ_IMMUTABLE;
  /* The mapping gets exactly the rights of the attached security context
   * (x86 pages cannot be write-only: w implies r). */
  obj->rights = twz_sec_map_rights(id, &h);
  int prot = rights_prot(obj);
  if (twz_backend_map(id, path, &fd, prot, &obj->base) < 0) {
    free(obj);
    goto fail;
  }
  obj->id = *id;
  obj->fd = fd;
  obj->hdr = (struct twz_obj_header *)(obj->base + TWZ_META_OFFSET);
  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&obj->mutex, &ma);
  pthread_mutexattr_destroy(&ma);
  char why[200];
  if (!(prot & PROT_READ)) {
    /* Nothing here may look inside; compiled code faults on first use. */
  } else if (twz_log_check(obj, why, sizeof why) < 0) {
    twz_set_error("object %s is corrupt: %s", path, why);
    twz_backend_close(fd, obj->base);
    free(obj);
    return NULL;
  }
  if (nmapped == capmapped) {
    size_t cap = capmapped ? 2 * capmapped : 16;
    struct twz_object **m = realloc(mapped, cap * sizeof *m);
    if (!m) {
      twz_set_error("out of memory");
      goto fail; /* (hosted: the mapping stays reserved; harmless) */
    }
    mapped = m;
    capmapped = cap;
  }
  mapped[nmapped++] = obj;
  twz_slot_register(obj);
  /* A transaction left unfinished by a dead process is rolled back now:
   * taking the lock over from a dead owner runs the recovery. */
  /* (A transaction committed with a record in this boot needs nothing:
   * the page cache holds all it wrote; the next one takes it over.) */
  const struct twz_log *log = h.log ? (const void *)(obj->base + h.log) : NULL;
  bool pending = log && (prot & PROT_READ) && twz_log_pending(log) && !twz_log_committed_here(obj);
  if (!twz_writable(obj) && !obj->readonly && pending && !twz_lock_owner_alive(h.lock)) {
    twz_set_error("object %s needs recovery from an unfinished transaction, which this process "
                  "may not write (its security context grants no w)", path);
    goto unmap;
  }
  if (twz_writable(obj) && (pending || obj->hdr->lock)) {
    twz_lock(obj); /* waits for a live owner; takes over from a dead one */
    if (pending && twz_log_pending(log))
      twz_log_recover(obj); /* we hold the lock outside any transaction */
    twz_unlock(obj);
  }
  /* A coordinator's commit record may hold new bytes of this object that
   * it deferred (docs/abi.md "Undo log"): its recovery, if it needs one,
   * writes them, so open it first. */
  if (twz_writable(obj) && obj->hdr->defer)
    twz_log_open_deferrer(obj);
  /* Recovery may only have restored fields a transaction changes; of those,
   * the heap offset is followed blindly later, so check it once more. */
  uint64_t heap = prot & PROT_READ ? obj->hdr->heap : 0;
  if (!twz_heap_offset_valid(heap)) {
    twz_set_error("object %s is corrupt: heap metadata offset 0x%llx is outside the data area",
                  path, (unsigned long long)heap);
  unmap:
    nmapped--; /* the last one added; the caller holds twz_map_lock */
    twz_slot_unregister(obj);
    twz_backend_close(obj->fd, obj->base);
    free(obj);
    return NULL;
  }
  return obj;
fail:
  twz_backend_close(fd, 0);
  return NULL;
}

int twz_sec_narrow_mapped(void) {
  int r = 0;
  twz_map_acquire();
  for (size_t i = 0; i < nmapped && r == 0; i++) {
    struct twz_object *obj = mapped[i];
    /* Read only on the hosted back end, where it was mapped with every
     * right before; the native one asks the kernel instead. */
    uint32_t rights = twz_sec_map_rights(&obj->id, obj->hdr);
    if (rights == obj->rights)
      continue;
    obj->rights = rights;
    r = twz_backend_protect(obj, rights_prot(obj));
  }
  twz_map_release();
  return r;
}

int twz_not_writable(const struct twz_object *obj, const char *what) {
  char hex[TWZ_ID_STRLEN + 1], have[6];
  twz_id_format(&obj->id, hex);
  if (obj->readonly)
    return twz_set_error("cannot %s an immutable object", what);
  return twz_set_error("cannot %s object %s: the security context grants %s on it, not write (w)",
                       what, hex, twz_perm_format(obj->rights, have));
}

twz_object *twz_object_open_id(const twz_id *id) {
  twz_sec_init(); /* before the map lock: it may open the namespace */
  twz_map_acquire();
  struct twz_object *obj = find_mapped(id);
  if (!obj)
    obj = map_object(id);
  twz_map_release();
  return obj;
}

twz_object *twz_object_open(const char *name) {
  twz_id id;
  if (twz_name_resolve(name, &id) < 0)
    return NULL;
  return twz_object_open_id(&id);
}

/* Create object `id` and map it. The back end publishes it atomically: a
 * crash never leaves a half-initialised object under a valid ID, and of two
 * racing creators of the same ID exactly one wins (the other just opens the
 * winner's object). */
twz_object *twz_object_create_with_id(const twz_id *id, uint32_t flags, const void *data,
                                      size_t len) {
  if (len > TWZ_DATA_END - TWZ_DATA_START) {
    twz_set_error("object data of %zu bytes does not fit in an object", len);
    return NULL;
  }
  struct twz_obj_header h = {
      .magic = TWZ_OBJ_MAGIC,
      .abi_version = TWZ_ABI_VERSION,
      .flags = flags,
      .fot_count = 1,
      .alloc_top = TWZ_DATA_START + ((len + 15) & ~(size_t)15),
  };
  /* Objects are slot-aligned, so without this every object's first data
   * would share its low 30 address bits and compete for the same cache and
   * TLB sets. Start the allocations of a writable object at a cache line in
   * its first 256 KiB picked by its (random) ID. */
  if (!(flags & TWZ_OBJ_IMMUTABLE) && !len)
    h.alloc_top += (uint64_t)((id->b[14] << 8 | id->b[15]) & 4095) * 64;
  memcpy(h.id, id->b, sizeof h.id);
  if (twz_backend_create(id, &h, data, len) < 0)
    return NULL;
  return twz_object_open_id(id);
}

twz_object *twz_object_create(const char *name) {
  twz_id id;
  if (name && twz_name_check(name) < 0) /* before creating anything */
    return NULL;
  if (twz_id_random(&id) < 0)
    return NULL;
  twz_object *obj = twz_object_create_with_id(&id, 0, NULL, 0);
  if (obj && name && twz_name_bind(name, &id) < 0)
    return NULL;
  return obj;
}

twz_object *twz_object_create_immutable(const char *name, const void *data, size_t len) {
  twz_id id;
  if (name && twz_name_check(name) < 0)
    return NULL;
  if (sodium_init() < 0) {
    twz_set_error("libsodium failed to initialise");
    return NULL;
  }
  /* Content-addressed: the same bytes always make the same object. */
  crypto_generichash(id.b, sizeof id.b, data, len, NULL, 0);
  twz_object *obj = twz_object_create_with_id(&id, TWZ_OBJ_IMMUTABLE, data, len);
  if (obj && name && twz_name_bind(name, &id) < 0)
    return NULL;
  return obj;
}

int twz_object_delete(const twz_id *id) {
  char hex[TWZ_ID_STRLEN + 1];
  twz_id_format(id, hex);
  if (twz_id_equal(id, &twz_namespace_id))
    return twz_set_error("object %s is the store's namespace; it cannot be deleted", hex);
  struct twz_obj_header h;
  uint32_t rights = TWZ_PERM_ALL;
  if (twz_context() && twz_store_pread(id, TWZ_META_OFFSET, &h, sizeof h) == 0)
    rights = twz_sec_map_rights(id, &h);
  if (!(rights & TWZ_PERM_DEL)) {
    char have[6];
    return twz_set_error("cannot delete object %s: the security context grants %s on it, not "
                         "delete (d)", hex, twz_perm_format(rights, have));
  }
  if (twz_backend_delete(id, hex) < 0)
    return -1;
  /* Gone from the store, so it can no longer be opened; a mapping in this
   * process stays usable until exit, like an unlinked file. */
  twz_map_acquire();
  for (size_t i = 0; i < nmapped; i++)
    if (twz_id_equal(&mapped[i]->id, id)) {
      mapped[i] = mapped[--nmapped];
      break;
    }
  twz_map_release();
  return 0;
}

void twz_copy_header(struct twz_obj_header *h, const twz_id *id) {
  memcpy(h->id, id->b, sizeof h->id);
  h->lock = 0;
  h->defer = 0; /* no coordinator holds bytes of the copy */
  h->flags &= ~TWZ_OBJ_IMMUTABLE; /* a copy is a new, writable object */
}

twz_object *twz_object_copy(twz_object *src, const char *name) {
  twz_id id;
  if ((name && twz_name_check(name) < 0) || twz_id_random(&id) < 0)
    return NULL;
  /* Under the source's lock: no transaction is half-way through the copy.
   * Stored pointers need no change: index 0 is relative to the object, and
   * the FOT (copied too) names other objects by ID. */
  if (twz_writable(src))
    twz_lock(src);
  int r = twz_backend_copy(src, &id);
  if (twz_writable(src))
    twz_unlock(src);
  if (r < 0)
    return NULL;
  if (name && twz_name_bind(name, &id) < 0)
    return NULL;
  return twz_object_open_id(&id);
}

twz_object *twz_object_of(const void __persistent *p) { return twz_slot_lookup((uintptr_t)p); }

twz_id twz_object_id(const twz_object *obj) { return obj->id; }

uintptr_t twz_object_base(const twz_object *obj) { return obj->base; }

uint64_t twz_object_fot_count(const twz_object *obj) {
  return atomic_load((_Atomic uint64_t *)&obj->hdr->fot_count);
}

void __persistent *twz_object_alloc(twz_object *obj, size_t size, size_t align) {
  if (!twz_writable(obj)) {
    twz_not_writable(obj, "allocate in");
    return NULL;
  }
  if (align == 0 || (align & (align - 1)) || align > TWZ_PAGE_SIZE) {
    twz_set_error("alignment %zu is not a power of two up to %llu", align,
                  (unsigned long long)TWZ_PAGE_SIZE);
    return NULL;
  }
  _Atomic uint64_t *top = (_Atomic uint64_t *)&obj->hdr->alloc_top;
  uint64_t old = atomic_load(top), start, end;
  do {
    start = (old + align - 1) & ~(uint64_t)(align - 1);
    end = start + size;
    if (size > TWZ_DATA_END || end > TWZ_DATA_END) {
      twz_set_error("object is full: %zu bytes do not fit below the FOT", size);
      return NULL;
    }
  } while (!atomic_compare_exchange_weak(top, &old, end));
  /* Durable now, or with the transaction that uses the memory. */
  twz_tx_dirty_internal(obj, TWZ_META_OFFSET + offsetof(struct twz_obj_header, alloc_top), 8);
  return (void __persistent *)(obj->base + start);
}

/* The root is a stored pointer in the header; encode it like compiled code. */
uint64_t __twz_encode(uint64_t addr, uint64_t target);
uint64_t __twz_resolve(uint64_t addr, uint64_t raw);

void __persistent *twz_object_root(twz_object *obj) {
  uintptr_t at = (uintptr_t)&obj->hdr->root;
  return (void __persistent *)__twz_resolve(at, atomic_load((_Atomic uint64_t *)at));
}

int twz_object_set_root(twz_object *obj, const void __persistent *p) {
  if (!twz_writable(obj))
    return twz_not_writable(obj, "set the root of");
  uintptr_t at = (uintptr_t)&obj->hdr->root;
  atomic_store((_Atomic uint64_t *)at, __twz_encode(at, (uintptr_t)p));
  twz_persist(&obj->hdr->root, sizeof obj->hdr->root);
  return 0;
}

int twz_object_flush(twz_object *obj) {
  twz_log_settle(obj); /* no commit record may be written over it later */
  return twz_backend_flush(obj);
}

const struct twz_obj_header *twz_object_header(const twz_object *obj) { return obj->hdr; }

bool twz_object_immutable(const twz_object *obj) { return obj->readonly; }
