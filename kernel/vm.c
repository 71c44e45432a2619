/* User memory outside the object slots: anonymous regions (the program
 * image, brk heap, mmap, stacks), each a VMA of demand-zero pages owned by
 * the process. Nothing is allocated until a thread touches a page, so a
 * 1 GiB reservation costs one VMA entry. vm_fault explains a fault or says
 * why not; copyin/copyout go through it, so the kernel never faults on user
 * memory itself. */
#include "kernel.h"
#include "x86.h"
#include "twz/syscall.h"
#include "npt.h"

const char *view_fault(struct proc *p, uint64_t va, enum access acc); /* view.c */

static uint64_t pte_flags(int prot) {
  if (!prot)
    return 0; /* PROT_NONE: the frame stays, user access does not */
  return PTE_U | (prot & PROT_WRITE ? PTE_W : 0) | (prot & PROT_EXEC ? 0 : pte_nx);
}

static void flush(struct proc *p) {
  if (rcr3() == V2P(p->pml4))
    tlb_flush();
}

static int vma_insert(struct proc *p, int i, struct vma v) {
  if (p->nvma == NVMA)
    return -ENOMEM;
  memmove(&p->vma[i + 1], &p->vma[i], (p->nvma - i) * sizeof v);
  p->vma[i] = v;
  p->nvma++;
  return 0;
}

static void vma_delete(struct proc *p, int i) {
  memmove(&p->vma[i], &p->vma[i + 1], (p->nvma - i - 1) * sizeof p->vma[0]);
  p->nvma--;
}

/* Make addr a boundary: split the region that straddles it. */
static int vma_split(struct proc *p, uint64_t addr) {
  for (int i = 0; i < p->nvma; i++) {
    struct vma *v = &p->vma[i];
    if (v->start < addr && addr < v->end) {
      struct vma hi = {addr, v->end, v->prot};
      if (vma_insert(p, i + 1, hi))
        return -ENOMEM; /* too many regions */
      p->vma[i].end = addr;
      return 0;
    }
  }
  return 0;
}

static void vma_merge(struct proc *p) {
  for (int i = 0; i + 1 < p->nvma; i++)
    if (p->vma[i].end == p->vma[i + 1].start && p->vma[i].prot == p->vma[i + 1].prot) {
      p->vma[i].end = p->vma[i + 1].end;
      vma_delete(p, i + 1);
      i--;
    }
}

int vma_unmap(struct proc *p, uint64_t s, uint64_t e) {
  if (vma_split(p, s) || vma_split(p, e))
    return -ENOMEM;
  for (int i = 0; i < p->nvma; i++)
    if (p->vma[i].start >= s && p->vma[i].end <= e)
      vma_delete(p, i--);
  unmap_range(p->pml4, s, e);
  flush(p);
  return 0;
}

/* New zero-filled region [s, e), replacing whatever was there. */
int vma_map(struct proc *p, uint64_t s, uint64_t e, int prot) {
  if (vma_unmap(p, s, e))
    return -ENOMEM;
  int i = 0;
  while (i < p->nvma && p->vma[i].start < s)
    i++;
  if (vma_insert(p, i, (struct vma){s, e, prot}))
    return -ENOMEM;
  vma_merge(p);
  return 0;
}

int vma_protect(struct proc *p, uint64_t s, uint64_t e, int prot) {
  if (vma_split(p, s) || vma_split(p, e))
    return -ENOMEM;
  uint64_t covered = 0;
  for (int i = 0; i < p->nvma; i++)
    if (p->vma[i].start >= s && p->vma[i].end <= e) {
      p->vma[i].prot = prot;
      covered += p->vma[i].end - p->vma[i].start;
    }
  protect_range(p->pml4, s, e, pte_flags(prot));
  flush(p);
  vma_merge(p);
  return covered == e - s ? 0 : -ENOMEM;
}

/* Highest free gap of len bytes in [MMAP_FLOOR, MMAP_TOP), or 0. */
uint64_t vma_find_free(struct proc *p, uint64_t len) {
  uint64_t top = MMAP_TOP;
  for (int i = p->nvma - 1; i >= 0; i--) {
    struct vma *v = &p->vma[i];
    if (v->start >= top)
      continue;
    uint64_t lo = v->end > MMAP_FLOOR ? v->end : MMAP_FLOOR;
    if (top >= lo && top - lo >= len)
      return top - len;
    if (v->start <= MMAP_FLOOR)
      return 0;
    top = v->start;
  }
  return top - MMAP_FLOOR >= len ? top - len : 0;
}

