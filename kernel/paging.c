/* Hardware page tables (4-level). The kernel half (PML4 entries 256..511)
 * is boot.S's static tables, shared by every address space; each process
 * owns the user half. Leaf PTEs of object pages carry PTE_BORROWED: the
 * frame belongs to the object, so unmapping must not free it. */
#include "kernel.h"
#include "x86.h"

uint64_t pte_nx;

uint64_t *pml4_new(void) {
  uint64_t pa = pmm_alloc();
  if (!pa)
    return 0;
  uint64_t *t = P2V(pa);
  for (int i = 256; i < 512; i++)
    t[i] = boot_pml4[i];
  return t;
}

/* Leaf PTE for va; with alloc, missing tables are created. Upper levels
 * grant everything (P|W|U): the leaf alone decides. */
uint64_t *pte_walk(uint64_t *pml4, uint64_t va, int alloc) {
  uint64_t *t = pml4;
  for (int shift = 39; shift > 12; shift -= 9) {
    uint64_t *e = &t[(va >> shift) & 511];
    if (!(*e & PTE_P)) {
      if (!alloc)
        return 0;
      uint64_t pa = pmm_alloc();
      if (!pa)
        return 0;
      *e = pa | PTE_P | PTE_W | PTE_U;
    }
    if (*e & PTE_PS)
      return 0; /* a large page (nested-paging back end): no leaf to give */
    t = P2V(*e & PTE_ADDR);
  }
  return &t[(va >> 12) & 511];
}

/* Visit the leaves of [start, end) under table t (which maps [base, base +
 * 512 << shift)), skipping absent subtrees. Unmapping (flags == ~0) frees
 * owned frames and the tables the range covers entirely; otherwise the
 * leaves' W, U and NX bits become flags. */
static void range_level(uint64_t *t, int shift, uint64_t base, uint64_t start, uint64_t end,
                        uint64_t flags) {
  uint64_t span = 1ull << shift;
  uint64_t lo = start > base ? start : base;
  uint64_t hi = end < base + 512 * span ? end : base + 512 * span;
  if (lo >= hi)
    return;
  for (uint64_t i = (lo - base) >> shift; i <= (hi - 1 - base) >> shift; i++) {
    uint64_t e = t[i];
    if (!(e & PTE_P))
      continue;
    uint64_t s = base + i * span;
    if (shift > 12 && (e & PTE_PS)) { /* a large page (npt.c): never owns its frames */
      if (flags == ~0ull && start <= s && s + span <= end)
        t[i] = 0;
      continue;
    }
    if (shift == 12 && flags != ~0ull) {
      t[i] = (e & ~(PTE_W | PTE_U | PTE_NX)) | flags;
      continue;
    }
    if (shift == 12) {
      if (!(e & PTE_BORROWED))
        pmm_free(e & PTE_ADDR);
      t[i] = 0;
      continue;
    }
    range_level(P2V(e & PTE_ADDR), shift - 9, s, start, end, flags);
    if (flags == ~0ull && start <= s && s + span <= end) {
      pmm_free(e & PTE_ADDR);
      t[i] = 0;
    }
  }
}

void unmap_range(uint64_t *pml4, uint64_t start, uint64_t end) {
  range_level(pml4, 39, 0, start, end, ~0ull);
}

void protect_range(uint64_t *pml4, uint64_t start, uint64_t end, uint64_t flags) {
  range_level(pml4, 39, 0, start, end, flags);
}

void pml4_free(uint64_t *pml4) {
  unmap_range(pml4, 0, USER_TOP);
  pmm_free(V2P(pml4));
}

void tlb_flush(void) { lcr3(rcr3()); }
