/* The compatibility layer: the Linux x86-64 system calls that musl's
 * libc.a issues for stdio, malloc, time, exit and pthreads, mapped onto
 * this kernel (docs/kernel.md has the table). There is no file system:
 * fd 0 reads EOF, fds 1 and 2 write to the console, open fails. Signals
 * are accepted and never delivered. Anything else prints one line and
 * returns -ENOSYS. */
#include "../kernel.h"
#include "../x86.h"

enum {
  SYS_read = 0, SYS_write = 1, SYS_open = 2, SYS_close = 3, SYS_lseek = 8, SYS_mmap = 9,
  SYS_mprotect = 10, SYS_munmap = 11, SYS_brk = 12, SYS_rt_sigaction = 13,
  SYS_rt_sigreturn = 15,
  SYS_rt_sigprocmask = 14, SYS_ioctl = 16, SYS_readv = 19, SYS_writev = 20,
  SYS_sched_yield = 24, SYS_mremap = 25, SYS_madvise = 28, SYS_nanosleep = 35,
  SYS_getpid = 39, SYS_clone = 56, SYS_exit = 60, SYS_kill = 62, SYS_uname = 63,
  SYS_gettimeofday = 96, SYS_getuid = 102, SYS_getgid = 104, SYS_geteuid = 107,
  SYS_getegid = 108, SYS_getppid = 110, SYS_arch_prctl = 158, SYS_gettid = 186,
  SYS_tkill = 200, SYS_time = 201, SYS_futex = 202, SYS_set_tid_address = 218,
  SYS_clock_gettime = 228, SYS_clock_getres = 229, SYS_clock_nanosleep = 230,
  SYS_exit_group = 231, SYS_tgkill = 234, SYS_openat = 257, SYS_getrandom = 318,
};

#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define CLONE_VM 0x100
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_CHILD_SETTID 0x1000000
#define OBJ_LO (16ull << SLOT_SHIFT)      /* TWZ_SLOT_USER_FIRST */
#define OBJ_HI (65536ull << SLOT_SHIFT)   /* TWZ_SLOT_USER_LIMIT */

struct timespec64 {
  int64_t sec, nsec;
};

static int64_t write_console(struct proc *p, uint64_t buf, uint64_t n) {
  char tmp[256];
  for (uint64_t done = 0; done < n;) {
    uint64_t c = n - done < sizeof tmp ? n - done : sizeof tmp;
    if (copyin(p, tmp, buf + done, c))
      return done ? (int64_t)done : -EFAULT;
    console_write(tmp, c);
    done += c;
  }
  return (int64_t)n;
}

static int64_t sys_writev(struct proc *p, int fd, uint64_t iov, int cnt) {
  if (fd != 1 && fd != 2)
    return -EBADF;
  int64_t total = 0;
  for (int i = 0; i < cnt; i++) {
    uint64_t v[2];
    if (copyin(p, v, iov + 16 * i, 16))
      return -EFAULT;
    int64_t r = write_console(p, v[0], v[1]);
    if (r < 0)
      return r;
    total += r;
  }
  return total;
}

static int ranges_overlap(uint64_t a, uint64_t b, uint64_t c, uint64_t d) { return a < d && c < b; }

static int64_t sys_mmap(struct proc *p, uint64_t addr, uint64_t len, int prot, int flags) {
  if (!(flags & MAP_ANONYMOUS))
    return -EBADF; /* no files */
  len = PGROUNDUP(len);
  if (!len || len > MMAP_TOP)
    return -EINVAL;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if ((addr & (PAGE - 1)) || addr + len > USER_TOP || addr + len < addr ||
        ranges_overlap(addr, addr + len, OBJ_LO, OBJ_HI))
      return -EINVAL; /* the object slots belong to the view */
    if (addr < 0x10000)
      return -EPERM; /* like Linux's mmap_min_addr: null pointers keep faulting */
  } else if (!(addr = vma_find_free(p, len))) {
    return -ENOMEM;
  }
  if (vma_map(p, addr, addr + len, prot & 7))
    return -ENOMEM;
  return (int64_t)addr;
}

