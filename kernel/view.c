/* Translation level 1: a view maps virtual slots (slot s = [s << 30,
 * (s + 1) << 30)) of the user object range to objects with protections.
 * The view itself is a kernel state object (<twz/kso.h>): one entry per
 * slot, which the process edits with stores (or view_set) and announces
 * with kso_invalidate. What the kernel keeps here is a cache of those
 * entries, filled when a thread first touches a slot: the slot's
 * object-space slot (level 2) and the entry's protections. All threads of a
 * process share its view.
 *
 * A user fault in the object range comes to view_fault: fill the slot's
 * cache entry from the view object if needed, ask the object space for the
 * frame and compose both levels into one hardware PTE. A slot is exactly one
 * PDPT entry of the page table, so invalidating a slot unmaps that 1 GiB. */
#include "object.h"
#include "x86.h"
#include "npt.h"
#include <twz/kso.h>

struct ventry {
  uint32_t oslot; /* 0 = not cached (read the view object at the next touch) */
  uint32_t prot;  /* TWZ_PROT_*, as the view entry asks */
};
#define VDIR 256 /* 256 x 256 entries cover slots 0..65535 */
struct view {
  struct object *obj; /* the view object: the truth this caches */
  struct ventry *dir[VDIR];
};

struct view *view_create(int owner) {
  struct view *v = kmalloc(sizeof *v);
  if (!v)
    return 0;
  /* The fixed part only: struct twz_view is 2 MiB, its entries read as
   * zero (empty) until written. */
  uint64_t head[8] = {TWZ_VIEW_MAGIC, TWZ_VIEW_VERSION};
  _Static_assert(sizeof head == __builtin_offsetof(struct twz_view, entries), "view header");
  v->obj = kso_create(KSO_VIEW, owner, head, sizeof head, sizeof(struct twz_view), 0);
  if (!v->obj) {
    kfree(v);
    return 0;
  }
  v->obj->refs++; /* the view's own reference: the pages outlive an obj_delete of its ID */
  return v;
}

struct object *view_object(struct proc *p) { return p->view->obj; }


static struct ventry *ventry(struct view *v, uint64_t slot, int alloc) {
  struct ventry **d = &v->dir[slot / VDIR];
  if (!*d && alloc)
    *d = kmalloc(VDIR * sizeof(struct ventry));
  return *d ? &(*d)[slot % VDIR] : 0;
}

static int slot_ok(uint64_t slot) {
  return slot >= TWZ_SLOT_USER_FIRST && slot < TWZ_SLOT_USER_LIMIT;
}

/* The object slot shows, if the view's cache has it (0 otherwise). */
struct object *view_cached_object(struct proc *p, uint64_t slot) {
  if (!slot_ok(slot))
    return 0;
  struct ventry *e = ventry(p->view, slot, 0);
  return e && e->oslot ? objspace_object(e->oslot) : 0;
}

/* Read slot's entry of the view object. 0: it names an object (found, or
 * *o = 0 if its ID does not exist); -ENOENT: empty; -EINVAL: malformed. */
static int read_entry(struct view *v, uint64_t slot, struct twz_view_entry *ve, struct object **o) {
  object_read(v->obj, TWZ_VIEW_ENTRY_OFFSET(slot), ve, sizeof *ve);
  if (!(ve->flags & TWZ_VE_VALID))
    return -ENOENT;
  if (ve->flags & ~TWZ_VE_VALID || ve->prot & ~(TWZ_PROT_READ | TWZ_PROT_WRITE | TWZ_PROT_EXEC))
    return -EINVAL;
  *o = object_lookup(ve->id);
  return 0;
}

/* Cache slot's entry: object o with the view's protections prot and the
 * rights the active context has on o. */
static int ventry_fill(struct proc *p, struct ventry *e, struct object *o, int prot, int rights) {
  if (!(e->oslot = objspace_attach(p, o, rights)))
    return -ENOMEM;
  e->prot = (uint32_t)prot;
  return 0;
}

/* Fill slot's cache entry from the view object. */
static const char *view_load(struct proc *p, uint64_t slot, struct ventry *e) {
  struct twz_view_entry ve;
  struct object *o;
  int err = read_entry(p->view, slot, &ve, &o);
  if (err == -ENOENT)
    return "no object mapped in slot";
  if (err)
    return "bad view entry for slot";
  if (!o)
    return "no such object in slot";
  if (ventry_fill(p, e, o, (int)ve.prot, page_rights(sec_rights(p, o))))
    return "out of object-space slots for slot";
  return 0;
}

