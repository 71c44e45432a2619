/* kmain: bring the machine up in dependency order, then hand over to the
 * scheduler. The first kernel thread, init, runs the boot modules one
 * after another (each module's command line is "path arg1 arg2 ..."; a
 * module named by a `with=N` word starts together with the one before it),
 * stops at the first nonzero exit status (or, with `keepgoing`, runs them
 * all) and powers off with it. */
#include "kernel.h"
#include "multiboot.h"
#include "x86.h"
#include "npt.h"
int resume_all(void); /* resume.c */
void pmem_init(const char *cut, const char *cutms, int strict); /* pmem.c */
int pmem_cutting(void);
uint64_t pmem_points(void);

#define MAXMOD 16
#define MAXARG 64
static struct {
  const uint8_t *img;
  uint64_t size;
  char cmd[512];
} mods[MAXMOD];
static int nmods;
static char kcmd[512];
static char *envp[MAXARG];
static int envc;
static char *modenv[MAXARG]; /* "@N:NAME=value": for module N only */
static int modenvc, keepgoing, pmemstrict;
static int with[MAXMOD]; /* module i starts with module i - 1 (kernel word with=i) */
static const char *pmemcut, *pmemcutms;
uint64_t first_user_tsc;
extern uint64_t boot_tsc;

static int split(char *s, char **v, int max) {
  int n = 0;
  while (*s && n < max) {
    while (*s == ' ')
      *s++ = 0;
    if (!*s)
      break;
    v[n++] = s;
    while (*s && *s != ' ')
      s++;
  }
  return n;
}

static void copystr_k(char *dst, const char *s, size_t max) {
  size_t n = strlen(s);
  if (n >= max)
    n = max - 1;
  memcpy(dst, s, n);
  dst[n] = 0;
}

static void copystr(char *dst, uint32_t pa, size_t max) { copystr_k(dst, pa ? P2V(pa) : "", max); }

/* Start program image img (command line cmd, kept for Resume) as a new
 * process with environment words extra + the kernel's; 0 and *status if it
 * cannot run. ready, if given, adjusts the process before its first
 * instruction. */
static struct proc *start_image(const uint8_t *img, uint64_t size, const char *cmd, char **extra,
                                int nextra, void (*ready)(struct proc *, void *), void *arg,
                                int *status) {
  char line[512], *argv[MAXARG];
  copystr_k(line, cmd, sizeof line);
  int argc = split(line, argv, MAXARG);
  if (!argc)
    argv[argc++] = "program";
  const char *name = argv[0];
  for (const char *c = argv[0]; *c; c++)
    if (*c == '/')
      name = c + 1;
  struct proc *p = proc_alloc(name);
  uint64_t entry, sp;
  if (!p)
    panic("out of processes");
  p->image = img, p->image_size = size;
  copystr_k(p->cmd, cmd, sizeof p->cmd);
  /* The module's own words first: getenv finds the first match. */
  char *env[2 * MAXARG];
  int ec = 0;
  for (int k = 0; k < nextra; k++)
    env[ec++] = extra[k];
  for (int k = 0; k < envc; k++)
    env[ec++] = envp[k];
  if (ready)
    ready(p, arg);
  if (elf_load(p, img, size, argv, argc, env, ec, &entry, &sp)) {
    kprintf("twz-kernel: %s: not a static x86-64 ELF program\n", argv[0]);
    p->status = 126;
    proc_reap(p);
    *status = proc_wait(p);
    return 0;
  }
  struct thread *t = thread_alloc(p);
  if (!t)
    panic("out of threads");
  t->tf->rip = entry;
  t->tf->rsp = sp;
  t->tf->cs = UCODE;
  t->tf->ss = UDATA;
  t->tf->rflags = 0x202; /* IF */
  t->state = T_RUNNABLE;
  return p;
}

static int wait_image(struct proc *p) {
  int status = proc_wait(p);
  if (verbose)
    kprintf("twz-kernel: pid %d (%s) exited with status %d; %lu free pages\n", p->pid, p->name,
            status, pmm_free_count());
  if (verbose && npt_on)
    npt_report();
  return status;
}

/* Run it and wait for it (resume.c). */
int run_image(const uint8_t *img, uint64_t size, const char *cmd, char **extra, int nextra,
              void (*ready)(struct proc *, void *), void *arg) {
  int status;
  struct proc *p = start_image(img, size, cmd, extra, nextra, ready, arg, &status);
  return p ? wait_image(p) : status;
}

