/* The nested-paging back end's two translation levels (svm.c runs the
 * guest):
 *
 *   level 1, the guest page table (CR3 = the process's page table):
 *     anonymous memory as in the software back end, except that its
 *     "physical" addresses are guest-physical ones in the identity window
 *     [0, NPT_WINDOW); and each object slot of the view as ONE entry, a
 *     1 GiB page from virtual slot s onto object-space slot oslot
 *     (guest-physical oslot << 30), writable/executable as the view's entry
 *     asks. Written when a thread first touches the slot after the view
 *     changed (view_fault), cleared by an invalidate of the slot.
 *   level 2, the nested table (N_CR3) of the active security context's
 *     space (objspace.c): one per context, shared by every process whose
 *     active context it is. The identity window (2 MiB pages), and the
 *     object pages, filled on nested page faults by objspace_translate with
 *     the context's rights, which depend only on (context, object-space
 *     slot). A change of rights (kso_invalidate of a context, a slot whose
 *     rights a process computes anew) drops the slot here and leaves level
 *     1 alone; sctx_activate changes N_CR3.
 *
 * A refusal at level 2 (rights, the null page) must reach the program as a
 * fault at the *virtual* address (the SIGSEGV handler and libtwz's message
 * need it), which an NPF does not report: the kernel clears the guest
 * entries of the view slots that show the object-space slot and lets the
 * guest fault again, now at level 1 with the address, where view_fault
 * finds the same refusal the software back end does. */
#include "object.h"
#include "npt.h"
#include "x86.h"
#include <twz/syscall.h>

void **objspace_npt(struct sctx *s);                 /* objspace.c */

#define NPT_LIMIT ((uint64_t)NPT_OSLOTS << SLOT_SHIFT)
#define NO_RIGHTS 0xff

/* A context's nested table, and per object-space slot the rights its
 * entries were made with (so that a change drops only what changed). */
struct ntable {
  uint64_t *root;
  uint8_t rights[NPT_OSLOTS];
};

static uint64_t *nested_new(void) {
  uint64_t pa = pmm_alloc(), pdpt = pmm_alloc();
  if (!pa || !pdpt) {
    if (pa)
      pmm_free(pa);
    if (pdpt)
      pmm_free(pdpt);
    return 0;
  }
  uint64_t *root = P2V(pa);
  root[0] = pdpt | PTE_P | PTE_W | PTE_U; /* nested entries need U/S */
  uint64_t *d = P2V(pdpt);
  for (uint64_t i = 0; i < NPT_WINDOW >> 30; i++) {
    uint64_t pd = pmm_alloc();
    if (!pd) {
      pml4_free(root);
      return 0;
    }
    d[i] = pd | PTE_P | PTE_W | PTE_U;
    uint64_t *e = P2V(pd);
    for (uint64_t j = 0; j < 512; j++)
      e[j] = (i << 30 | j << 21) | PTE_P | PTE_W | PTE_U | PTE_PS;
  }
  npt_stats.nested_tables++;
  return root;
}

void npt_free(struct sctx *s) {
  struct ntable **t = (struct ntable **)objspace_npt(s);
  if (!*t)
    return;
  pml4_free((*t)->root); /* frees the tables; object frames are PTE_BORROWED */
  kfree(*t);
  *t = 0;
}

/* The table of p's active context; with alloc, made if missing. */
static struct ntable *ntable_of(struct proc *p, int alloc) {
  struct ntable **t = (struct ntable **)objspace_npt(p->sctx);
  if (*t || !alloc)
    return *t;
  struct ntable *n = kmalloc(sizeof *n);
  if (!n)
    return 0;
  if (!(n->root = nested_new())) {
    kfree(n);
    return 0;
  }
  memset(n->rights, NO_RIGHTS, sizeof n->rights);
  return *t = n;
}

uint64_t npt_root(struct proc *p) {
  struct ntable *t = ntable_of(p, 1);
  return t ? V2P(t->root) : 0;
}

static void drop(struct ntable *t, uint32_t oslot) {
  unmap_range(t->root, (uint64_t)oslot << SLOT_SHIFT, (uint64_t)(oslot + 1) << SLOT_SHIFT);
  t->rights[oslot] = NO_RIGHTS;
  npt_stats.nested_drops++;
}

void npt_drop(struct sctx *s, uint32_t oslot, int rights) {
  struct ntable *t = *objspace_npt(s);
  if (t && t->rights[oslot] != NO_RIGHTS && t->rights[oslot] != rights)
    drop(t, oslot);
}

