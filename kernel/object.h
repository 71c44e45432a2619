/* Objects and the two translation levels (docs/kernel.md "Memory design").
 *   level 1, view.c:     virtual slot -> (object-space slot, view rights)
 *   level 2, objspace.c: object-space slot -> (object, context rights),
 *                        object page -> physical frame (object.c)
 * The software back end composes both into the hardware page table on a
 * fault (view_fault); the nested-paging back end (npt.c, `npt` on the
 * kernel command line) keeps level 1 in the guest page table and level 2 in
 * one nested table per security context, shared by every process in it,
 * filled by objspace_translate. */
#ifndef OBJECT_H
#define OBJECT_H
#include "kernel.h"

#define OBJ_PAGES (1u << (SLOT_SHIFT - 12)) /* 262144 pages = 1 GiB */

enum kso_kind { KSO_NONE, KSO_VIEW, KSO_THREAD, KSO_RESUME /* resume.c: no one's */ };

struct object {
  uint8_t id[16];
  int refs;                /* object-space entries naming it, +1 while it has an ID */
  enum kso_kind kso;       /* a kernel state object the kernel made (kso.c) */
  int pm;                  /* its entry in the persistent store (pmem.c), -1: in RAM */
  uint64_t pm_dir;         /* ...and its directory page there */
  int owner;               /* ...for the process with this pid */
  struct object *next;     /* the ID table */
  uint64_t *dir[512];      /* dir[i][j]: frame of page 512i + j, 0 = untouched */
};

int object_create(uint8_t id[16], int fixed, int volatile_, struct object **out);
void object_restore(const uint8_t id[16], int pm, uint64_t pm_dir);
void object_persist(struct object *o, uint64_t off, uint64_t n);

/* pmem.c: the persistent object store */
extern int pmem_on, pmem_strict;
void pmem_init(const char *cut, const char *cutms, int strict);
int pmem_create(const uint8_t id[16], uint64_t *dir_out);
void pmem_delete(int entry);
void pmem_release(uint64_t dir);
uint64_t pmem_page(uint64_t dir, uint64_t pgno, int alloc);
void pmem_flush(const void *p, uint64_t n);
void pmem_fence(void);
void pmem_tick(void);
int pmem_cutting(void);
struct object *object_lookup(const uint8_t id[16]);
int object_delete(const uint8_t id[16]);
uint64_t object_page(struct object *o, uint64_t pg); /* allocates on first touch */
uint64_t object_page_peek(struct object *o, uint64_t pg); /* 0 if never touched */
void object_read(struct object *o, uint64_t off, void *buf, uint64_t n);
int object_write(struct object *o, uint64_t off, const void *buf, uint64_t n); /* -ENOMEM */
void object_put(struct object *o);

/* Rights, as TWZ_PROT_* */
#define RIGHT_R 1
#define RIGHT_W 2
#define RIGHT_X 4

/* objspace.c: the system-wide object space; per security context, a space
 * (its rights per slot, its nested table) */
struct sctx *space_get(const uint8_t id[16]); /* zero ID: no context; NULL: no memory */
void space_put(struct sctx *s);
uint32_t objspace_attach(struct proc *p, struct object *o, int rights);
void objspace_detach(uint32_t oslot);
void objspace_recompute(struct proc *p, uint32_t oslot); /* in p's active context */
void objspace_recheck(struct sctx *s);                   /* every slot, for its context */
int page_rights(uint32_t perms); /* rights pages can have: w implies r */
struct object *objspace_object(uint32_t oslot);
int objspace_translate(struct proc *p, uint32_t oslot, uint64_t off, enum access acc,
                       uint64_t *pa, int *rights);

int view_set(struct proc *p, uint64_t slot, struct object *o, int prot);
void view_recheck(struct proc *p);
void view_invalidate(struct proc *p, uint64_t first, uint64_t count);
struct object *view_object(struct proc *p);
struct object *view_cached_object(struct proc *p, uint64_t slot);
int view_unmap_oslot(struct proc *p, uint32_t oslot); /* its slots' translations; how many */
void view_forget(struct proc *p, const uint8_t id[16]); /* the cached slots showing id */

/* kso.c: kernel state objects (<twz/kso.h>) */
struct object *kso_create(enum kso_kind kind, int owner, const void *root, uint64_t n,
                          uint64_t size, int persistent);
void view_adopt(struct proc *p, struct object *o);
int resume_reserved(const uint8_t id[16]);
int kso_thread_create(struct thread *t);
void kso_thread_exit(struct thread *t);
uint32_t kso_rights(struct proc *p, struct object *o); /* the fixed rule for KSOs */
void kso_thread_sync(struct thread *t, int exited);
void kso_proc_sync(struct proc *p); /* every live thread of p */

/* security.c: the rights (TWZ_PERM_*) p's security context has on o, and
 * those of context ctx (NULL: none) alone, without p's own rules */
uint32_t sec_rights(struct proc *p, struct object *o);
uint32_t sec_ctx_rights(const uint8_t *ctx, struct object *o);
int sec_attach(struct proc *p, const uint8_t ctx_id[16]);
int sec_detach(struct proc *p, const uint8_t ctx_id[16]);
int sec_activate(struct proc *p, const uint8_t ctx_id[16]);
int sec_attached(struct proc *p, const uint8_t id[16]); /* index or -1 */
int sec_verify_blob(const void *blob, uint64_t len);        /* enum twz_sec_status */
int view_get(struct proc *p, uint64_t slot, uint8_t id[16], int *prot);
#endif