static struct proc *start(int i, int *status) {
  char *env[MAXARG];
  int ec = 0;
  for (int k = 0; k < modenvc; k++) {
    char *w = modenv[k] + 1, *colon = w;
    int n = 0;
    while (*colon >= '0' && *colon <= '9')
      n = n * 10 + (*colon++ - '0');
    if (n == i && *colon == ':')
      env[ec++] = colon + 1;
  }
  return start_image(mods[i].img, mods[i].size, mods[i].cmd, env, ec, 0, 0, status);
}

static void init_main(void *arg) {
  (void)arg;
  /* Programs that were running when the power went come back first. */
  int status = resume_all();
  for (int i = 0; i < nmods && (status == 0 || keepgoing);) {
    /* A module and those started with it (`with=N`) run at once; the
     * next starts when all of them have exited. */
    struct proc *group[MAXMOD];
    int st[MAXMOD], n = 0;
    do
      group[n] = start(i, &st[n]), n++;
    while (++i < nmods && with[i]);
    for (int k = 0; k < n; k++) {
      if (group[k])
        st[k] = wait_image(group[k]);
      if (!status)
        status = st[k];
    }
  }
  if (verbose)
    kprintf("twz-kernel: boot to first user instruction %lu us; %lu free pages\n",
            tsc_to_ns(first_user_tsc - boot_tsc) / 1000, pmm_free_count());
  if (pmem_cutting()) /* what a power-cut test needs to pick its points */
    kprintf("twz-kernel: %lu persistence points\n", pmem_points());
  shutdown(status);
}

void kmain(uint32_t magic, uint64_t mbi_pa) {
  console_init();
  if (magic != MULTIBOOT_MAGIC)
    panic("not started by a multiboot loader (magic 0x%x)", magic);
  boot_pml4[0] = 0; /* drop the identity map boot.S needed */
  tlb_flush();
  if (rdmsr(MSR_EFER) & 0x800)
    pte_nx = PTE_NX;
  gdt_init();
  idt_init();
  random_init();
  pmm_init(mbi_pa);
  sched_init();
  syscall_init();
  timer_init();

  struct mb_info *mb = P2V(mbi_pa);
  copystr(kcmd, (mb->flags & 4) ? mb->cmdline : 0, sizeof kcmd);
  char *words[MAXARG];
  int n = split(kcmd, words, MAXARG);
  for (int i = 1; i < n; i++) { /* word 0 is the kernel's file name */
    if (!strncmp(words[i], "verbose", 8))
      verbose = 1;
    else if (!strncmp(words[i], "keepgoing", 10))
      keepgoing = 1;
    else if (!strncmp(words[i], "npt", 4))
      svm_init(); /* nested-paging back end (svm.c) */
    else if (words[i][0] == '@')
      modenv[modenvc++] = words[i];
    else if (!strncmp(words[i], "with=", 5)) {
      int m = 0;
      for (char *c = words[i] + 5; *c >= '0' && *c <= '9'; c++)
        m = m * 10 + (*c - '0');
      if (m > 0 && m < MAXMOD)
        with[m] = 1;
    }
    else if (!strncmp(words[i], "pmemcut=", 8))
      pmemcut = words[i] + 8;
    else if (!strncmp(words[i], "pmemcutms=", 10))
      pmemcutms = words[i] + 10;
    else if (!strncmp(words[i], "pmemstrict", 11))
      pmemstrict = 1;
    else if (words[i][0] != '=' && strlen(words[i]) > 1)
      for (char *c = words[i]; *c; c++)
        if (*c == '=') { /* NAME=value: the programs' environment */
          envp[envc++] = words[i];
          break;
        }
  }
  struct mb_module *m = P2V(mb->mods_addr);
  nmods = (mb->flags & 8) ? (int)mb->mods_count : 0;
  if (nmods > MAXMOD)
    nmods = MAXMOD;
  for (int i = 0; i < nmods; i++) {
    mods[i].img = P2V(m[i].start);
    mods[i].size = m[i].end - m[i].start;
    copystr(mods[i].cmd, m[i].cmdline, sizeof mods[i].cmd);
  }
  if (!nmods)
    panic("no boot modules: nothing to run");
  /* Persistent objects recover before any program runs. */
  pmem_init(pmemcut, pmemcutms, pmemstrict);
  if (verbose)
    kprintf("twz-kernel: %d module(s), %lu MiB free\n", nmods, pmm_free_count() / 256);
  kthread_create(init_main, 0);
  scheduler();
}
