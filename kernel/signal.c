/* Synchronous fault signals, as Linux delivers them: a program that
 * installed a SIGSEGV handler (rt_sigaction) gets its page faults as a
 * call of that handler with a siginfo (si_addr = the address) and a
 * ucontext whose gregs hold the interrupted registers, REG_ERR the page
 * fault error code and REG_CR2 the address; returning through the
 * restorer (rt_sigreturn) resumes the interrupted code with the registers
 * and FPU state of the frame. This is how a security violation reaches
 * libtwz's handler, which names the object, the offset and the missing
 * right exactly as on the host. Other signals are not delivered: kill and
 * abort still end the target (compat/linux.c). Layouts are Linux x86-64's
 * (what musl's <signal.h> and __restore_rt expect). */
#include "kernel.h"

#define SIGSEGV 11
#define SA_SIGINFO 0x4
#define SA_RESETHAND 0x80000000u
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2

struct ucontext_k {
  uint64_t flags, link;
  uint64_t ss_sp, ss_flags_size[2];
  uint64_t gregs[23]; /* REG_R8 .. REG_CR2 */
  uint64_t fpregs;    /* -> struct fxsave area in the frame */
  uint64_t reserved[8];
  uint64_t sigmask[16];
};
enum { R8, R9, R10, R11, R12, R13, R14, R15, RDI, RSI, RBP, RBX, RDX, RAX, RCX, RSP, RIP, EFL,
       CSGSFS, ERR, TRAPNO, OLDMASK, CR2 };

struct siginfo_k {
  int32_t signo, errno_, code, pad;
  uint64_t addr;
  uint8_t rest[128 - 24];
};

struct sigframe {
  uint64_t pretcode; /* the restorer: the handler's return address */
  struct ucontext_k uc;
  struct siginfo_k info;
  uint8_t pad[8];
  uint8_t fx[512] __attribute__((aligned(16)));
};
_Static_assert(__builtin_offsetof(struct ucontext_k, gregs) == 40, "musl's ucontext_t");
_Static_assert(__builtin_offsetof(struct ucontext_k, sigmask) == 296, "musl's ucontext_t");

int64_t sys_rt_sigaction(struct proc *p, int sig, uint64_t act, uint64_t oact) {
  if (sig < 1 || sig > 64 || sig == 9 || sig == 19)
    return -EINVAL;
  struct ksigaction *a = &p->sigaction[sig - 1];
  if (oact && copyout(p, oact, a, sizeof *a))
    return -EFAULT;
  if (act && copyin(p, a, act, sizeof *a))
    return -EFAULT;
  return 0;
}

int signal_fault(struct trapframe *tf, uint64_t va, int mapped) {
  struct thread *t = curthread();
  struct proc *p = t->proc;
  struct ksigaction *a = &p->sigaction[SIGSEGV - 1];
  /* A handler that faults itself recurses until its stack runs out and
   * the frame cannot be written: then the fault kills, as on Linux. */
  if (a->handler <= 1) /* SIG_DFL, SIG_IGN */
    return 0;
  static struct sigframe f; /* one CPU, interrupts off: no reentry */
  memset(&f, 0, sizeof f);
  uint64_t *g = f.uc.gregs;
  g[R8] = tf->r8, g[R9] = tf->r9, g[R10] = tf->r10, g[R11] = tf->r11, g[R12] = tf->r12;
  g[R13] = tf->r13, g[R14] = tf->r14, g[R15] = tf->r15, g[RDI] = tf->rdi, g[RSI] = tf->rsi;
  g[RBP] = tf->rbp, g[RBX] = tf->rbx, g[RDX] = tf->rdx, g[RAX] = tf->rax, g[RCX] = tf->rcx;
  g[RSP] = tf->rsp, g[RIP] = tf->rip, g[EFL] = tf->rflags, g[CSGSFS] = 0x23;
  g[ERR] = tf->err, g[TRAPNO] = 14, g[CR2] = va;
  f.info.signo = SIGSEGV;
  f.info.code = mapped ? SEGV_ACCERR : SEGV_MAPERR;
  f.info.addr = va;
  f.pretcode = a->restorer;
  __asm__ volatile("fxsave %0" : "=m"(f.fx));
  /* Below the red zone; the frame starts 8 bytes below a multiple of 16,
   * so the handler starts with rsp + 8 aligned, as after a call. The
   * kernel saves and restores the FPU area through its own aligned copy. */
  uint64_t sp = ((tf->rsp - 128 - sizeof f) & ~15ull) - 8;
  f.uc.fpregs = sp + __builtin_offsetof(struct sigframe, fx);
  if (copyout(p, sp, &f, sizeof f))
    return 0;
  tf->rsp = sp;
  tf->rip = a->handler;
  tf->rdi = SIGSEGV;
  tf->rsi = sp + __builtin_offsetof(struct sigframe, info);
  tf->rdx = sp + __builtin_offsetof(struct sigframe, uc);
  tf->rax = 0;
  tf->rflags &= ~0x400ull; /* DF clear, as the ABI wants on entry */
  if (a->flags & SA_RESETHAND)
    a->handler = 0;
  return 1;
}

/* rt_sigreturn: the handler returned to the restorer, so the frame's
 * ucontext is at the user rsp. Returns the restored rax (the syscall path
 * stores the result in rax) and marks the frame for iretq, which restores
 * rcx and r11 too. */
int64_t sys_rt_sigreturn(struct trapframe *tf) {
  struct thread *t = curthread();
  static struct sigframe f;
  uint64_t frame = tf->rsp - 8; /* the handler's ret popped pretcode */
  if (copyin(t->proc, &f, frame, sizeof f)) {
    kprintf("twz-kernel: %d/%d: rt_sigreturn with a bad frame\n", t->proc->pid, t->tid);
    proc_exit(t->proc, 139);
    thread_exit();
  }
  uint64_t *g = f.uc.gregs;
  if (g[RIP] >= USER_TOP || g[RSP] >= USER_TOP) { /* iretq would fault in the kernel */
    kprintf("twz-kernel: %d/%d: rt_sigreturn to a kernel or non-canonical address\n",
            t->proc->pid, t->tid);
    proc_exit(t->proc, 139);
    thread_exit();
  }
  tf->r8 = g[R8], tf->r9 = g[R9], tf->r10 = g[R10], tf->r11 = g[R11], tf->r12 = g[R12];
  tf->r13 = g[R13], tf->r14 = g[R14], tf->r15 = g[R15], tf->rdi = g[RDI], tf->rsi = g[RSI];
  tf->rbp = g[RBP], tf->rbx = g[RBX], tf->rdx = g[RDX], tf->rcx = g[RCX], tf->rsp = g[RSP];
  tf->rip = g[RIP];
  /* User-settable flags only (CF PF AF ZF SF TF DF OF), interrupts on. */
  tf->rflags = (g[EFL] & 0xdd5) | 0x202;
  tf->cs = 0x23, tf->ss = 0x1b;
  tf->vec = 0x101; /* not a plain syscall frame: return with iretq */
  uint32_t *mxcsr = (uint32_t *)(f.fx + 24);
  *mxcsr &= 0xffff; /* reserved bits would fault fxrstor */
  __asm__ volatile("fxrstor %0" ::"m"(f.fx));
  return (int64_t)g[RAX];
}
