/* Translation level 2: the object space and the security contexts' rights
 * in it. An address in object space is (oslot << 30 | offset).
 *
 * The object space is one, system-wide (as in Twizzler): an object has one
 * object-space slot while any view entry of any process names it, so a
 * view entry's oslot does not depend on the context, and switching
 * contexts never touches level 1. What a context adds is a *space* (struct
 * sctx, one per context, keyed by its ID, plus one for "no context"): the
 * context's rights per object-space slot and, under nested paging, its one
 * nested table, shared by every process (every view) whose active context
 * it is. A space lives while a process has its context attached.
 *
 * Rights in a space must depend only on (context, slot), since every
 * process in the context sees them. That holds for sec_ctx_rights, not for
 * the two per-process rules of security.c: a process's own kernel state
 * objects (kso.c) and the contexts it has attached (it may read them). An
 * object those rules apply to gets a slot *private* to the process (owner
 * = its pid): the same object viewed by another process is another slot,
 * with the context's rights (none, for a KSO). No view of another process
 * ever names a private slot, so its entries in a shared nested table are
 * reachable by the owner only.
 *
 * objspace_translate serves both the software and the nested-paging back
 * end (see below). */
#include "object.h"
#include "npt.h"

#define NOSLOT 1024
#define NSPACE (NPROC * NSCTX + 1)
#define NO_RIGHTS 0xff

struct osentry {
  struct object *obj;
  int refs;  /* view entries naming this slot, in every process */
  int owner; /* 0: shared; else the pid of the process it is private to */
};
struct sctx {
  uint8_t id[16]; /* the context's ID; all zero: no context */
  int refs;       /* processes that have it attached (or run without context) */
  uint8_t rights[NOSLOT]; /* page_rights of each slot, NO_RIGHTS: not computed */
  void *npt;              /* nested-paging back end: the context's nested table (npt.c) */
};
_Static_assert(NOSLOT == NPT_OSLOTS, "npt.c sizes its per-slot state by this");

static struct osentry os[NOSLOT]; /* slot 0 unused: 0 means "none" in views */
static struct sctx *spaces[NSPACE];
static const uint8_t nobody[16];

void **objspace_npt(struct sctx *s) { return &s->npt; }

/* The space of context id (zero: no context), made if missing; a reference. */
struct sctx *space_get(const uint8_t id[16]) {
  struct sctx **free = 0;
  for (int i = 0; i < NSPACE; i++) {
    if (spaces[i] && !memcmp(spaces[i]->id, id, 16)) {
      spaces[i]->refs++;
      return spaces[i];
    }
    if (!spaces[i] && !free)
      free = &spaces[i];
  }
  if (!free || !(*free = kmalloc(sizeof(struct sctx))))
    return 0;
  memcpy((*free)->id, id, 16);
  memset((*free)->rights, NO_RIGHTS, NOSLOT);
  (*free)->refs = 1;
  return *free;
}

void space_put(struct sctx *s) {
  if (--s->refs > 0)
    return;
  for (int i = 0; i < NSPACE; i++)
    if (spaces[i] == s)
      spaces[i] = 0;
  npt_free(s);
  kfree(s);
}

/* The slot's rights in s change: translations made with the old ones go.
 * Under nested paging they are the entries of s's one nested table; in the
 * software back end, the PTEs of every process whose active context it is. */
static void set_rights(struct sctx *s, uint32_t oslot, int rights) {
  if (s->rights[oslot] == rights)
    return;
  s->rights[oslot] = (uint8_t)rights;
  if (npt_on) {
    npt_drop(s, oslot, rights);
    return;
  }
  for (int i = 0; i < NPROC; i++)
    if (procs[i].state == P_LIVE && procs[i].sctx == s)
      view_unmap_oslot(&procs[i], oslot);
}

/* Whether p's rights on o are p's own, not its context's (see the top). */
static int private_to(struct proc *p, struct object *o) {
  return (o->kso && o->owner == p->pid) || sec_attached(p, o->id) >= 0;
}

/* The slot a view entry of p naming o uses, with rights (computed now by
 * the caller) as p's active context's. 0: none free. */
