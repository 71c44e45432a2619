/* Shared definitions: address layout, the thread and process structures,
 * and the prototypes each file exports. One header keeps the kernel easy to
 * grep; each section names the file that owns it. */
#ifndef KERNEL_H
#define KERNEL_H
#include <stddef.h>
#include <stdint.h>

#define PAGE 4096ull
#define PGROUNDUP(a) (((a) + PAGE - 1) & ~(PAGE - 1))
#define PGROUNDDOWN(a) ((a) & ~(PAGE - 1))
#define SLOT_SHIFT 30

/* Kernel half: the image is linked at KERNBASE + its physical address; all
 * physical memory below 4 GiB is also mapped at DIRECT + physical. */
#define KERNBASE 0xffffffff80000000ull
#define DIRECT 0xffff800000000000ull
#define P2V(pa) ((void *)((uint64_t)(pa) + DIRECT))
#define V2P(va) ((uint64_t)(va) - DIRECT)
#define KV2P(va) ((uint64_t)(va) - KERNBASE) /* for kernel image addresses */

/* User half (docs/kernel.md "Address space"). */
#define USER_TOP 0x800000000000ull        /* end of canonical lower half */
#define STACK_TOP 0x7ffffff00000ull        /* main thread stack grows down from here */
#define STACK_SIZE (8ull << 20)
#define MMAP_TOP 0x7fff00000000ull         /* mmap hands out addresses below this... */
#define MMAP_FLOOR (65536ull << SLOT_SHIFT) /* ...and above the object slots (64 TiB) */
#define PIE_BASE (1ull << SLOT_SHIFT)      /* ET_DYN programs load at slot 1 */

/* GDT selectors (gdt.c). The order user data, user code is what sysret needs. */
#define KCODE 0x08
#define KDATA 0x10
#define UDATA 0x1b
#define UCODE 0x23
#define TSSSEL 0x28

#define HZ 1000      /* PIT frequency */
#define QUANTUM 10   /* ticks a user thread runs before it is preempted */

/* Saved user or kernel registers; pushed by trap.S, same layout for
 * interrupts and system calls. */
struct trapframe {
  uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
  uint64_t vec, err, rip, cs, rflags, rsp, ss;
};

/* Callee-saved registers of a switched-out kernel thread (swtch in trap.S). */
struct context {
  uint64_t r15, r14, r13, r12, rbx, rbp, rip;
};

enum tstate { T_UNUSED, T_EMBRYO, T_RUNNABLE, T_RUNNING, T_SLEEPING, T_ZOMBIE };

struct proc;
struct object;
struct thread {
  int tid;
  enum tstate state;
  struct proc *proc;       /* NULL for kernel threads */
  uint8_t *kstack;         /* KSTACK bytes */
  struct context *ctx;
  struct trapframe *tf;    /* user registers, at the top of kstack */
  uint64_t fs_base;        /* TLS pointer (arch_prctl, clone) */
  uint64_t clear_tid;      /* user address zeroed and woken at exit */
  const void *chan;        /* what a sleeping thread waits for */
  uint64_t wake_at;        /* tick to wake at, 0 = none */
  int timed_out;
  int ticks;               /* ticks used of the current quantum */
  uint8_t fx[512] __attribute__((aligned(16))); /* FPU/SSE state (fxsave) */
  struct object *kso;      /* the thread object (kso.c), user threads only */
  int exit_status;         /* exit(2)'s status, for the thread object */
};
#define KSTACK (16 * 1024)
#define NTHREAD 128

/* Anonymous memory region: demand-zero pages owned by the process. */
struct vma {
  uint64_t start, end;
  int prot;                /* PROT_READ|WRITE|EXEC as in Linux */
};
#define NVMA 512

enum pstate { P_UNUSED, P_LIVE, P_DONE };

/* Linux's struct k_sigaction, as musl passes it to rt_sigaction. */
struct ksigaction {
  uint64_t handler, flags, restorer, mask;
};
#define NSCTX 8 /* contexts per process, = TWZ_THREAD_SCTX_MAX (kso.c checks) */
struct view;
struct sctx;
struct proc {
  int pid;
  enum pstate state;
  uint64_t *pml4;          /* hardware page table (direct-map address) */
  struct view *view;       /* translation level 1: slot -> object space */
  struct sctx *sctx;       /* translation level 2: the active context's space (objspace.c) */
  struct vma vma[NVMA];    /* sorted by start, non-overlapping */
  int nvma;
  uint64_t brk_start, brk;
  int nthreads;
  int status;              /* exit status once state == P_DONE */
  int exiting;
  char name[32];
  struct ksigaction sigaction[64]; /* signal.c: only SIGSEGV is ever delivered */
  /* Security contexts (security.c): attached ones, and which is active
   * (-1: none yet; once one is, the process never runs without one). */
  uint8_t sctx_id[NSCTX][16];
  struct sctx *space[NSCTX]; /* each one's space; sctx is space[active], or "none" */
  int nsctx, active;
  /* Resume (resume.c): the image and command line it was started with,
   * and its resume record (-1: not resumable). */
  const uint8_t *image;
  uint64_t image_size;
  char cmd[512];
  int resume;
};
#define NPROC 16

struct cpu {                /* at GS base in the kernel (swapgs) */
  uint64_t kstack_top;      /* loaded by syscall entry */
  uint64_t user_rsp;        /* scratch for syscall entry */
  struct thread *thread;    /* running thread, NULL in the scheduler */
  struct context *sched_ctx;
};
extern struct cpu cpu0;
static inline struct thread *curthread(void) { return cpu0.thread; }
static inline struct proc *curproc(void) { return cpu0.thread ? cpu0.thread->proc : 0; }