static int64_t sys_brk(struct proc *p, uint64_t want) {
  uint64_t old = PGROUNDUP(p->brk), new = PGROUNDUP(want);
  if (want < p->brk_start || want > OBJ_LO)
    return (int64_t)p->brk;
  if (new > old) {
    for (int i = 0; i < p->nvma; i++)
      if (ranges_overlap(old, new, p->vma[i].start, p->vma[i].end))
        return (int64_t)p->brk; /* something else lives there */
    if (vma_map(p, old, new, PROT_READ | PROT_WRITE))
      return (int64_t)p->brk;
  } else if (new < old && vma_unmap(p, new, old)) {
    return (int64_t)p->brk;
  }
  p->brk = want;
  return (int64_t)want;
}

/* Sleep until CLOCK_MONOTONIC reaches deadline (ns). */
static void sleep_until(uint64_t deadline) {
  while (clock_mono_ns() < deadline)
    sleep_on(curthread(), deadline);
}

static int64_t read_timespec(struct proc *p, uint64_t ua, uint64_t *ns) {
  struct timespec64 ts;
  if (copyin(p, &ts, ua, sizeof ts))
    return -EFAULT;
  if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
    return -EINVAL;
  *ns = (uint64_t)ts.sec * 1000000000ull + (uint64_t)ts.nsec;
  return 0;
}

static int64_t sys_clock_nanosleep(struct proc *p, int clk, int flags, uint64_t req) {
  uint64_t ns;
  int64_t err = read_timespec(p, req, &ns);
  if (err)
    return err;
  uint64_t now = clock_mono_ns();
  if (flags & 1) { /* TIMER_ABSTIME */
    if (clk == 0 || clk == 5)
      ns = ns > clock_real_ns() ? now + (ns - clock_real_ns()) : now;
    sleep_until(ns);
  } else {
    sleep_until(now + ns);
  }
  return 0;
}

static int64_t sys_clock_gettime(struct proc *p, int clk, uint64_t ua) {
  uint64_t ns = (clk == 0 || clk == 5) ? clock_real_ns() : clock_mono_ns();
  struct timespec64 ts = {(int64_t)(ns / 1000000000), (int64_t)(ns % 1000000000)};
  return copyout(p, ua, &ts, sizeof ts);
}

/* Futexes are keyed by the kernel address of the word, i.e. its physical
 * location: threads of one process, or processes sharing an object, meet
 * on the same key whatever the virtual address. */
static const void *futex_key(struct proc *p, uint64_t ua, uint32_t *val) {
  if (ua & 3 || copyin(p, val, ua, 4))
    return 0;
  return user_kaddr(p, ua, ACC_READ);
}

static int64_t sys_futex(struct proc *p, uint64_t ua, int op, uint32_t val, uint64_t timeout,
                         uint64_t ua2, uint32_t val3) {
  int cmd = op & 127; /* without FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME */
  uint32_t cur;
  const void *key = futex_key(p, ua, &cur);
  if (!key)
    return ua & 3 ? -EINVAL : -EFAULT;
  switch (cmd) {
  case 0: /* FUTEX_WAIT */
  case 9: { /* FUTEX_WAIT_BITSET: absolute timeout */
    uint64_t deadline = 0;
    if (timeout) {
      int64_t err = read_timespec(p, timeout, &deadline);
      if (err)
        return err;
      if (cmd == 0)
        deadline += clock_mono_ns();
      else if (op & 256) /* FUTEX_CLOCK_REALTIME */
        deadline = clock_mono_ns() + (deadline > clock_real_ns() ? deadline - clock_real_ns() : 0);
      if (!deadline)
        deadline = 1;
    }
    if (cur != val)
      return -EAGAIN;
    sleep_on(key, deadline);
    return curthread()->timed_out ? -ETIMEDOUT : 0;
  }
  case 1:  /* FUTEX_WAKE */
  case 10: /* FUTEX_WAKE_BITSET */
    return wakeup_n(key, (int)(val > NTHREAD ? NTHREAD : val));
  case 3:   /* FUTEX_REQUEUE */
  case 4: { /* FUTEX_CMP_REQUEUE */
    uint32_t cur2;
    if (cmd == 4 && cur != val3)
      return -EAGAIN;
    const void *key2 = futex_key(p, ua2, &cur2);
    if (!key2)
      return -EFAULT;
    int n = wakeup_n(key, (int)(val > NTHREAD ? NTHREAD : val));
    for (int i = 0; i < NTHREAD && (uint64_t)n < val + timeout; i++)
      if (threads[i].state == T_SLEEPING && threads[i].chan == key) {
        threads[i].chan = key2;
        n++;
      }
    return n;
  }
  }
  kprintf("compat: unsupported futex op %d\n", op);
  return -ENOSYS;
}