uint32_t objspace_attach(struct proc *p, struct object *o, int rights) {
  uint32_t free = 0;
  int owner = private_to(p, o) ? p->pid : 0;
  /* Under nested paging, slot n is guest-physical n << 30, and the first
   * slots are the identity window (npt.h). */
  for (uint32_t i = npt_on ? NPT_FIRST_OSLOT : 1; i < NOSLOT; i++) {
    if (os[i].obj == o && os[i].owner == owner) {
      os[i].refs++;
      set_rights(p->sctx, i, rights);
      return i;
    }
    if (!free && !os[i].obj)
      free = i;
  }
  if (!free)
    return 0;
  os[free] = (struct osentry){o, 1, owner};
  o->refs++;
  set_rights(p->sctx, free, rights);
  return free;
}

/* A view entry naming oslot goes; the last one frees the slot, in every
 * space (the number may be reused for another object). */
void objspace_detach(uint32_t oslot) {
  struct osentry *e = &os[oslot];
  if (--e->refs > 0)
    return;
  for (int i = 0; i < NSPACE; i++)
    if (spaces[i]) {
      if (npt_on)
        npt_drop(spaces[i], oslot, -1);
      spaces[i]->rights[oslot] = NO_RIGHTS;
    }
  object_put(e->obj);
  *e = (struct osentry){0};
}

struct object *objspace_object(uint32_t oslot) { return os[oslot].obj; }

/* p's active context changed (sctx_activate): the rights of a slot p's
 * view names, in the new one. */
void objspace_recompute(struct proc *p, uint32_t oslot) {
  set_rights(p->sctx, oslot, page_rights(sec_rights(p, os[oslot].obj)));
}

static struct proc *live_proc(int pid) {
  for (int i = 0; i < NPROC; i++)
    if (procs[i].state == P_LIVE && procs[i].pid == pid)
      return &procs[i];
  return 0;
}

/* The context changed (kso_invalidate): compute its rights once, for every
 * slot it has rights for, whoever made them. A private slot is computed
 * for its owner if the owner runs in this context; otherwise it is
 * forgotten (the owner's sctx_activate computes it again). */
void objspace_recheck(struct sctx *s) {
  const uint8_t *ctx = memcmp(s->id, nobody, 16) ? s->id : 0;
  for (uint32_t i = 1; i < NOSLOT; i++) {
    struct osentry *e = &os[i];
    if (!e->obj || s->rights[i] == NO_RIGHTS)
      continue;
    struct proc *q = e->owner ? live_proc(e->owner) : 0;
    if (!e->owner)
      set_rights(s, i, page_rights(sec_ctx_rights(ctx, e->obj)));
    else if (q && q->sctx == s)
      set_rights(s, i, page_rights(sec_rights(q, e->obj)));
    else
      set_rights(s, i, NO_RIGHTS);
  }
}

/* What pages can give of rights (TWZ_PERM_*): x86 pages cannot be
 * write-only, so w maps readable too, as on the host (runtime/src/object.c). */
int page_rights(uint32_t perms) {
  int r = (int)(perms & (RIGHT_R | RIGHT_W | RIGHT_X));
  return r & RIGHT_W ? r | RIGHT_R : r;
}

/* Both back ends translate level 2 here: object-space address (oslot,
 * off) to a physical frame for an access by p, allocating the object's
 * page on first touch; report the rights of p's active context. The
 * software back end returns the frame and view_fault composes it with the
 * view's entry into one hardware PTE. The nested-paging back end (npt.c)
 * calls it on a nested page fault and writes (oslot << 30 | off) -> pa,
 * with these rights, into the context's nested table; the guest page table
 * maps each view slot onto its object-space slot once (one 1 GiB entry per
 * slot). */
int objspace_translate(struct proc *p, uint32_t oslot, uint64_t off, enum access acc,
                       uint64_t *pa, int *rights) {
  struct osentry *e = &os[oslot];
  if (!e->obj || (e->owner && e->owner != p->pid))
    return -ENOENT;
  if (p->sctx->rights[oslot] == NO_RIGHTS) /* forgotten by another's recheck */
    set_rights(p->sctx, oslot, page_rights(sec_rights(p, e->obj)));
  int r = p->sctx->rights[oslot];
  int need = acc == ACC_WRITE ? RIGHT_W : acc == ACC_EXEC ? RIGHT_X : RIGHT_R;
  if (!(r & need))
    return -EACCES;
  *pa = object_page(e->obj, off >> 12);
  *rights = r;
  return *pa ? 0 : -ENOMEM;
}
