/* The persistent object store: objects on the NVDIMM the ACPI NFIT
 * describes (docs/kernel.md "Persistent memory" has the layout and the
 * argument). Page 0 is a superblock, then a table of object entries, then
 * pages; each object is a two-level directory of page numbers, like a DRAM
 * object's. Programs map object pages directly (the NVDIMM is ordinary
 * write-back memory): the kernel is on the path only to create, delete and
 * first-touch pages.
 *
 * Crash consistency: nothing in the store is ever half linked. A page is
 * zeroed and made durable before the directory entry that names it, a
 * table entry's ID and directory before its state word, and the state word
 * (one aligned 8-byte store) is what creates or deletes an object. Which
 * pages are free is not stored: boot walks every live object and takes
 * the rest, so a page allocated but not yet linked when the power went is
 * free again. Every durable step is a flush of the lines written and a
 * fence: a "persistence point", which pmemcut=K can turn into a power cut
 * for tests. In strict mode (pmemstrict) programs see DRAM shadows of
 * object pages, copied to the NVDIMM only by the persist system call, so
 * what a program does not flush is lost at a cut; and the kernel's own
 * pages (superblock, table, directories) are shadows too, copied to the
 * NVDIMM by persist(), so a flush missing in this file loses its store. */
#include "object.h"
#include "x86.h"
#include "../runtime/src/flush.h" /* libtwz's cache-line write-back, compiled in too */

#define PM_MAGIC 0x004d454d505a5754ull /* "TWZPMEM\0" */
#define PM_VERSION 1
#define PM_LIVE 0x4556494c4a424f54ull  /* "TOBJLIVE": an entry's state when it holds an object */
#define PM_TABLE_FIRST 1
#define PM_ENTRIES 4096
#define PM_ENTRY_SIZE 64
#define PM_TABLE_PAGES (PM_ENTRIES * PM_ENTRY_SIZE / PAGE)
#define PM_DATA_FIRST (PM_TABLE_FIRST + PM_TABLE_PAGES)

struct pm_super {
  uint64_t magic, version, page_size, npages, table_first, entries, data_first;
  uint64_t sum; /* of the seven words before it */
};

struct pm_entry {
  uint8_t id[16];
  uint64_t dir;   /* page number of the object's top directory */
  uint64_t state; /* PM_LIVE or 0 */
  uint64_t reserved[4];
};
_Static_assert(sizeof(struct pm_entry) == PM_ENTRY_SIZE, "table entry");

static uint64_t pm_base, pm_npages;
static uint8_t *pm_used;   /* one bit per page, rebuilt at boot */
static uint8_t *pm_entry_used;
int pmem_on, pmem_strict;
static uint64_t points, cut_at, cut_ms;

/* Strict mode: the RAM shadow frame of each device page the kernel has
 * touched, and for persist() the way back from a frame to its page. */
static uint64_t *shadow;
static uint32_t *shadow_of_frame; /* frame number -> device page + 1 */
#define MAX_FRAMES (1u << 20)     /* pmm.c's reach: 4 GiB */

/* The kernel's view of device page n: the page itself, or in strict mode
 * its shadow (made from the page on first use). */
static void *pg(uint64_t n) {
  if (!shadow)
    return P2V(pm_base + n * PAGE);
  if (!shadow[n]) {
    uint64_t f = pmm_alloc();
    if (!f)
      panic("pmem: out of memory for strict-mode shadows");
    memcpy(P2V(f), P2V(pm_base + n * PAGE), PAGE);
    shadow[n] = f;
    shadow_of_frame[f / PAGE] = (uint32_t)n + 1;
  }
  return P2V(shadow[n]);
}
static struct pm_entry *entry(uint32_t i) {
  const uint32_t per = PAGE / PM_ENTRY_SIZE;
  return (struct pm_entry *)pg(PM_TABLE_FIRST + i / per) + i % per;
}
static int used(uint64_t n) { return pm_used[n / 8] >> (n % 8) & 1; }
static void mark(uint64_t n, int on) {
  if (on)
    pm_used[n / 8] |= (uint8_t)(1u << (n % 8));
  else
    pm_used[n / 8] &= (uint8_t)~(1u << (n % 8));
}