static struct vma *vma_lookup(struct proc *p, uint64_t va) {
  for (int i = 0; i < p->nvma; i++)
    if (p->vma[i].start <= va && va < p->vma[i].end)
      return &p->vma[i];
  return 0;
}

static char why[80];

/* Make va accessible for acc, or return why it cannot be. */
const char *vm_fault(struct proc *p, uint64_t va, enum access acc) {
  uint64_t slot = va >> SLOT_SHIFT;
  if (va >= USER_TOP)
    return "kernel address";
  if (slot >= TWZ_SLOT_USER_FIRST && slot < TWZ_SLOT_USER_LIMIT)
    return view_fault(p, va, acc);
  struct vma *v = vma_lookup(p, va);
  if (!v) {
    if ((va & ((1ull << SLOT_SHIFT) - 1)) < PAGE) {
      ksnprintf(why, sizeof why, "null page of slot %lu", slot);
      return why;
    }
    return "unmapped address";
  }
  if (acc == ACC_WRITE && !(v->prot & PROT_WRITE))
    return "write to read-only memory";
  if (acc == ACC_EXEC && !(v->prot & PROT_EXEC))
    return "exec of non-executable memory";
  if (acc != ACC_LOAD && !v->prot)
    return "access to PROT_NONE memory";
  uint64_t *pte = pte_walk(p->pml4, va, 1);
  if (!pte)
    return "out of memory";
  if (!(*pte & PTE_P)) {
    uint64_t pa = pmm_alloc();
    if (!pa)
      return "out of memory";
    *pte = pa | PTE_P | pte_flags(v->prot);
  } else {
    *pte = (*pte & ~(PTE_W | PTE_U | PTE_NX)) | pte_flags(v->prot);
    if (rcr3() == V2P(p->pml4))
      invlpg(va);
  }
  return 0;
}

/* Kernel address of user byte va, faulting the page in first if needed. */
uint8_t *user_kaddr(struct proc *p, uint64_t va, enum access acc) {
  if (va >= USER_TOP)
    return 0; /* never walk the kernel half: its tables use 2 MiB pages */
  if (npt_on && va >> SLOT_SHIFT >= TWZ_SLOT_USER_FIRST && va >> SLOT_SHIFT < TWZ_SLOT_USER_LIMIT)
    return npt_uptr(p, va, acc); /* a slot is one 1 GiB guest entry: walk both levels */
  uint64_t *pte = pte_walk(p->pml4, va, 0);
  int ok = pte && (*pte & PTE_P);
  if (ok && acc != ACC_LOAD)
    ok = (*pte & PTE_U) && (acc != ACC_WRITE || (*pte & PTE_W));
  if (!ok) {
    if (vm_fault(p, va, acc))
      return 0;
    pte = pte_walk(p->pml4, va, 0);
  }
  return (uint8_t *)P2V(*pte & PTE_ADDR) + (va & (PAGE - 1));
}

static int ucopy(struct proc *p, uint64_t va, void *k, size_t n, enum access acc, int out) {
  while (n) {
    size_t chunk = PAGE - (va & (PAGE - 1));
    if (chunk > n)
      chunk = n;
    uint8_t *u = user_kaddr(p, va, acc);
    if (!u)
      return -EFAULT;
    if (out)
      memcpy(u, k, chunk);
    else
      memcpy(k, u, chunk);
    va += chunk, k = (uint8_t *)k + chunk, n -= chunk;
  }
  return 0;
}

/* copyout writes as the user would (respecting read-only pages) unless the
 * kernel is loading an image (p not yet running: ACC_LOAD via elf.c). */
int copyout(struct proc *p, uint64_t dst, const void *src, size_t n) {
  return ucopy(p, dst, (void *)src, n, p->nthreads ? ACC_WRITE : ACC_LOAD, 1);
}

int copyin(struct proc *p, void *dst, uint64_t src, size_t n) {
  return ucopy(p, src, dst, n, ACC_READ, 0);
}

int copyin_str(struct proc *p, char *dst, uint64_t src, size_t max) {
  for (size_t i = 0; i < max; i++) {
    uint8_t *u = user_kaddr(p, src + i, ACC_READ);
    if (!u)
      return -EFAULT;
    if (!(dst[i] = *u))
      return (int)i;
  }
  return -ERANGE;
}