/* Forget the cached entries of slots [first, first + count) and their
 * hardware translations. */
void view_invalidate(struct proc *p, uint64_t first, uint64_t count) {
  struct view *v = p->view;
  uint64_t end = first + count;
  if (first < TWZ_SLOT_USER_FIRST)
    first = TWZ_SLOT_USER_FIRST;
  if (count == 0 || end > TWZ_SLOT_USER_LIMIT || end < first)
    end = TWZ_SLOT_USER_LIMIT;
  int any = 0;
  for (uint64_t s = first; s < end;) {
    if (!v->dir[s / VDIR]) {
      s = (s / VDIR + 1) * VDIR;
      continue;
    }
    struct ventry *e = &v->dir[s / VDIR][s % VDIR];
    if (e->oslot) {
      unmap_range(p->pml4, s << SLOT_SHIFT, (s + 1) << SLOT_SHIFT);
      if (npt_on)
        npt_stats.guest_slot_writes++;
      objspace_detach(e->oslot);
      *e = (struct ventry){0};
      any = 1;
    }
    s++;
  }
  if (any && rcr3() == V2P(p->pml4))
    tlb_flush();
}

/* The view_set system call: what a program does with a store into its view
 * object and kso_invalidate, plus the checks that give it error codes, and
 * the slot loaded at once so that the object outlives an obj_delete of its
 * ID while mapped. */
int view_set(struct proc *p, uint64_t slot, struct object *o, int prot) {
  if (!slot_ok(slot))
    return -EINVAL;
  if (prot & ~(TWZ_PROT_READ | TWZ_PROT_WRITE | TWZ_PROT_EXEC))
    return -EINVAL;
  struct ventry *e = ventry(p->view, slot, 1);
  if (!e)
    return -ENOMEM;
  /* The kernel's own check: an object the context cannot read is not
   * shown at all (prot 0, a slot that only faults, is allowed). */
  int rights = o ? page_rights(sec_rights(p, o)) : 0;
  if (o && prot && !(rights & TWZ_PROT_READ))
    return -EACCES;
  struct twz_view_entry ve = {.prot = o ? (uint32_t)prot : 0, .flags = o ? TWZ_VE_VALID : 0};
  if (o)
    memcpy(ve.id, o->id, 16);
  if (object_write(p->view->obj, TWZ_VIEW_ENTRY_OFFSET(slot), &ve, sizeof ve))
    return -ENOMEM;
  object_persist(p->view->obj, TWZ_VIEW_ENTRY_OFFSET(slot), sizeof ve); /* a resumable view */
  view_invalidate(p, slot, 1);
  return o ? ventry_fill(p, e, o, prot, rights) : 0;
}

/* Resume: o (a persistent view object) becomes p's view; the one it had
 * goes, and nothing read from it stays cached. */
void view_adopt(struct proc *p, struct object *o) {
  struct object *old = p->view->obj;
  view_invalidate(p, 0, 0);
  o->kso = KSO_VIEW;
  o->owner = p->pid;
  o->refs++;
  p->view->obj = o;
  object_delete(old->id);
  object_put(old);
}

/* After sctx_activate: the rights of every slot in the new context (once
 * per object-space slot); objspace.c drops what changed in the context's
 * nested table. The software back end's PTEs were composed with the old
 * context's rights: they all go. */
void view_recheck(struct proc *p) {
  struct view *v = p->view;
  uint64_t done[NPT_OSLOTS / 64] = {0}; /* NPT_OSLOTS: objspace.c's slot count */
  for (uint64_t i = 0; i < VDIR; i++)
    for (uint64_t j = 0; v->dir[i] && j < VDIR; j++) {
      uint32_t o = v->dir[i][j].oslot;
      if (o && !(done[o / 64] & 1ull << (o % 64))) {
        done[o / 64] |= 1ull << (o % 64);
        objspace_recompute(p, o);
      }
    }
  if (npt_on) /* rights live in the nested tables only: level 1 stays as it is */
    return;
  unmap_range(p->pml4, (uint64_t)TWZ_SLOT_USER_FIRST << SLOT_SHIFT,
              (uint64_t)TWZ_SLOT_USER_LIMIT << SLOT_SHIFT);
  if (rcr3() == V2P(p->pml4))
    tlb_flush();
}

