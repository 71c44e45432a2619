/* Interrupt descriptor table and the C side of every interrupt and
 * exception. The 8259 PICs are remapped to vectors 32..47 with only the
 * timer (IRQ0) unmasked. A fault in user mode kills the process with a
 * message; a fault in the kernel is a bug and panics with the vector,
 * error code, RIP and CR2. */
#include "kernel.h"
#include "x86.h"

struct gate {
  uint16_t off0, sel;
  uint8_t ist, type;
  uint16_t off1;
  uint32_t off2, zero;
} __attribute__((packed));

static struct gate idt[256];
extern char vectors[];

static const char *const names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
    "#BR bound", "#UD invalid opcode", "#NM no FPU", "#DF double fault", "coprocessor",
    "#TS invalid TSS", "#NP segment not present", "#SS stack fault",
    "#GP general protection", "#PF page fault", "reserved", "#MF x87 error",
    "#AC alignment check", "#MC machine check", "#XM SIMD error", "#VE virtualization",
    "#CP control protection"};

static const char *name(uint64_t vec) { return vec < 32 && names[vec] ? names[vec] : "?"; }

/* A user thread's exception that nothing handles: the line every test
 * knows and the shell's status (SIGILL, SIGFPE, SIGSEGV). Both back ends. */
_Noreturn void exception_kill(struct thread *t, uint64_t vec, uint64_t err, uint64_t rip) {
  kprintf("twz-kernel: %d/%d killed: exception %lu (%s) error 0x%lx rip 0x%lx\n", t->proc->pid,
          t->tid, vec, name(vec), err, rip);
  proc_exit(t->proc, vec == 6 ? 132 : vec == 0 ? 136 : 139);
  thread_exit();
}

static void pic_init(void) {
  outb(0x20, 0x11), outb(0xa0, 0x11);   /* ICW1: init, expect ICW4 */
  outb(0x21, 32), outb(0xa1, 40);       /* ICW2: vector bases */
  outb(0x21, 4), outb(0xa1, 2);         /* ICW3: slave on IRQ2 */
  outb(0x21, 1), outb(0xa1, 1);         /* ICW4: 8086 mode */
  outb(0x21, 0xfe), outb(0xa1, 0xff);   /* mask all but the timer */
}

void idt_init(void) {
  for (int v = 0; v < 48; v++) {
    uint64_t a = (uint64_t)vectors + 16 * v;
    idt[v] = (struct gate){.off0 = a & 0xffff, .sel = KCODE, .ist = v == 8 ? 1 : 0,
                           .type = 0x8e, .off1 = (a >> 16) & 0xffff, .off2 = a >> 32};
  }
  struct {
    uint16_t limit;
    uint64_t base;
  } __attribute__((packed)) ptr = {sizeof idt - 1, (uint64_t)idt};
  __asm__ volatile("lidt %0" ::"m"(ptr));
  pic_init();
}

void trap(struct trapframe *tf) {
  int user = (tf->cs & 3) == 3;
  if (tf->vec == 32) {
    outb(0x20, 0x20);
    timer_tick();
    struct thread *t = curthread();
    if (user && t && ++t->ticks >= QUANTUM)
      yield();
    return;
  }
  if (tf->vec >= 32) { /* other IRQs are masked; spurious ones are ignored */
    if (tf->vec >= 40)
      outb(0xa0, 0x20);
    if (tf->vec != 39 && tf->vec != 47)
      outb(0x20, 0x20);
    return;
  }
  if (tf->vec == 14 && user) {
    uint64_t va = rcr2();
    enum access acc = (tf->err & 0x10) ? ACC_EXEC : (tf->err & 2) ? ACC_WRITE : ACC_READ;
    const char *why = vm_fault(curproc(), va, acc);
    if (why)
      user_fault(tf, va, acc, why);
    return;
  }
  if (user)
    exception_kill(curthread(), tf->vec, tf->err, tf->rip);
  panic("exception %lu (%s) in kernel: error 0x%lx rip 0x%lx cr2 0x%lx rsp 0x%lx", tf->vec,
        name(tf->vec), tf->err, tf->rip, rcr2(), tf->rsp);
}
