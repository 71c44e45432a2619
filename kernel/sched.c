/* Threads and the scheduler, xv6 style on one CPU. The scheduler loop runs
 * on the boot stack and picks RUNNABLE threads round robin; a thread gives
 * the CPU back by switching to it (yield, sleep_on, thread_exit), and the
 * timer forces that for user threads after QUANTUM ticks. The kernel runs
 * with interrupts off except while the scheduler idles in hlt, so kernel
 * code needs no locks: it is never preempted. Dead threads are freed by the
 * scheduler, which is not running on their stacks. */
#include "object.h"
#include "x86.h"
#include "npt.h"

struct thread threads[NTHREAD];
struct cpu cpu0;
int next_id = 1; /* pids and tids share one space, as on Linux */
static uint8_t fx_template[512] __attribute__((aligned(16)));
extern char trapret[], kthread_start[];
extern uint64_t first_user_tsc;
void swtch(struct context **old, struct context *new);

void sched_init(void) {
  wrmsr(MSR_GS_BASE, (uint64_t)&cpu0); /* the kernel's GS; user GS is 0 */
  wrmsr(MSR_KERNEL_GS_BASE, 0);
  __asm__ volatile("fninit; fxsave %0" : "=m"(fx_template));
  *(uint32_t *)(fx_template + 24) = 0x1f80; /* MXCSR: all exceptions masked */
}

/* A thread with a kernel stack, in T_EMBRYO until the caller readies it.
 * For user threads the user registers (tf) sit at the top of the stack and
 * the first switch "returns" into trapret, which enters user mode. */
struct thread *thread_alloc(struct proc *p) {
  for (int i = 0; i < NTHREAD; i++) {
    struct thread *t = &threads[i];
    if (t->state != T_UNUSED)
      continue;
    uint64_t pa = pmm_alloc_n(KSTACK / PAGE);
    if (!pa)
      return 0;
    memset(t, 0, sizeof *t);
    t->state = T_EMBRYO;
    /* a process's first thread has tid == pid; kernel threads have tid 0 */
    t->tid = !p ? 0 : p->nthreads ? next_id++ : p->pid;
    t->proc = p;
    t->kstack = P2V(pa);
    memcpy(t->fx, fx_template, sizeof t->fx);
    t->tf = (struct trapframe *)(t->kstack + KSTACK) - 1;
    t->ctx = (struct context *)t->tf - 1;
    t->ctx->rip = npt_on ? (uint64_t)npt_thread_start : (uint64_t)trapret;
    if (p && kso_thread_create(t)) {
      pmm_free_n(pa, KSTACK / PAGE);
      t->state = T_UNUSED;
      return 0;
    }
    if (p)
      p->nthreads++;
    return t;
  }
  return 0;
}

struct thread *kthread_create(void (*fn)(void *), void *arg) {
  struct thread *t = thread_alloc(0);
  if (!t)
    panic("out of threads");
  /* rsp after swtch's ret is 16-aligned, as at a call site */
  t->ctx = (struct context *)(t->kstack + KSTACK - 72);
  t->ctx->rip = (uint64_t)kthread_start;
  t->ctx->r12 = (uint64_t)arg;
  t->ctx->r13 = (uint64_t)fn;
  t->state = T_RUNNABLE;
  return t;
}

static void reap(void) {
  for (int i = 0; i < NTHREAD; i++) {
    struct thread *t = &threads[i];
    if (t->state != T_ZOMBIE)
      continue;
    pmm_free_n(V2P(t->kstack), KSTACK / PAGE);
    kso_thread_exit(t);
    t->state = T_UNUSED;
    if (t->proc && --t->proc->nthreads == 0) {
      if (rcr3() == V2P(t->proc->pml4))
        lcr3(KV2P(boot_pml4));
      proc_reap(t->proc);
    }
  }
}

_Noreturn void scheduler(void) {
  int last = 0;
  for (;;) {
    reap();
    struct thread *t = 0;
    for (int k = 1; k <= NTHREAD; k++) {
      int i = (last + k) % NTHREAD;
      if (threads[i].state == T_RUNNABLE) {
        t = &threads[i];
        last = i;
        break;
      }
    }
    if (!t) { /* idle: the only place interrupts are enabled in the kernel */
      __asm__ volatile("sti; hlt; cli");
      continue;
    }
    t->state = T_RUNNING;
    t->ticks = 0;
    cpu0.thread = t;
    cpu0.kstack_top = (uint64_t)t->kstack + KSTACK;
    tss_set_rsp0(cpu0.kstack_top);
    if (t->proc) {
      if (!first_user_tsc)
        first_user_tsc = rdtsc(); /* boot-to-user measurement (main.c) */
      if (rcr3() != V2P(t->proc->pml4))
        lcr3(V2P(t->proc->pml4));
      wrmsr(MSR_FS_BASE, t->fs_base);
    }
    __asm__ volatile("fxrstor %0" ::"m"(t->fx));
    swtch(&cpu0.sched_ctx, t->ctx);
    __asm__ volatile("fxsave %0" : "=m"(t->fx));
    cpu0.thread = 0;
  }
}

static void sched(void) { swtch(&curthread()->ctx, cpu0.sched_ctx); }

void yield(void) {
  curthread()->state = T_RUNNABLE;
  sched();
}

/* Sleep until wakeup(chan) or, if wake_at != 0, until CLOCK_MONOTONIC
 * reaches wake_at (then timed_out is set). */
void sleep_on(const void *chan, uint64_t wake_at) {
  struct thread *t = curthread();
  t->chan = chan;
  t->wake_at = wake_at;
  t->timed_out = 0;
  t->state = T_SLEEPING;
  sched();
  t->chan = 0;
}

int wakeup_n(const void *chan, int n) {
  int woken = 0;
  for (int i = 0; i < NTHREAD && woken < n; i++)
    if (threads[i].state == T_SLEEPING && threads[i].chan == chan) {
      threads[i].state = T_RUNNABLE;
      woken++;
    }
  return woken;
}

void wakeup(const void *chan) { wakeup_n(chan, NTHREAD); }

void sched_wake_timeouts(void) {
  uint64_t now = clock_mono_ns();
  for (int i = 0; i < NTHREAD; i++) {
    struct thread *t = &threads[i];
    if (t->state == T_SLEEPING && t->wake_at && now >= t->wake_at) {
      t->timed_out = 1;
      t->state = T_RUNNABLE;
    }
  }
}

_Noreturn void thread_exit(void) {
  curthread()->state = T_ZOMBIE;
  sched();
  panic("zombie thread ran");
}
