/* Processes: an address space (hardware page table, anonymous regions, a
 * view and security contexts, whose spaces are shared with every process in
 * the same context: objspace.c) shared by its threads. A process ends when
 * one thread calls exit_group, faults, or when its last thread exits; the
 * scheduler frees it once no thread of it can run (proc_reap), and the
 * init thread (main.c) collects the status with proc_wait. */
#include "object.h"

struct proc procs[NPROC];
extern int next_id;

struct proc *proc_alloc(const char *name) {
  for (int i = 0; i < NPROC; i++) {
    struct proc *p = &procs[i];
    if (p->state != P_UNUSED)
      continue;
    memset(p, 0, sizeof *p);
    p->pid = next_id++;
    p->active = -1;
    p->resume = -1;
    static const uint8_t none[16];
    p->pml4 = pml4_new();
    p->sctx = space_get(none); /* no context yet: the space of "none", shared */
    p->view = view_create(p->pid);
    if (!p->pml4 || !p->sctx || !p->view)
      panic("out of memory creating a process");
    p->state = P_LIVE;
    size_t n = strlen(name);
    if (n >= sizeof p->name)
      n = sizeof p->name - 1;
    memcpy(p->name, name, n);
    return p;
  }
  return 0;
}

/* Record the status and stop every other thread of p. On one CPU they are
 * all switched out, so marking them ZOMBIE is enough; the caller, if it is
 * one of p's threads, then calls thread_exit. */
void proc_exit(struct proc *p, int status) {
  if (p->exiting)
    return;
  p->exiting = 1;
  p->status = status & 0xff;
  for (int i = 0; i < NTHREAD; i++) {
    struct thread *t = &threads[i];
    if (t->proc == p && t != curthread() && t->state != T_UNUSED && t->state != T_ZOMBIE)
      t->state = T_ZOMBIE;
  }
}

/* Called by the scheduler when p's last thread is gone. */
void proc_reap(struct proc *p) {
  resume_exit(p); /* it ended: nothing to resume */
  view_destroy(p->view);
  for (int i = 0; i < p->nsctx; i++)
    space_put(p->space[i]);
  if (p->active < 0)
    space_put(p->sctx);
  p->sctx = 0;
  pml4_free(p->pml4);
  p->state = P_DONE;
  wakeup(p);
}

int proc_wait(struct proc *p) {
  while (p->state != P_DONE)
    sleep_on(p, 0);
  p->state = P_UNUSED;
  return p->status;
}

static const char *const accname[] = {"read", "write", "exec", "load"};

/* A user page fault nothing explains: one line on the console, then the
 * process dies as Linux would report SIGSEGV (128 + 11). */
void user_fault(struct trapframe *tf, uint64_t va, enum access acc, const char *why) {
  struct thread *t = curthread();
  int mapped = strncmp(why, "unmapped", 8) && strncmp(why, "no object", 9) &&
               strncmp(why, "no such object", 14) && strncmp(why, "kernel address", 14);
  if (signal_fault(tf, va, mapped))
    return; /* the program's SIGSEGV handler runs instead */
  kprintf("twz-kernel: page fault: %d/%d %s at 0x%lx rip 0x%lx: %s\n", t->proc->pid, t->tid,
          accname[acc], va, tf->rip, why);
  proc_exit(t->proc, 139);
  thread_exit();
}