/* ---- Persistence points ---- */

_Noreturn static void power_cut(const char *why) {
  kprintf("twz-kernel: power cut (%s)\n", why);
  cli();
  control_write("powercut\n");
  outl(0xf4, 0);
  for (;;)
    hlt();
}

void pmem_flush(const void *p, uint64_t n) { twz_flush_lines((uintptr_t)p, n); }

/* A fence makes the flushed lines durable: the persistence point. */
void pmem_fence(void) {
  twz_fence();
  if (cut_at && ++points == cut_at)
    power_cut("pmemcut");
}

static void persist(const void *p, uint64_t n) {
  if (!shadow) {
    pmem_flush(p, n);
    pmem_fence();
    return;
  }
  /* Strict: what reaches the device is what is copied here. */
  for (uint64_t a = (uint64_t)p; a < (uint64_t)p + n;) {
    uint64_t off = a & (PAGE - 1), k = PAGE - off < (uint64_t)p + n - a ? PAGE - off : (uint64_t)p + n - a;
    uint32_t pgno = shadow_of_frame[V2P(a) / PAGE];
    if (!pgno)
      panic("pmem: persist of memory that is no shadow");
    uint8_t *dev = P2V(pm_base + (uint64_t)(pgno - 1) * PAGE + off);
    memcpy(dev, (const void *)a, k);
    pmem_flush(dev, k);
    a += k;
  }
  pmem_fence();
}

int pmem_cutting(void) { return cut_at || cut_ms; }
uint64_t pmem_points(void) { return points; }

void pmem_tick(void) {
  if (cut_ms && clock_mono_ns() / 1000000 >= cut_ms)
    power_cut("pmemcutms");
}

/* ---- Pages ---- */

/* A zeroed, durable, unlinked page, or 0. */
static uint64_t page_alloc(void) {
  static uint64_t hint = PM_DATA_FIRST;
  for (uint64_t k = 0; k < pm_npages - PM_DATA_FIRST; k++) {
    uint64_t n = PM_DATA_FIRST + (hint - PM_DATA_FIRST + k) % (pm_npages - PM_DATA_FIRST);
    if (!used(n)) {
      mark(n, 1);
      hint = n + 1 < pm_npages ? n + 1 : PM_DATA_FIRST;
      memset(pg(n), 0, PAGE);
      persist(pg(n), PAGE);
      return n;
    }
  }
  return 0;
}

/* The NVDIMM page holding page `pgno` of the object whose directory is
 * page dir, allocated (and linked durably) if alloc: physical address. */
uint64_t pmem_page(uint64_t dir, uint64_t pgno, int alloc) {
  uint64_t *top = pg(dir), *second;
  uint64_t *e = &top[pgno / 512];
  if (!*e) {
    uint64_t n;
    if (!alloc || !(n = page_alloc()))
      return 0;
    *e = n;
    persist(e, 8);
  }
  second = pg(*e);
  e = &second[pgno % 512];
  if (!*e) {
    uint64_t n;
    if (!alloc || !(n = page_alloc()))
      return 0;
    *e = n;
    persist(e, 8);
  }
  return pm_base + *e * PAGE;
}

/* ---- Objects ---- */

/* A new durable object: its table entry, or -ENOMEM/-ENOSPC. */
int pmem_create(const uint8_t id[16], uint64_t *dir_out) {
  uint32_t i;
  for (i = 0; i < PM_ENTRIES && pm_entry_used[i]; i++)
    ;
  if (i == PM_ENTRIES)
    return -ENOSPC;
  uint64_t dir = page_alloc();
  if (!dir)
    return -ENOMEM;
  struct pm_entry *e = entry(i);
  memcpy(e->id, id, 16);
  e->dir = dir;
  persist(e, sizeof *e);
  e->state = PM_LIVE; /* the object exists from this store on */
  persist(&e->state, 8);
  pm_entry_used[i] = 1;
  *dir_out = dir;
  return (int)i;
}

