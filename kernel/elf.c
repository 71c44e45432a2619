/* Loading a static program: the PT_LOAD segments of an ELF64 x86-64
 * executable (ET_EXEC at its link address, ET_DYN static-pie at PIE_BASE)
 * become anonymous regions with the segments' protections, filled from the
 * boot module; then the initial stack Linux would build, which musl's
 * startup code reads: argc, argv, envp, and the auxiliary vector. */
#include "kernel.h"

struct ehdr {
  uint8_t ident[16];
  uint16_t type, machine;
  uint32_t version;
  uint64_t entry, phoff, shoff;
  uint32_t flags;
  uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr {
  uint32_t type, flags;
  uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
#define PT_LOAD 1
#define PT_PHDR 6
#define ET_EXEC 2
#define ET_DYN 3

enum { AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
       AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_CLKTCK = 17,
       AT_SECURE = 23, AT_RANDOM = 25 };

static int prot_of(uint32_t f) {
  return (f & 4 ? PROT_READ : 0) | (f & 2 ? PROT_WRITE : 0) | (f & 1 ? PROT_EXEC : 0);
}

int elf_load(struct proc *p, const uint8_t *img, uint64_t size, char **argv, int argc,
             char **envp, int envc, uint64_t *entry, uint64_t *sp_out) {
  const struct ehdr *eh = (const void *)img;
  if (size < sizeof *eh || memcmp(eh->ident, "\177ELF", 4) || eh->ident[4] != 2 ||
      eh->machine != 62 || (eh->type != ET_EXEC && eh->type != ET_DYN) ||
      eh->phentsize != sizeof(struct phdr) || eh->phoff + eh->phnum * sizeof(struct phdr) > size)
    return -1;
  uint64_t base = eh->type == ET_DYN ? PIE_BASE : 0, top = 0, phdr_va = 0;
  const struct phdr *ph = (const void *)(img + eh->phoff);
  for (int i = 0; i < eh->phnum; i++) {
    const struct phdr *h = &ph[i];
    if (h->type == PT_PHDR)
      phdr_va = base + h->vaddr;
    if (h->type != PT_LOAD)
      continue;
    if (h->offset + h->filesz > size || h->filesz > h->memsz ||
        base + h->vaddr + h->memsz > (16ull << SLOT_SHIFT) || base + h->vaddr < PAGE)
      return -1; /* images live below the object slots, off the null page */
    uint64_t s = PGROUNDDOWN(base + h->vaddr), e = PGROUNDUP(base + h->vaddr + h->memsz);
    int prot = prot_of(h->flags);
    if (s < top) { /* first page shared with the previous segment: union of both */
      vma_protect(p, s, s + PAGE, prot | prot_of(ph[i - 1].flags));
      s += PAGE;
    }
    if (s < e && vma_map(p, s, e, prot))
      return -1;
    if (copyout(p, base + h->vaddr, img + h->offset, h->filesz))
      return -1;
    if (!phdr_va && h->offset <= eh->phoff && eh->phoff < h->offset + h->filesz)
      phdr_va = base + h->vaddr + (eh->phoff - h->offset);
    if (e > top)
      top = e;
  }
  p->brk_start = p->brk = top;
  if (vma_map(p, STACK_TOP - STACK_SIZE, STACK_TOP, PROT_READ | PROT_WRITE))
    return -1;

  /* Stack, from the top: strings, 16 random bytes, then (16-aligned) argc,
   * argv[], NULL, envp[], NULL, auxv pairs, AT_NULL. */
  uint64_t sp = STACK_TOP, strs[64 + 64];
  if (argc > 64 || envc > 64)
    return -1;
  for (int i = 0; i < argc + envc; i++) {
    const char *s = i < argc ? argv[i] : envp[i - argc];
    sp -= strlen(s) + 1;
    copyout(p, sp, s, strlen(s) + 1);
    strs[i] = sp;
  }
  uint64_t rnd[2] = {random64(), random64()};
  sp = (sp - 16) & ~15ull;
  copyout(p, sp, rnd, 16);
  uint64_t random_va = sp;
  uint64_t aux[][2] = {{AT_PHDR, phdr_va}, {AT_PHENT, sizeof(struct phdr)},
                       {AT_PHNUM, eh->phnum}, {AT_PAGESZ, PAGE}, {AT_BASE, 0},
                       {AT_ENTRY, base + eh->entry}, {AT_UID, 0}, {AT_EUID, 0},
                       {AT_GID, 0}, {AT_EGID, 0}, {AT_CLKTCK, 100}, {AT_SECURE, 0},
                       {AT_RANDOM, random_va}, {AT_NULL, 0}};
  int nwords = 1 + argc + 1 + envc + 1 + (int)(sizeof aux / 8);
  uint64_t words[1 + 64 + 1 + 64 + 1 + sizeof aux / 8], *w = words;
  *w++ = argc;
  for (int i = 0; i < argc; i++)
    *w++ = strs[i];
  *w++ = 0;
  for (int i = 0; i < envc; i++)
    *w++ = strs[argc + i];
  *w++ = 0;
  memcpy(w, aux, sizeof aux);
  sp -= nwords * 8;
  sp &= ~15ull; /* rsp is 16-aligned at _start, as the ABI says */
  if (copyout(p, sp, words, nwords * 8))
    return -1;
  *entry = base + eh->entry;
  *sp_out = sp;
  return 0;
}