static int64_t sys_clone(struct proc *p, struct trapframe *tf, uint64_t flags, uint64_t sp,
                         uint64_t ptid, uint64_t ctid, uint64_t tls) {
  if (!(flags & CLONE_VM)) {
    kprintf("compat: clone without CLONE_VM (fork) is unsupported\n");
    return -ENOSYS;
  }
  struct thread *t = thread_alloc(p);
  if (!t)
    return -EAGAIN;
  *t->tf = *tf;
  t->tf->rax = 0; /* the child sees clone return 0 on its new stack */
  t->tf->rsp = sp;
  t->fs_base = flags & CLONE_SETTLS ? tls : curthread()->fs_base;
  if (flags & CLONE_CHILD_CLEARTID)
    t->clear_tid = ctid;
  uint32_t tid = t->tid;
  if (flags & CLONE_PARENT_SETTID)
    copyout(p, ptid, &tid, 4);
  if (flags & CLONE_CHILD_SETTID)
    copyout(p, ctid, &tid, 4);
  t->state = T_RUNNABLE;
  return tid;
}

/* exit(2) of one thread: clear and wake its tid word (pthread_join and
 * musl's thread-list lock wait on it); the last thread ends the process. */
static _Noreturn void sys_exit(struct proc *p, int status) {
  struct thread *me = curthread();
  me->exit_status = status & 0xff; /* for its thread object (kso.c) */
  if (me->clear_tid) {
    uint32_t zero = 0, cur;
    const void *key = futex_key(p, me->clear_tid, &cur);
    if (key && !copyout(p, me->clear_tid, &zero, 4))
      wakeup(key);
  }
  int others = 0;
  for (int i = 0; i < NTHREAD; i++)
    if (threads[i].proc == p && &threads[i] != me && threads[i].state != T_UNUSED &&
        threads[i].state != T_ZOMBIE)
      others++;
  if (!others)
    proc_exit(p, status);
  thread_exit();
}

static _Noreturn void killed(struct proc *p, int sig) {
  kprintf("twz-kernel: %d/%d killed by signal %d\n", p->pid, curthread()->tid, sig);
  proc_exit(p, 128 + sig);
  thread_exit();
}

/* No handlers run, so a signal does what its default action would for the
 * signals programs send (abort's SIGABRT, SIGKILL, SIGTERM): it ends the
 * target process with 128 + sig. Signal 0 only asks whether it is alive. */
static int64_t sys_kill(int pid, int tid, int sig) {
  struct proc *target = 0;
  for (int i = 0; i < NTHREAD && !target; i++) {
    struct thread *t = &threads[i];
    if (t->proc && t->state != T_UNUSED && t->state != T_ZOMBIE && !t->proc->exiting &&
        (tid ? t->tid == tid : t->proc->pid == pid))
      target = t->proc;
  }
  if (!target)
    return -ESRCH;
  if (sig < 0 || sig > 64)
    return -EINVAL;
  if (!sig)
    return 0;
  if (target == curproc())
    killed(target, sig);
  kprintf("twz-kernel: pid %d killed by signal %d\n", target->pid, sig);
  proc_exit(target, 128 + sig);
  return 0;
}