static uint64_t *guest_slot_entry(struct proc *p, uint64_t slot, int alloc) {
  uint64_t *e = &p->pml4[(slot >> 9) & 511];
  if (!(*e & PTE_P)) {
    uint64_t pa;
    if (!alloc || !(pa = pmm_alloc()))
      return 0;
    *e = pa | PTE_P | PTE_W | PTE_U;
  }
  return (uint64_t *)P2V(*e & PTE_ADDR) + (slot & 511);
}

int npt_guest_slot(struct proc *p, uint64_t slot, uint32_t oslot, int prot) {
  uint64_t *e = guest_slot_entry(p, slot, oslot != 0);
  if (!e)
    return oslot ? -ENOMEM : 0;
  *e = oslot ? (uint64_t)oslot << SLOT_SHIFT | PTE_P | PTE_U | PTE_PS | PTE_BORROWED |
                   (prot & TWZ_PROT_WRITE ? PTE_W : 0) | (prot & TWZ_PROT_EXEC ? 0 : pte_nx)
             : 0;
  npt_stats.guest_slot_writes++;
  return 0;
}

int npt_nested_map(struct proc *p, uint32_t oslot, uint64_t off, uint64_t pa, int rights) {
  struct ntable *t = ntable_of(p, 1);
  if (!t)
    return -ENOMEM;
  if (t->rights[oslot] != NO_RIGHTS && t->rights[oslot] != rights)
    drop(t, oslot); /* never two generations of rights in one slot */
  uint64_t *pte = pte_walk(t->root, (uint64_t)oslot << SLOT_SHIFT | PGROUNDDOWN(off), 1);
  if (!pte)
    return -ENOMEM;
  *pte = pa | PTE_P | PTE_U | PTE_BORROWED | (rights & RIGHT_W ? PTE_W : 0) |
         (rights & RIGHT_X ? 0 : pte_nx);
  t->rights[oslot] = (uint8_t)rights;
  return 0;
}

const char *npt_fault(struct proc *p, uint64_t gpa, enum access acc, int present) {
  uint64_t oslot = gpa >> SLOT_SHIFT, off = gpa & ((1ull << SLOT_SHIFT) - 1);
  if (present)
    npt_stats.npf_present++;
  if (gpa < NPT_WINDOW)
    return "in the identity window";
  if (gpa >= NPT_LIMIT || oslot < NPT_FIRST_OSLOT)
    return "beyond object space";
  if (off >= PAGE) {
    uint64_t pa;
    int rights;
    int err = objspace_translate(p, (uint32_t)oslot, off, acc, &pa, &rights);
    if (!err)
      return npt_nested_map(p, (uint32_t)oslot, off, pa, rights) ? "out of memory" : 0;
    if (err == -ENOMEM)
      return "out of memory";
  }
  /* Refused at level 2: let the guest fault at level 1, with the address. */
  npt_stats.npf_reflected++;
  return view_unmap_oslot(p, (uint32_t)oslot) ? 0 : "no view slot shows it";
}

/* copyin/copyout in the object slots: walk the guest entry of the slot
 * (level 1), then the nested table (level 2); what is missing is faulted
 * in as the guest's own access would be. */
uint8_t *npt_uptr(struct proc *p, uint64_t va, enum access acc) {
  uint64_t slot = va >> SLOT_SHIFT, off = va & ((1ull << SLOT_SHIFT) - 1);
  uint64_t *e = guest_slot_entry(p, slot, 0);
  if (!e || !(*e & PTE_P) || (acc == ACC_WRITE && !(*e & PTE_W))) {
    if (vm_fault(p, va, acc))
      return 0;
    e = guest_slot_entry(p, slot, 0);
    if (!e || !(*e & PTE_P))
      return 0;
  }
  uint32_t oslot = (uint32_t)((*e & PTE_ADDR) >> SLOT_SHIFT);
  struct ntable *t = ntable_of(p, 0);
  uint64_t *pte = t ? pte_walk(t->root, (uint64_t)oslot << SLOT_SHIFT | off, 0) : 0;
  if (!pte || !(*pte & PTE_P) || (acc == ACC_WRITE && !(*pte & PTE_W))) {
    uint64_t pa;
    int rights;
    if (off < PAGE || objspace_translate(p, oslot, off, acc, &pa, &rights) ||
        npt_nested_map(p, oslot, off, pa, rights))
      return 0;
    pte = pte_walk(ntable_of(p, 0)->root, (uint64_t)oslot << SLOT_SHIFT | off, 0);
  }
  return (uint8_t *)P2V(*pte & PTE_ADDR) + (va & (PAGE - 1));
}