/* The object of entry i is gone from the store (one durable store); its
 * pages stay allocated until pmem_release, when nothing maps them. */
void pmem_delete(int i) {
  struct pm_entry *e = entry((uint32_t)i);
  e->state = 0;
  persist(&e->state, 8);
  /* Then forget what it named: an entry whose state word came back by a
   * fault or a bug names no page, and the boot-time check says so. */
  memset(e->id, 0, 16);
  e->dir = 0;
  persist(e, sizeof *e);
  pm_entry_used[i] = 0;
}

void pmem_release(uint64_t dir) {
  uint64_t *top = pg(dir);
  for (int a = 0; a < 512; a++) {
    if (!top[a])
      continue;
    uint64_t *second = pg(top[a]);
    for (int b = 0; b < 512; b++)
      if (second[b])
        mark(second[b], 0);
    mark(top[a], 0);
  }
  mark(dir, 0);
}

/* ---- Boot: find, check, recover ---- */

static uint64_t sb_sum(const struct pm_super *s) {
  uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a over the words */
  const uint64_t *w = &s->magic;
  for (int i = 0; i < 7; i++)
    h = (h ^ w[i]) * 0x100000001b3ull;
  return h;
}

/* Claim page n for an object being walked: 0, or why the table is corrupt. */
static const char *claim(uint64_t n) {
  if (n < PM_DATA_FIRST || n >= pm_npages)
    return "a page number outside the data pages";
  if (used(n))
    return "a page named twice";
  mark(n, 1);
  return 0;
}

static const char *walk(uint64_t dir) {
  const char *why = claim(dir);
  if (why)
    return why;
  uint64_t *top = pg(dir);
  for (int a = 0; a < 512; a++) {
    if (!top[a])
      continue;
    if ((why = claim(top[a])))
      return why;
    uint64_t *second = pg(top[a]);
    for (int b = 0; b < 512; b++)
      if (second[b] && (why = claim(second[b])))
        return why;
  }
  return 0;
}

/* Check the store; 0 if usable, else why not (nothing is written then). */
static const char *check(void) {
  struct pm_super *s = pg(0);
  if (s->sum != sb_sum(s))
    return "superblock checksum mismatch";
  if (s->version != PM_VERSION || s->page_size != PAGE || s->table_first != PM_TABLE_FIRST ||
      s->entries != PM_ENTRIES || s->data_first != PM_DATA_FIRST)
    return "unknown superblock format";
  if (s->npages != pm_npages)
    return "superblock size differs from the NVDIMM's";
  for (uint32_t i = 0; i < PM_ENTRIES; i++) {
    struct pm_entry *e = entry(i);
    if (e->state == 0)
      continue;
    if (e->state != PM_LIVE)
      return "an object entry with a bad state word";
    for (uint32_t j = 0; j < i; j++)
      if (pm_entry_used[j] && !memcmp(entry(j)->id, e->id, 16))
        return "two objects with one ID";
    const char *why = walk(e->dir);
    if (why)
      return why;
    pm_entry_used[i] = 1;
  }
  return 0;
}

static void format(void) {
  struct pm_super *s = pg(0);
  for (uint64_t t = PM_TABLE_FIRST; t < PM_DATA_FIRST; t++) {
    memset(pg(t), 0, PAGE);
    persist(pg(t), PAGE);
  }
  *s = (struct pm_super){0, PM_VERSION, PAGE, pm_npages, PM_TABLE_FIRST, PM_ENTRIES, PM_DATA_FIRST, 0};
  s->magic = PM_MAGIC; /* in the sum, but stored durably last */
  s->sum = sb_sum(s);
  s->magic = 0;
  persist(s, sizeof *s);
  s->magic = PM_MAGIC;
  persist(&s->magic, 8);
}

