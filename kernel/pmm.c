/* Physical memory: one bit per 4 KiB frame below 4 GiB (the direct map's
 * reach), set = in use. Frames come from the multiboot memory map's
 * available regions above everything the loader placed (kernel, modules,
 * info); below 1 MiB is never used. A bitmap rather than a free list so
 * kernel stacks and tables can get contiguous runs. Frames are zeroed on
 * allocation: every user of fresh memory (page tables, demand-zero pages,
 * object pages) wants zeros. */
#include "kernel.h"
#include "multiboot.h"

#define MAXFRAMES (1u << 20)
static uint64_t bitmap[MAXFRAMES / 64];
static uint64_t nframes, nfree, hint;
extern char _end[];

static int used(uint64_t f) { return bitmap[f / 64] >> (f % 64) & 1; }
static void set(uint64_t f) { bitmap[f / 64] |= 1ull << (f % 64); }
static void clear(uint64_t f) { bitmap[f / 64] &= ~(1ull << (f % 64)); }

void pmm_init(uint64_t mbi_pa) {
  struct mb_info *mb = P2V(mbi_pa);
  uint64_t reserved = PGROUNDUP((uint64_t)_end - KERNBASE);
  struct mb_module *mods = P2V(mb->mods_addr);
  for (uint32_t i = 0; i < mb->mods_count; i++)
    if (mods[i].end > reserved)
      reserved = PGROUNDUP(mods[i].end);
  if (PGROUNDUP(mbi_pa + sizeof *mb) > reserved)
    reserved = PGROUNDUP(mbi_pa + sizeof *mb);
  memset(bitmap, 0xff, sizeof bitmap);
  uint8_t *p = P2V(mb->mmap_addr), *end = p + mb->mmap_length;
  for (; p < end; p += ((struct mb_mmap *)p)->size + 4) {
    struct mb_mmap *m = (struct mb_mmap *)p;
    if (m->type != 1)
      continue;
    uint64_t s = PGROUNDUP(m->addr), e = PGROUNDDOWN(m->addr + m->len);
    if (s < reserved)
      s = reserved;
    if (e > (uint64_t)MAXFRAMES * PAGE)
      e = (uint64_t)MAXFRAMES * PAGE;
    for (uint64_t a = s; a < e; a += PAGE) {
      clear(a / PAGE);
      nfree++;
      if (a / PAGE + 1 > nframes)
        nframes = a / PAGE + 1;
    }
  }
  hint = reserved / PAGE;
}

uint64_t pmm_alloc_n(uint64_t n) {
  for (int pass = 0; pass < 2; pass++) {
    uint64_t run = 0;
    for (uint64_t f = pass ? 0 : hint; f < nframes; f++) {
      if (f % 64 == 0 && bitmap[f / 64] == ~0ull) { /* skip full words */
        run = 0;
        f += 63;
        continue;
      }
      run = used(f) ? 0 : run + 1;
      if (run == n) {
        uint64_t first = f + 1 - n;
        for (uint64_t g = first; g <= f; g++)
          set(g);
        nfree -= n;
        hint = f + 1;
        memset(P2V(first * PAGE), 0, n * PAGE);
        return first * PAGE;
      }
    }
  }
  return 0;
}

uint64_t pmm_alloc(void) { return pmm_alloc_n(1); }

void pmm_free_n(uint64_t pa, uint64_t n) {
  for (uint64_t f = pa / PAGE; f < pa / PAGE + n; f++) {
    if (!used(f))
      panic("pmm: double free of frame %lx", f * PAGE);
    clear(f);
    nfree++;
  }
  if (pa / PAGE < hint)
    hint = pa / PAGE;
}

void pmm_free(uint64_t pa) { pmm_free_n(pa, 1); }
uint64_t pmm_free_count(void) { return nfree; }