int64_t linux_syscall(struct trapframe *tf) {
  struct proc *p = curproc();
  struct thread *t = curthread();
  uint64_t a0 = tf->rdi, a1 = tf->rsi, a2 = tf->rdx, a3 = tf->r10, a4 = tf->r8;
  switch (tf->rax) {
  case SYS_read:
  case SYS_readv:
    return a0 == 0 ? 0 : -EBADF;
  case SYS_write:
    return a0 == 1 || a0 == 2 ? write_console(p, a1, a2) : -EBADF;
  case SYS_writev:
    return sys_writev(p, (int)a0, a1, (int)a2);
  case SYS_open:
  case SYS_openat:
    return -ENOENT;
  case SYS_close:
    return a0 <= 2 ? 0 : -EBADF;
  case SYS_lseek:
    return -ESPIPE;
  case SYS_ioctl:
    return -ENOTTY;
  case SYS_mmap:
    return sys_mmap(p, a0, a1, (int)a2, (int)a3);
  case SYS_munmap:
    if ((a0 & (PAGE - 1)) || !a1 || a0 + a1 > USER_TOP ||
        ranges_overlap(a0, a0 + a1, OBJ_LO, OBJ_HI))
      return -EINVAL;
    return vma_unmap(p, a0, a0 + PGROUNDUP(a1));
  case SYS_mprotect:
    if ((a0 & (PAGE - 1)) || a0 + a1 > USER_TOP || ranges_overlap(a0, a0 + a1, OBJ_LO, OBJ_HI))
      return -EINVAL; /* object slots take their protections from the view */
    return vma_protect(p, a0, a0 + PGROUNDUP(a1), (int)a2 & 7);
  case SYS_brk:
    return sys_brk(p, a0);
  case SYS_mremap:
    return -ENOMEM; /* musl's realloc falls back to malloc + copy */
  case SYS_madvise:
    if (a2 == 4 && !(a0 & (PAGE - 1)) && !ranges_overlap(a0, a0 + a1, OBJ_LO, OBJ_HI)) {
      unmap_range(p->pml4, a0, a0 + PGROUNDUP(a1)); /* MADV_DONTNEED: zero on next touch */
      tlb_flush();
    }
    return 0;
  case SYS_rt_sigaction:
    return sys_rt_sigaction(p, (int)a0, a1, a2);
  case SYS_rt_sigreturn:
    return sys_rt_sigreturn(tf);
  case SYS_rt_sigprocmask:
    if (a2) {
      uint64_t zero = 0;
      return copyout(p, a2, &zero, 8);
    }
    return 0;
  case SYS_sched_yield:
    yield();
    return 0;
  case SYS_nanosleep:
    return sys_clock_nanosleep(p, 1, 0, a0);
  case SYS_clock_nanosleep:
    return -sys_clock_nanosleep(p, (int)a0, (int)a1, a2); /* returns a positive errno */
  case SYS_getpid:
    return p->pid;
  case SYS_gettid:
    return t->tid;
  case SYS_getppid:
  case SYS_getuid:
  case SYS_getgid:
  case SYS_geteuid:
  case SYS_getegid:
    return 0;
  case SYS_clone:
    return sys_clone(p, tf, a0, a1, a2, a3, a4);
  case SYS_exit:
    sys_exit(p, (int)a0);
  case SYS_exit_group:
    proc_exit(p, (int)a0);
    thread_exit();
  case SYS_kill: /* pid <= 0 (process groups, everyone) means this process */
    return sys_kill((int64_t)a0 <= 0 ? p->pid : (int)a0, 0, (int)a1);
  case SYS_tkill:
    return sys_kill(0, (int)a0, (int)a1);
  case SYS_tgkill:
    return sys_kill(0, (int)a1, (int)a2);
  case SYS_uname: {
    char u[6][65] = {"Twizzler", "twz", "0.1", "twz-kernel", "x86_64", "(none)"};
    return copyout(p, a0, u, sizeof u);
  }
  case SYS_gettimeofday: {
    uint64_t ns = clock_real_ns(), tv[2] = {ns / 1000000000, ns % 1000000000 / 1000};
    return a0 ? copyout(p, a0, tv, sizeof tv) : 0;
  }
  case SYS_time: {
    uint64_t s = clock_real_ns() / 1000000000;
    if (a0 && copyout(p, a0, &s, 8))
      return -EFAULT;
    return (int64_t)s;
  }
  case SYS_clock_gettime:
    return sys_clock_gettime(p, (int)a0, a1);
  case SYS_clock_getres: {
    struct timespec64 ts = {0, 1};
    return a1 ? copyout(p, a1, &ts, sizeof ts) : 0;
  }
  case SYS_arch_prctl:
    if (a0 == 0x1002) { /* ARCH_SET_FS */
      t->fs_base = a1;
      wrmsr(MSR_FS_BASE, a1);
      return 0;
    }
    if (a0 == 0x1003) /* ARCH_GET_FS */
      return copyout(p, a1, &t->fs_base, 8);
    return -EINVAL;
  case SYS_set_tid_address:
    t->clear_tid = a0;
    return t->tid;
  case SYS_futex:
    return sys_futex(p, a0, (int)a1, (uint32_t)a2, a3, a4, (uint32_t)tf->r9);
  case SYS_getrandom:
    for (uint64_t i = 0; i < a1; i += 8) {
      uint64_t r = random64();
      if (copyout(p, a0 + i, &r, a1 - i < 8 ? a1 - i : 8))
        return -EFAULT;
    }
    return (int64_t)a1;
  }
  kprintf("compat: unsupported syscall %lu\n", tf->rax);
  return -ENOSYS;
}