/* Map [base, base + size) into the direct map with 2 MiB pages: the
 * NVDIMM sits above the 4 GiB boot.S maps. */
static int map_region(uint64_t base, uint64_t size) {
  uint64_t *pdpt = P2V(boot_pml4[256] & PTE_ADDR);
  for (uint64_t a = base & ~((2ull << 20) - 1); a < base + size; a += 2ull << 20) {
    uint64_t *e = &pdpt[(a >> 30) & 511];
    if (!(*e & PTE_P)) {
      uint64_t t = pmm_alloc();
      if (!t)
        return -1;
      *e = t | PTE_P | PTE_W;
    }
    uint64_t *pd = P2V(*e & PTE_ADDR);
    pd[(a >> 21) & 511] = a | PTE_P | PTE_W | PTE_PS | pte_nx;
  }
  tlb_flush();
  return 0;
}

int acpi_pmem(uint64_t *base, uint64_t *size);

/* Before any program runs: find the NVDIMM, check or format the store,
 * and make every object in it a kernel object again. */
void pmem_init(const char *cut, const char *cutms, int strict) {
  for (; cut && *cut >= '0' && *cut <= '9'; cut++)
    cut_at = cut_at * 10 + (uint64_t)(*cut - '0');
  for (; cutms && *cutms >= '0' && *cutms <= '9'; cutms++)
    cut_ms = cut_ms * 10 + (uint64_t)(*cutms - '0');
  uint64_t base, size;
  if (acpi_pmem(&base, &size) < 0) {
    if (verbose)
      kprintf("twz-kernel: no persistent memory: objects live in RAM until power-off\n");
    return;
  }
  pm_base = base;
  pm_npages = size / PAGE;
  if (pm_npages <= PM_DATA_FIRST + 16 || map_region(base, size) < 0 ||
      !(pm_used = kmalloc(pm_npages / 8 + 1)) || !(pm_entry_used = kmalloc(PM_ENTRIES))) {
    kprintf("twz-kernel: persistent memory at 0x%lx (%lu KiB) unusable: too small or no memory "
            "to map it; objects live in RAM\n", base, size / 1024);
    return;
  }
  if (strict) {
    uint64_t sp = pmm_alloc_n((pm_npages * 8 + PAGE - 1) / PAGE),
             rp = pmm_alloc_n(MAX_FRAMES * 4 / PAGE);
    if (!sp || !rp)
      panic("pmem: out of memory for strict mode");
    shadow = P2V(sp), shadow_of_frame = P2V(rp);
  }
  struct pm_super *s = pg(0);
  const char *why = 0;
  if (s->magic == 0) {
    format();
    if (verbose)
      kprintf("twz-kernel: persistent memory at 0x%lx, %lu MiB: formatted\n", base, size >> 20);
  } else if (s->magic != PM_MAGIC) {
    why = "no twz object store (bad magic)";
  } else if ((why = check())) {
    memset(pm_entry_used, 0, PM_ENTRIES);
  }
  if (why) {
    kprintf("twz-kernel: persistent memory at 0x%lx: %s; left as it is, objects live in RAM\n",
            base, why);
    return;
  }
  for (uint64_t n = 0; n < PM_DATA_FIRST; n++)
    mark(n, 1);
  int nobj = 0;
  for (uint32_t i = 0; i < PM_ENTRIES; i++)
    if (pm_entry_used[i]) {
      object_restore(entry(i)->id, (int)i, entry(i)->dir);
      nobj++;
    }
  pmem_on = 1;
  pmem_strict = strict;
  if (verbose)
    kprintf("twz-kernel: persistent memory at 0x%lx, %lu MiB: %d objects%s\n", base, size >> 20,
            nobj, strict ? ", strict" : "");
}
