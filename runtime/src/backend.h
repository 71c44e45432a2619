/*
 * The back-end seam of libtwz: the operations that depend on where objects
 * live. Everything else (slot table and caches, FOT, translation, the lock
 * protocol, undo log, heap, names, security policy) works on mapped objects
 * and is shared by both back ends.
 *
 *   hosted/  files in a store directory ($TWZ_STORE), mapped with mmap:
 *            runtime/CMakeLists.txt, target `twz` (build/lib/libtwz.a).
 *   native/  kernel objects through the twz system calls of
 *            <twz/syscall.h>, mapped with view_set: sysroot/, target
 *            `twz-native` (build/sysroot/lib/libtwz.a).
 *
 * Exactly one back end is linked into a libtwz. Functions return 0 (or a
 * handle) on success and -1 with twz_set_error() on failure unless stated.
 * Private to libtwz.
 */
#ifndef TWZ_BACKEND_H
#define TWZ_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <twz/abi.h>
#include <twz/twz.h>

struct twz_object;

/* This boot's identity (16 bytes that differ after every reboot of the
 * machine, or after every process in the crash-test mode, where a process
 * ends as a power failure would); -1 if the back end has none. */
int twz_backend_boot_id(uint8_t id[16]);

/* A flush of obj's ranges is a system call that waits for a device (msync
 * of a file; the crash-test mode): one flush fewer is worth copying bytes
 * into a commit record. Not for cache-line flushes (persistent memory). */
bool twz_backend_flush_costly(const struct twz_object *obj);

/* How messages name object `id`: its file (hosted) or its ID (native). */
void twz_backend_describe(const twz_id *id, char *buf, size_t len);

/* Find object `id` and read its header into *h without mapping it for the
 * program; check what only the back end can check (hosted: the file is
 * exactly one slot). Returns a handle for twz_backend_map and
 * twz_backend_close, or -1. `what` is twz_backend_describe's text. */
int twz_backend_open(const twz_id *id, const char *what, struct twz_obj_header *h);

/* Map the opened object at a free, slot-aligned address with `prot`
 * (PROT_READ | PROT_WRITE | PROT_EXEC bits), the null page inaccessible.
 * May replace *handle (hosted: reopens the file for writing). The caller
 * holds twz_map_lock. */
int twz_backend_map(const twz_id *id, const char *what, int *handle, int prot, uintptr_t *base);

/* Change the protections of mapped object `obj` to `prot` (the null page
 * stays inaccessible): attaching a security context narrows the objects
 * mapped before it. */
int twz_backend_protect(struct twz_object *obj, int prot);

/* Release a handle and, if base is not 0, the mapping at base. */
void twz_backend_close(int handle, uintptr_t base);

/* Publish object `id` with header *h and `len` bytes of `data` at
 * TWZ_DATA_START, atomically: no process ever opens a half-written object.
 * Of racing creators of one ID exactly one creates it; the others get 1
 * (exists) and open the winner's object. 0 when created, -1 on error. */
int twz_backend_create(const twz_id *id, const struct twz_obj_header *h, const void *data,
                       size_t len);

/* Publish a copy of `src` (mapped by this process; the caller holds its
 * lock if it is writable) as the new object `id`, its header adjusted with
 * twz_copy_header. */
int twz_backend_copy(struct twz_object *src, const twz_id *id);

/* object.c: a copy's header: the new ID, unlocked, writable. */
void twz_copy_header(struct twz_obj_header *h, const twz_id *id);

/* Remove object `id` (named `hex` in messages) so it can no longer be opened. */
int twz_backend_delete(const twz_id *id, const char *hex);

/* Read bytes of object `id` without giving the program a mapping of it
 * (the security verifier reads key objects so). */
int twz_store_pread(const twz_id *id, uint64_t off, void *buf, size_t len);

/* Make [addr, addr+len) of a mapped object durable (no-op where objects are
 * not persistent); twz_backend_flush does it for the whole object. */
void twz_persist(const void *addr, size_t len);
int twz_backend_flush(struct twz_object *obj);
/* Make every range durable, as cheaply as the medium allows: one msync per
 * object for files, cache-line write-backs and one fence for persistent
 * memory. log.c has a default for back ends without one (each range with
 * twz_persist). */
struct twz_range {
  uintptr_t addr;
  size_t len;
};
void twz_persist_ranges(const struct twz_range *r, size_t n);

/* Security where the layer below enforces it (native: the kernel checks
 * capabilities itself). twz_backend_context tells it the attached context;
 * twz_backend_rights gives its rights on object `id`, or returns -1 where
 * the runtime computes rights itself (hosted). */
int twz_backend_context(const twz_id *ctx);
int twz_backend_rights(const twz_id *id, uint32_t *rights);

/* Lock-owner identity (lock.c): the start time of live process `pid` as a
 * nonzero number that differs between processes that had the same pid, or
 * 0 if no such process is running. */
uint64_t twz_backend_proc_start(uint64_t pid);

#endif
