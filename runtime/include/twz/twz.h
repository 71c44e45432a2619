/*
 * <twz/twz.h>: the libtwz public API (hosted back end). See runtime/README.md.
 *
 * Functions that can fail return NULL or -1 and leave a message for
 * twz_error(); they never abort. Faults in compiled code (a corrupt stored
 * pointer, a pointer into no object) print a message and abort.
 */
#ifndef TWZ_TWZ_H
#define TWZ_TWZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <twz/persistent.h>
#include <twz/security.h>

#ifdef __cplusplus
extern "C" {
#endif

/* libtwz is built with hidden visibility: what its public headers declare
 * is its API (and all that libtwz.so exports). */
#pragma GCC visibility push(default)

typedef struct twz_id {
  uint8_t b[16];
} twz_id;

/* A mapped object in this process. Handles live until the process exits. */
typedef struct twz_object twz_object;

#define TWZ_ID_STRLEN 32 /* hex digits, without the NUL */

/* Create a new object with a random ID; bind `name` to it unless NULL. */
twz_object *twz_object_create(const char *name);
/* Create (or find) the immutable object holding exactly `data`: its ID is the
 * BLAKE2b-128 hash of the bytes, which start at the first data offset. The
 * mapping is read-only. */
twz_object *twz_object_create_immutable(const char *name, const void *data, size_t len);
/* Copy an object (data, FOT, root) into a new object with a random ID. */
twz_object *twz_object_copy(twz_object *src, const char *name);
/* Delete an object from the store (names that point to it are left alone). */
int twz_object_delete(const twz_id *id);
/* Open (map) an object by name or by ID. Opening twice gives the same handle. */
twz_object *twz_object_open(const char *name);
twz_object *twz_object_open_id(const twz_id *id);
/* The object that holds `p`, or NULL (no message) if p points into no object. */
twz_object *twz_object_of(const void __persistent *p);

twz_id twz_object_id(const twz_object *obj);
/* True for content-addressed, read-only objects. */
bool twz_object_immutable(const twz_object *obj);
/* Slot base address of the mapping (differs between processes). */
uintptr_t twz_object_base(const twz_object *obj);

/* Allocate zeroed memory inside the object (bump allocation; never freed). */
void __persistent *twz_object_alloc(twz_object *obj, size_t size, size_t align);
/* The object's root pointer (NULL until set) and its setter. */
void __persistent *twz_object_root(twz_object *obj);
int twz_object_set_root(twz_object *obj, const void __persistent *p);
/* Write back the object's dirty pages to the store (msync). */
int twz_object_flush(twz_object *obj);
/* Number of FOT entries in use, index 0 included. */
uint64_t twz_object_fot_count(const twz_object *obj);

/* Permanent allocation inside the object (above) is never freed; the heap
 * below allocates and frees blocks crash-safely (zeroed, 16-byte aligned). */
void __persistent *twz_malloc(twz_object *obj, size_t size);
int twz_free(void __persistent *p);

/* Undo-log transactions (docs/abi.md "Undo log"): record every range before
 * changing it; commit makes the changes durable; a crash or abort undoes
 * them all. A transaction belongs to the calling thread and may span
 * objects: a begin (or a record) on another object while one is open adds
 * that object, whose lock is then held until the outermost commit; after a
 * crash the whole transaction is undone, whichever object is opened first.
 * Nested begin/commit pairs join the outer transaction; abort at any level
 * aborts all of it. Objects are locked in the order they join: transactions
 * that meet should join them in one order. The log grows while the object
 * has room.
 * twz_tx_record makes its record durable before it returns. twz_tx_add
 * only appends it: call twz_tx_ready (which makes every pending record of
 * the transaction durable at once) before changing the added ranges.
 * Memory from twz_malloc inside a transaction needs no record: commit makes
 * it durable. */
int twz_tx_begin(twz_object *obj);
int twz_tx_record(twz_object *obj, const void __persistent *p, size_t len);
int twz_tx_add(twz_object *obj, const void __persistent *p, size_t len);
int twz_tx_ready(void);
int twz_tx_commit(twz_object *obj);
int twz_tx_abort(twz_object *obj);

/* Resume (twz kernel with persistent memory): if the power goes while this
 * process runs, the next boot starts the program again, with every object
 * it had mapped at the address it had, and calls its
 * `int _resume(long arg)` instead of main. Ending the process in any way
 * cancels it. 0, or -1 and twz_error(). */
int twz_resumable(long arg);

/* The `type` (a struct in object memory) whose member `member` `ptr` points
 * to: container_of for __persistent pointers, e.g.
 *   struct item __persistent *it = twz_container_of(l, struct item, link);
 * The result stays __persistent, so the pointers in it are translated; the
 * usual `(type *)((char *)(ptr) - offsetof(type, member))` would read their
 * stored form instead (-Wtwz-drop-persistent). */
#define twz_container_of(ptr, type, member)                                              \
  ((type __persistent *)((char __persistent *)(ptr) - offsetof(type, member)))

/* Names: the store's persistent namespace (name -> ID). */
int twz_name_bind(const char *name, const twz_id *id);
int twz_name_unbind(const char *name);
int twz_name_resolve(const char *name, twz_id *id);
/* Calls fn for every binding; returns how many, or -1. */
int twz_name_list(void (*fn)(const char *name, const twz_id *id, void *arg), void *arg);

/* Late binding: store at `loc` (a pointer field in object memory) a pointer
 * to offset `offset` of whatever object `name` is bound to when the pointer
 * is used. The FOT entry holds the name, not an ID. */
int twz_ptr_bind_name(void __persistent *loc, const char *name, uint64_t offset);
/* Make every FOT entry of `obj` that names object `from` name `to` instead:
 * every stored pointer through them follows, without knowing obj's layout.
 * Returns the number of entries changed, or -1. */
long twz_fot_retarget(twz_object *obj, const twz_id *from, const twz_id *to);

/*
 * Security (docs/abi.md "Security"; formats and the verifier in
 * <twz/security.h>). A process runs in a security context when $TWZ_CONTEXT
 * names one (a context object's name or ID) or after twz_context_attach;
 * from then on every object it maps gets exactly the rights the context's
 * capabilities grant (enforced with page protections), and an access
 * without the right is a fault naming the object and the missing right.
 * Without a context the hosted runtime grants every right (the store's
 * file permissions are then the only limit).
 */
/* Make a key pair: object `name` holds the public key (readable by every
 * context), object `name`.secret the private key sealed with `passphrase`. */
int twz_key_create(const char *name, const char *passphrase, twz_id *key_out);
/* Unseal the private key of key object `key`; -1 with a message if the
 * passphrase is wrong. */
int twz_key_unseal(const twz_id *key, const char *passphrase, uint8_t sk[TWZ_SK_BYTES]);
/* Put `serial` on the key's revocation list. */
int twz_key_revoke(const twz_id *key, uint64_t serial);
/* Protect an object with `key`: from now on contexts get `dflt` rights on
 * it plus what capabilities signed with the key grant. */
int twz_object_protect(twz_object *obj, const twz_id *key, uint32_t dflt);
/* Sign a capability: fills cap->signer (if zero), serial (if zero) and sig. */
int twz_cap_sign(struct twz_cap *cap, const twz_id *key, const uint8_t sk[TWZ_SK_BYTES]);
/* Build a delegation of `inner` (a capability or delegation) into out;
 * returns its size, or 0 if it does not fit. Fills the serial (if zero),
 * signer and magic/version. Does not check that it is valid. */
size_t twz_dlg_sign(void *out, size_t outlen, const struct twz_dlg *hdr, const void *inner,
                    size_t inner_len, const twz_id *key, const uint8_t sk[TWZ_SK_BYTES]);
/* Security context objects. */
twz_object *twz_ctx_create(const char *name, const twz_id *key);
int twz_ctx_add(twz_object *ctx, const twz_id *target, uint32_t kind, uint32_t mask,
                const void *blob, size_t len);
/* The capability or delegation context `ctx` holds for `target` that grants
 * the most rights (valid ones only): *blob points into ctx. -1 if none. */
int twz_ctx_find(twz_object *ctx, const twz_id *target, const void **blob, size_t *len);
/* Rights of `ctx` on `target`; `each` sees every entry's verification. */
uint32_t twz_ctx_rights(twz_object *ctx, const twz_id *target,
                        void (*each)(void *arg, const struct twz_ctx_entry *e,
                                     const struct twz_sec_result *r),
                        void *arg);
/* Run this process in context `name` (name or ID); objects mapped before
 * are narrowed to the context's rights. Once per process. */
int twz_context_attach(const char *name);
/* The attached context, or NULL. */
twz_object *twz_context(void);
/* Rights this process has on a mapped object (TWZ_PERM_*). */
uint32_t twz_object_rights(const twz_object *obj);
/* The hosted verifier environment (reads keys and headers from the store). */
void twz_sec_hosted_env(struct twz_sec_env *env);
/* "rw-" style text of rights: r w x u d, '-' where missing; out >= 6 bytes. */
const char *twz_perm_format(uint32_t perms, char out[6]);
int twz_perm_parse(const char *text, uint32_t *perms);

void twz_id_format(const twz_id *id, char out[TWZ_ID_STRLEN + 1]);
int twz_id_parse(const char *text, twz_id *id);

/* The store directory in use: $TWZ_STORE, else ./twz-store. */
const char *twz_store_path(void);
/* The message of this thread's last failed call. */
const char *twz_error(void);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

/* Inspection and validation (tools, fuzzers, tests). */
#include <twz/inspect.h>

#endif
