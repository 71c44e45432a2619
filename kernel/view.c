/* Translation level 1: a view maps virtual slots (slot s = [s << 30,
 * (s + 1) << 30)) of the user object range to object-space slots with the
 * view's protections. All threads of a process share its view. A user
 * fault in that range comes here: view_fault looks the slot up, asks the
 * object space (level 2) for the frame and composes the two into one
 * hardware PTE. A slot is exactly one PDPT entry of the page table, so
 * changing a slot unmaps exactly that 1 GiB. */
#include "object.h"
#include "x86.h"
#include "twz/syscall.h"

struct ventry {
  uint32_t oslot; /* 0 = empty */
  uint32_t prot;  /* TWZ_PROT_* */
};
#define VDIR 256 /* 256 x 256 entries cover slots 0..65535 */
struct view {
  struct sctx *sctx;
  struct ventry *dir[VDIR];
};

struct view *view_create(struct sctx *s) {
  struct view *v = kmalloc(sizeof *v);
  if (v)
    v->sctx = s;
  return v;
}

static struct ventry *ventry(struct view *v, uint64_t slot, int alloc) {
  struct ventry **d = &v->dir[slot / VDIR];
  if (!*d && alloc)
    *d = kmalloc(VDIR * sizeof(struct ventry));
  return *d ? &(*d)[slot % VDIR] : 0;
}

int view_set(struct proc *p, uint64_t slot, struct object *o, int prot) {
  if (slot < TWZ_SLOT_USER_FIRST || slot >= TWZ_SLOT_USER_LIMIT)
    return -EINVAL;
  if (prot & ~(TWZ_PROT_READ | TWZ_PROT_WRITE | TWZ_PROT_EXEC))
    return -EINVAL;
  struct ventry *e = ventry(p->view, slot, 1);
  if (!e)
    return -ENOMEM;
  uint32_t oslot = 0;
  if (o) {
    /* The kernel's own check: the slot never gets more than the context
     * grants, and an object the context cannot read is not shown at all
     * (prot 0, a slot that only faults, is allowed). */
    int rights = page_rights(sec_rights(p, o));
    if (prot && !(rights & TWZ_PROT_READ))
      return -EACCES;
    if (!(oslot = objspace_attach(p->view->sctx, o, rights)))
      return -ENOMEM;
  }
  if (e->oslot) { /* drop the old mapping's pages from the hardware table */
    unmap_range(p->pml4, slot << SLOT_SHIFT, (slot + 1) << SLOT_SHIFT);
    if (rcr3() == V2P(p->pml4))
      tlb_flush();
    objspace_detach(p->view->sctx, e->oslot);
  }
  e->oslot = oslot;
  e->prot = o ? prot : 0;
  return 0;
}

/* After a context change: new rights everywhere, old translations gone. */
void view_recheck(struct proc *p) {
  objspace_recheck(p->view->sctx, p);
  unmap_range(p->pml4, (uint64_t)TWZ_SLOT_USER_FIRST << SLOT_SHIFT,
              (uint64_t)TWZ_SLOT_USER_LIMIT << SLOT_SHIFT);
  if (rcr3() == V2P(p->pml4))
    tlb_flush();
}

int view_get(struct proc *p, uint64_t slot, uint8_t id[16], int *prot) {
  if (slot < TWZ_SLOT_USER_FIRST || slot >= TWZ_SLOT_USER_LIMIT)
    return -EINVAL;
  struct ventry *e = ventry(p->view, slot, 0);
  if (!e || !e->oslot)
    return -ENOENT;
  memcpy(id, objspace_object(p->view->sctx, e->oslot)->id, 16);
  *prot = e->prot;
  return 0;
}

static char why[80];

const char *view_fault(struct proc *p, uint64_t va, enum access acc) {
  uint64_t slot = va >> SLOT_SHIFT, off = va & ((1ull << SLOT_SHIFT) - 1);
  struct ventry *e = ventry(p->view, slot, 0);
  const char *r = 0;
  if (!e || !e->oslot)
    r = "no object mapped in slot";
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
  int err = objspace_translate(p->view->sctx, e->oslot, off, acc, &pa, &rights);
  if (err)
    return err == -EACCES ? "security context denies access" : "out of memory";
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

void view_destroy(struct view *v) {
  for (int i = 0; i < VDIR; i++) {
    if (!v->dir[i])
      continue;
    for (int j = 0; j < VDIR; j++)
      if (v->dir[i][j].oslot)
        objspace_detach(v->sctx, v->dir[i][j].oslot);
    kfree(v->dir[i]);
  }
  kfree(v);
}
