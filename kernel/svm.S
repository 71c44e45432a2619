/* VMRUN for the nested-paging back end (svm.c). VMRUN and #VMEXIT switch
 * only RAX, RSP, RIP, RFLAGS, the control registers and ES/CS/SS/DS, so the
 * guest's other general registers are loaded from and saved to the
 * thread's trap frame here; FS/GS bases and the FPU are the thread's live
 * ones, as in the software back end. */
        .text

/* Offsets in struct trapframe (kernel.h). */
#define R15 0
#define R14 8
#define R13 16
#define R12 24
#define R11 32
#define R10 40
#define R9 48
#define R8 56
#define RBP 64
#define RDI 72
#define RSI 80
#define RDX 88
#define RCX 96
#define RBX 104

/* svm_vmrun(uint64_t vmcb_pa, struct trapframe *tf): run the guest until
 * its next #VMEXIT. GIF is cleared around VMRUN with the host's IF set, so
 * a physical interrupt during the guest exits (INTR intercept) and is then
 * taken here, through the host IDT, in the window after stgi. */
        .globl svm_vmrun
svm_vmrun:
        push %rbp
        push %rbx
        push %r12
        push %r13
        push %r14
        push %r15
        push %rsi                         /* tf, for after the exit */
        mov %rdi, %rax
        mov R15(%rsi), %r15
        mov R14(%rsi), %r14
        mov R13(%rsi), %r13
        mov R12(%rsi), %r12
        mov R11(%rsi), %r11
        mov R10(%rsi), %r10
        mov R9(%rsi), %r9
        mov R8(%rsi), %r8
        mov RBP(%rsi), %rbp
        mov RDI(%rsi), %rdi
        mov RDX(%rsi), %rdx
        mov RCX(%rsi), %rcx
        mov RBX(%rsi), %rbx
        mov RSI(%rsi), %rsi
        clgi
        sti                               /* GIF=0 holds interrupts until stgi */
        vmrun %rax
        push %rsi                         /* guest rsi */
        mov 8(%rsp), %rsi                 /* tf */
        mov %r15, R15(%rsi)
        mov %r14, R14(%rsi)
        mov %r13, R13(%rsi)
        mov %r12, R12(%rsi)
        mov %r11, R11(%rsi)
        mov %r10, R10(%rsi)
        mov %r9, R9(%rsi)
        mov %r8, R8(%rsi)
        mov %rbp, RBP(%rsi)
        mov %rdi, RDI(%rsi)
        mov %rdx, RDX(%rsi)
        mov %rcx, RCX(%rsi)
        mov %rbx, RBX(%rsi)
        pop %rax
        mov %rax, RSI(%rsi)
        add $8, %rsp
        stgi                              /* an interrupt that made the guest exit is taken now */
        nop
        cli
        pop %r15
        pop %r14
        pop %r13
        pop %r12
        pop %rbx
        pop %rbp
        ret

/* A user thread's first run under the nested back end: swtch "returns"
 * here (instead of trapret) with rsp at the thread's trap frame. */
        .globl npt_thread_start
npt_thread_start:
        and $-16, %rsp
        call npt_run
        ud2
