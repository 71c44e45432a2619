/* The nested-paging back end's CPU side: AMD-V (SVM) with nested paging,
 * which QEMU 7.2 emulates under TCG with -cpu max. Every user thread runs as
 * a CPL-3 guest; its kernel stack holds npt_run, a loop that loads the
 * thread's trap frame into the (one, per-CPU) VMCB, runs the guest until a
 * #VMEXIT and handles the exit with the same code the software back end's
 * traps use:
 *
 *   INTR        a physical interrupt; it is taken after stgi (svm.S) and
 *               counts toward the thread's quantum, as trap() does
 *   #UD         `syscall` (0f 05): SYSCALL cannot be intercepted, so the
 *               guest runs with EFER.SCE = 0 and the kernel emulates it
 *               (rip += 2, rcx = rip, r11 = rflags) and calls syscall()
 *   #PF         the guest page table (level 1: anonymous memory and the
 *               view's slots) has no entry: vm_fault, as a user page fault
 *   NPF         the nested table (level 2: the security context's object
 *               space) has no entry or too few rights: npt_fault (npt.c)
 *   other       the exception kills the process with trap()'s message
 *
 * Facts about QEMU's emulation this relies on (issue 15): VMRUN saves no
 * general registers but RAX/RSP; the guest EFER needs SVME; ASID 0 is
 * refused; GIF is 0 after #VMEXIT; nested entries need U/S. */
#include "object.h"
#include "npt.h"
#include "x86.h"

#define MSR_VM_CR 0xC0010114
#define MSR_VM_HSAVE_PA 0xC0010117
#define EFER_SVME (1ull << 12)

/* VMCB offsets (AMD64 APM vol. 2, appendix B). */
#define C_INTERCEPT_EXC 0x008
#define C_INTERCEPT1 0x00C
#define C_INTERCEPT2 0x010
#define C_ASID 0x058
#define C_TLB_CONTROL 0x05C
#define C_INT_CTL 0x060
#define C_EXITCODE 0x070
#define C_EXITINFO1 0x078
#define C_EXITINFO2 0x080
#define C_NP_ENABLE 0x090
#define C_EVENTINJ 0x0A8
#define C_N_CR3 0x0B0
#define S_ES 0x400
#define S_CS 0x410
#define S_SS 0x420
#define S_DS 0x430
#define S_GDTR 0x460
#define S_IDTR 0x480
#define S_CPL 0x4CB
#define S_EFER 0x4D0
#define S_CR4 0x548
#define S_CR3 0x550
#define S_CR0 0x558
#define S_DR7 0x560
#define S_DR6 0x568
#define S_RFLAGS 0x570
#define S_RIP 0x578
#define S_RSP 0x5D8
#define S_RAX 0x5F8
#define S_G_PAT 0x668

#define EXIT_EXCP 0x40
#define EXIT_INTR 0x60
#define EXIT_NMI 0x61
#define EXIT_SHUTDOWN 0x7F
#define EXIT_NPF 0x400

int npt_on;
struct twz_npt_stats npt_stats;
static uint8_t *vmcb;
static uint64_t vmcb_pa;
void svm_vmrun(uint64_t vmcb_pa, struct trapframe *tf);

#define V64(off) (*(volatile uint64_t *)(vmcb + (off)))
#define V32(off) (*(volatile uint32_t *)(vmcb + (off)))
#define V8(off) (*(volatile uint8_t *)(vmcb + (off)))

static void seg(uint32_t off, uint16_t sel, uint16_t attrib) {
  *(volatile uint16_t *)(vmcb + off) = sel;
  *(volatile uint16_t *)(vmcb + off + 2) = attrib;
  *(volatile uint32_t *)(vmcb + off + 4) = 0xffffffff;
  V64(off + 8) = 0;
}