/* p attached or detached context id: if p's view shows it, p's rights on
 * it are its own or its context's from now on (objspace.c), another
 * object-space slot, so those slots are read again at the next touch. */
void view_forget(struct proc *p, const uint8_t id[16]) {
  struct view *v = p->view;
  for (uint64_t i = 0; i < VDIR; i++)
    for (uint64_t j = 0; v->dir[i] && j < VDIR; j++) {
      uint32_t o = v->dir[i][j].oslot;
      if (o && !memcmp(objspace_object(o)->id, id, 16))
        view_invalidate(p, i * VDIR + j, 1);
    }
}

/* What the view object says (the entry's protections, not the effective
 * rights: obj_rights has those). */
int view_get(struct proc *p, uint64_t slot, uint8_t id[16], int *prot) {
  if (!slot_ok(slot))
    return -EINVAL;
  struct twz_view_entry ve;
  struct object *o;
  if (read_entry(p->view, slot, &ve, &o))
    return -ENOENT;
  memcpy(id, ve.id, 16);
  *prot = (int)ve.prot;
  return 0;
}

static char why[80];

const char *view_fault(struct proc *p, uint64_t va, enum access acc) {
  uint64_t slot = va >> SLOT_SHIFT, off = va & ((1ull << SLOT_SHIFT) - 1);
  struct ventry *e = ventry(p->view, slot, 1);
  const char *r = 0;
  if (!e)
    return "out of memory";
  if (!e->oslot)
    r = view_load(p, slot, e);
  if (r)
    ;
  else if (off < PAGE)
    r = "null page of slot";
  else if (acc == ACC_WRITE && !(e->prot & TWZ_PROT_WRITE))
    r = "write to read-only slot";
  else if (acc == ACC_EXEC && !(e->prot & TWZ_PROT_EXEC))
    r = "exec in non-executable slot";
  else if (acc == ACC_READ && !(e->prot & TWZ_PROT_READ))
    r = "read of unreadable slot";
  if (r) {
    ksnprintf(why, sizeof why, "%s %lu", r, slot);
    return why;
  }
  uint64_t pa;
  int rights;
  int err = objspace_translate(p, e->oslot, off, acc, &pa, &rights);
  if (err)
    return err == -EACCES ? "security context denies access" : "out of memory";
  if (npt_on) /* both levels: the slot's guest entry, the page's nested entry */
    return npt_nested_map(p, e->oslot, off, pa, rights) ||
                   npt_guest_slot(p, slot, e->oslot, (int)e->prot)
               ? "out of memory"
               : 0;
  int prot = e->prot & rights;
  uint64_t *pte = pte_walk(p->pml4, va, 1);
  if (!pte)
    return "out of memory";
  *pte = pa | PTE_P | PTE_U | PTE_BORROWED | (prot & TWZ_PROT_WRITE ? PTE_W : 0) |
         (prot & TWZ_PROT_EXEC ? 0 : pte_nx);
  if (rcr3() == V2P(p->pml4))
    invlpg(va);
  return 0;
}

/* Drop the translations of the view slots that show object-space slot
 * oslot: their guest entries under nested paging (npt_fault), their PTEs
 * in the software back end (their rights changed, objspace.c). */
int view_unmap_oslot(struct proc *p, uint32_t oslot) {
  struct view *v = p->view;
  int n = 0;
  for (uint64_t i = 0; i < VDIR; i++)
    for (uint64_t j = 0; v->dir[i] && j < VDIR; j++)
      if (v->dir[i][j].oslot == oslot) {
        uint64_t s = i * VDIR + j;
        if (npt_on)
          npt_guest_slot(p, s, 0, 0);
        else
          unmap_range(p->pml4, s << SLOT_SHIFT, (s + 1) << SLOT_SHIFT);
        n++;
      }
  if (n && rcr3() == V2P(p->pml4))
    tlb_flush();
  return n;
}

void view_destroy(struct view *v) {
  for (int i = 0; i < VDIR; i++) {
    if (!v->dir[i])
      continue;
    for (int j = 0; j < VDIR; j++)
      if (v->dir[i][j].oslot)
        objspace_detach(v->dir[i][j].oslot);
    kfree(v->dir[i]);
  }
  object_delete(v->obj->id); /* no-op if the program deleted the ID */
  object_put(v->obj);
  kfree(v);
}