/* lib.c */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);
uint64_t random64(void);

/* crypto.c */
void random_init(void);               /* panics without RDSEED/RDRAND */
void random_bytes(void *buf, size_t n);

/* console.c */
void console_init(void);
void console_write(const char *s, size_t n);
void control_write(const char *s); /* COM2: the runner's channel */
void kprintf(const char *fmt, ...);
int ksnprintf(char *buf, size_t n, const char *fmt, ...);
_Noreturn void panic(const char *fmt, ...);
_Noreturn void shutdown(int status);
extern int verbose;

/* pmm.c */
void pmm_init(uint64_t mbi_pa);
uint64_t pmm_alloc(void);            /* one zeroed frame, 0 if none */
uint64_t pmm_alloc_n(uint64_t n);    /* n contiguous zeroed frames */
void pmm_free(uint64_t pa);
void pmm_free_n(uint64_t pa, uint64_t n);
uint64_t pmm_free_count(void);

/* kmalloc.c */
void *kmalloc(size_t n);             /* zeroed */
void kfree(void *p);

/* paging.c */
#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_U 0x4ull
#define PTE_PS 0x80ull
#define PTE_BORROWED 0x200ull        /* frame belongs to an object, not to the process */
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull
extern uint64_t boot_pml4[];
extern uint64_t pte_nx;              /* PTE_NX if the CPU has NX, else 0 */
uint64_t *pml4_new(void);
uint64_t *pte_walk(uint64_t *pml4, uint64_t va, int alloc);
void unmap_range(uint64_t *pml4, uint64_t start, uint64_t end);
void protect_range(uint64_t *pml4, uint64_t start, uint64_t end, uint64_t flags);
void pml4_free(uint64_t *pml4);
void tlb_flush(void);

/* gdt.c / trap.c */
void gdt_init(void);
void tss_set_rsp0(uint64_t rsp0);
void idt_init(void);
void trap(struct trapframe *tf);
_Noreturn void exception_kill(struct thread *t, uint64_t vec, uint64_t err, uint64_t rip);

/* timer.c */
void timer_init(void);
void timer_tick(void);
extern volatile uint64_t ticks;
uint64_t clock_mono_ns(void);
uint64_t clock_real_ns(void);
uint64_t tsc_to_ns(uint64_t tsc);

/* sched.c */
void sched_init(void);
struct thread *thread_alloc(struct proc *p);
struct thread *kthread_create(void (*fn)(void *), void *arg);
_Noreturn void scheduler(void);
void yield(void);
void sleep_on(const void *chan, uint64_t wake_at);
void wakeup(const void *chan);
int wakeup_n(const void *chan, int n);
void sched_wake_timeouts(void);
_Noreturn void thread_exit(void);
extern struct thread threads[NTHREAD];

/* proc.c */
struct proc *proc_alloc(const char *name);
void proc_exit(struct proc *p, int status);
void proc_reap(struct proc *p);
int proc_wait(struct proc *p);
extern struct proc procs[NPROC];

/* vm.c: VMAs, page faults, user copies */
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
enum access { ACC_READ, ACC_WRITE, ACC_EXEC, ACC_LOAD /* kernel loading an image */ };
int vma_map(struct proc *p, uint64_t start, uint64_t end, int prot); /* replace range */
int vma_unmap(struct proc *p, uint64_t start, uint64_t end);
int vma_protect(struct proc *p, uint64_t start, uint64_t end, int prot);
uint64_t vma_find_free(struct proc *p, uint64_t len);
const char *vm_fault(struct proc *p, uint64_t va, enum access acc);
int copyout(struct proc *p, uint64_t dst, const void *src, size_t n);
int copyin(struct proc *p, void *dst, uint64_t src, size_t n);
int copyin_str(struct proc *p, char *dst, uint64_t src, size_t max);
uint8_t *user_kaddr(struct proc *p, uint64_t va, enum access acc); /* 0: fault */
void user_fault(struct trapframe *tf, uint64_t va, enum access acc, const char *why);

/* signal.c */
/* 1: the handler will run. mapped: something is there (SEGV_ACCERR). */
int signal_fault(struct trapframe *tf, uint64_t va, int mapped);
int64_t sys_rt_sigaction(struct proc *p, int sig, uint64_t act, uint64_t oact);
int64_t sys_rt_sigreturn(struct trapframe *tf);

/* main.c / resume.c */
int run_image(const uint8_t *img, uint64_t size, const char *cmd, char **extra, int nextra,
              void (*ready)(struct proc *, void *), void *arg);
int64_t sys_resume_mark(struct proc *p, uint64_t arg);
void resume_exit(struct proc *p);

/* elf.c */
int elf_load(struct proc *p, const uint8_t *img, uint64_t size, char **argv, int argc,
             char **envp, int envc, uint64_t *entry, uint64_t *sp);

/* syscall.c / compat/linux.c */
void syscall_init(void);
void syscall(struct trapframe *tf);
int64_t linux_syscall(struct trapframe *tf);
int64_t twz_syscall(struct trapframe *tf);

/* object.c, objspace.c, view.c: see each file */
struct object;
void view_destroy(struct view *v);
struct view *view_create(int owner);

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EBADF 9
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EINVAL 22
#define ENOTTY 25
#define ESPIPE 29
#define ERANGE 34
#define ENODEV 19
#define ENOSPC 28
#define ENOSYS 38
#define ETIMEDOUT 110

#endif