void svm_init(void) {
  uint32_t a, b, c, d;
  cpuid(0x80000000, &a, &b, &c, &d);
  uint32_t maxext = a;
  cpuid(0x80000001, &a, &b, &c, &d);
  if (!(c & (1u << 2)) || maxext < 0x8000000A)
    panic("npt: the CPU has no SVM (AMD-V); QEMU needs -cpu max");
  if (!(d & (1u << 26)))
    panic("npt: the CPU has no 1 GiB pages (the guest page table maps a slot with one)");
  cpuid(0x8000000A, &a, &b, &c, &d);
  if (!(d & 1))
    panic("npt: the CPU has SVM but no nested paging (CPUID 8000000A.EDX bit 0)");
  if (rdmsr(MSR_VM_CR) & (1u << 4))
    panic("npt: SVM is disabled (VM_CR.SVMDIS)");
  wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
  uint64_t hsave = pmm_alloc();
  vmcb_pa = pmm_alloc();
  if (!hsave || !vmcb_pa)
    panic("npt: out of memory");
  wrmsr(MSR_VM_HSAVE_PA, hsave);
  vmcb = P2V(vmcb_pa);
  /* Every exception exits (the guest has no IDT of its own), as do
   * physical interrupts, NMIs, shutdown, and VMRUN (required). */
  V32(C_INTERCEPT_EXC) = 0xffffffff;
  V32(C_INTERCEPT1) = (1u << 0) | (1u << 1) | (1u << 24) | (1u << 31); /* INTR NMI HLT SHUTDOWN */
  V32(C_INTERCEPT2) = 0x7f;                        /* VMRUN VMMCALL VMLOAD VMSAVE STGI CLGI SKINIT */
  V32(C_ASID) = 1;                                 /* ASID 0 is the host's: refused */
  V64(C_INT_CTL) = 1ull << 24;                     /* V_INTR_MASKING: host IF gates interrupts */
  V64(C_NP_ENABLE) = 1;
  seg(S_CS, UCODE, 0xAFB);                         /* 64-bit code, DPL 3 */
  seg(S_SS, UDATA, 0xCF3);
  seg(S_DS, UDATA, 0xCF3);
  seg(S_ES, UDATA, 0xCF3);
  V8(S_CPL) = 3;
  /* EFER: long mode, NX as the host, SVME (QEMU checks it), no SCE: a
   * guest `syscall` raises #UD, which exits. */
  V64(S_EFER) = (1ull << 8) | (1ull << 10) | EFER_SVME | (pte_nx ? 1ull << 11 : 0);
  uint64_t cr0, cr4;
  __asm__ volatile("mov %%cr0, %0; mov %%cr4, %1" : "=r"(cr0), "=r"(cr4));
  V64(S_CR0) = cr0;
  V64(S_CR4) = cr4;
  V64(S_DR7) = 0x400;
  V64(S_DR6) = 0xffff0ff0;
  V64(S_G_PAT) = 0x0007040600070406ull;
  npt_on = 1;
}

/* An exception in the guest: what trap() does for one in user mode. */
static void exception(struct thread *t, uint64_t vec, uint64_t info1, uint64_t info2) {
  struct trapframe *tf = t->tf;
  int has_err = vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec >= 29;
  tf->vec = vec;
  tf->err = has_err ? info1 : 0;
  if (vec == 14) {
    npt_stats.exits_pf++;
    enum access acc = (tf->err & 0x10) ? ACC_EXEC : (tf->err & 2) ? ACC_WRITE : ACC_READ;
    const char *why = vm_fault(t->proc, info2, acc);
    if (why)
      user_fault(tf, info2, acc, why);
    return;
  }
  if (vec == 6) {
    uint8_t insn[2];
    if (!copyin(t->proc, insn, tf->rip, 2) && insn[0] == 0x0f && insn[1] == 0x05) {
      npt_stats.exits_syscall++;
      tf->rip += 2;
      tf->rcx = tf->rip; /* what the syscall instruction leaves */
      tf->r11 = tf->rflags;
      tf->vec = 0x100;
      tf->err = 0;
      syscall(tf);
      return;
    }
  }
  exception_kill(t, vec, tf->err, tf->rip);
}

_Noreturn void npt_run(void) {
  struct thread *t = curthread();
  struct trapframe *tf = t->tf;
  for (;;) {
    struct proc *p = t->proc;
    uint64_t root = npt_root(p);
    if (!root) {
      kprintf("twz-kernel: %d/%d killed: out of memory for the nested page table\n", p->pid,
              t->tid);
      proc_exit(p, 139);
      thread_exit();
    }
    V64(C_N_CR3) = root;
    V64(S_CR3) = V2P(p->pml4);
    V64(S_RIP) = tf->rip;
    V64(S_RSP) = tf->rsp;
    V64(S_RFLAGS) = tf->rflags | 0x202; /* user mode always takes interrupts */
    V64(S_RAX) = tf->rax;
    V64(C_EVENTINJ) = 0;
    /* No flush-by-ASID under TCG (QEMU flushes on every world switch
     * anyway); on hardware this flush keeps every change the kernel made
     * to either level since the last run from being hidden by the TLB. */
    V8(C_TLB_CONTROL) = 1;
    uint64_t before = ticks;
    npt_stats.vmruns++;
    svm_vmrun(vmcb_pa, tf);
    tf->rip = V64(S_RIP);
    tf->rsp = V64(S_RSP);
    tf->rflags = V64(S_RFLAGS);
    tf->rax = V64(S_RAX);
    uint64_t code = V64(C_EXITCODE), info1 = V64(C_EXITINFO1), info2 = V64(C_EXITINFO2);
    if (ticks != before) { /* the timer fired during the guest: trap()'s preemption */
      npt_stats.exits_intr++;
      t->ticks += (int)(ticks - before);
      if (t->ticks >= QUANTUM)
        yield();
    }
    if (code >= EXIT_EXCP && code < EXIT_EXCP + 32)
      exception(t, code - EXIT_EXCP, info1, info2);
    else if (code == EXIT_NPF) {
      npt_stats.exits_npf++;
      enum access acc = (info1 & 0x10) ? ACC_EXEC : (info1 & 2) ? ACC_WRITE : ACC_READ;
      const char *why = npt_fault(p, info2, acc, (int)(info1 & 1));
      if (why) {
        kprintf("twz-kernel: %d/%d killed: nested page fault at guest-physical 0x%lx rip 0x%lx: "
                "%s\n", p->pid, t->tid, info2, tf->rip, why);
        proc_exit(p, 139);
        thread_exit();
      }
    } else if (code == EXIT_INTR || code == EXIT_NMI)
      ;
    else if (code == (uint64_t)-1)
      panic("npt: VMRUN refused the guest state (VMEXIT_INVALID) rip 0x%lx", tf->rip);
    else {
      kprintf("twz-kernel: %d/%d killed: unexpected #VMEXIT 0x%lx (info 0x%lx 0x%lx) rip 0x%lx\n",
              p->pid, t->tid, code, info1, info2, tf->rip);
      proc_exit(p, 139);
      thread_exit();
    }
    if (p->exiting) /* another thread ended the process */
      thread_exit();
  }
}

void npt_report(void) {
  kprintf("twz-kernel: npt: %lu vmruns; exits: %lu syscall, %lu #PF, %lu NPF (%lu P=1, %lu "
          "reflected), %lu timer; %lu guest slot entries written, %lu nested tables, %lu "
          "object-space slots dropped from them\n",
          npt_stats.vmruns, npt_stats.exits_syscall, npt_stats.exits_pf, npt_stats.exits_npf,
          npt_stats.npf_present, npt_stats.npf_reflected, npt_stats.exits_intr,
          npt_stats.guest_slot_writes, npt_stats.nested_tables, npt_stats.nested_drops);
}
