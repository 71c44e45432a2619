/* Entry and exit of the kernel: interrupt/exception stubs, the syscall
 * instruction's entry and sysret exit, the common return path trapret
 * (iretq, which restores any frame, including a new thread's), and the
 * context switch. */
        .text

/* One 16-byte stub per vector 0..47, so idt_init finds vector n at
 * vectors + 16n. CPU exceptions with an error code skip the dummy push. */
        .balign 16
        .globl vectors
vectors:
        .set n, 0
        .rept 48
        .balign 16
        .if (n == 8) || (n == 10) || (n == 11) || (n == 12) || (n == 13) || (n == 14) || (n == 17) || (n == 21) || (n == 29) || (n == 30)
        .else
        pushq $0
        .endif
        pushq $n
        jmp alltraps
        .set n, n + 1
        .endr

.macro SAVE_REGS
        push %rax
        push %rbx
        push %rcx
        push %rdx
        push %rsi
        push %rdi
        push %rbp
        push %r8
        push %r9
        push %r10
        push %r11
        push %r12
        push %r13
        push %r14
        push %r15
.endm

alltraps:
        testb $3, 24(%rsp)                /* from user mode? then switch GS to the kernel's */
        jz 1f
        swapgs
1:      SAVE_REGS
        mov %rsp, %rdi
        cld
        call trap
        .globl trapret
trapret:
        pop %r15
        pop %r14
        pop %r13
        pop %r12
        pop %r11
        pop %r10
        pop %r9
        pop %r8
        pop %rbp
        pop %rdi
        pop %rsi
        pop %rdx
        pop %rcx
        pop %rbx
        pop %rax
        add $16, %rsp                     /* vec, err */
        testb $3, 8(%rsp)
        jz 2f
        swapgs
2:      iretq

/* syscall: rcx = user rip, r11 = user rflags, IF already cleared by SFMASK.
 * Build the same trapframe an interrupt would, on this thread's kernel stack
 * (cpu.kstack_top at %gs:0), so C code sees one frame format. */
        .globl syscall_entry
syscall_entry:
        swapgs
        mov %rsp, %gs:8
        mov %gs:0, %rsp
        pushq $0x1b                       /* ss */
        pushq %gs:8                       /* rsp */
        push %r11                         /* rflags */
        pushq $0x23                       /* cs */
        push %rcx                         /* rip */
        pushq $0                          /* err */
        pushq $0x100                      /* vec: marks a syscall frame */
        SAVE_REGS
        mov %rsp, %rdi
        cld
        call syscall
        /* Fast return with sysret. Frames sysret cannot restore go through
         * iretq: one rt_sigreturn marked (it restores rcx and r11 too), a
         * non-user cs, or a non-canonical rip (sysret would fault in ring 0
         * with the user's rsp). rcx and r11 are clobbered, as
         * Linux documents for syscall. */
        cmpq $0x100, 120(%rsp)            /* vec: rt_sigreturn restores every register */
        jne trapret
        movq 136(%rsp), %rcx              /* rip */
        movq %rcx, %r11
        shrq $47, %r11
        jnz trapret
        cmpq $0x23, 144(%rsp)             /* cs */
        jne trapret
        pop %r15
        pop %r14
        pop %r13
        pop %r12
        add $8, %rsp                      /* r11: becomes rflags */
        pop %r10
        pop %r9
        pop %r8
        pop %rbp
        pop %rdi
        pop %rsi
        pop %rdx
        add $8, %rsp                      /* rcx: becomes rip */
        pop %rbx
        pop %rax
        movq 16(%rsp), %rcx               /* rip (after vec, err) */
        movq 32(%rsp), %r11               /* rflags */
        movq 40(%rsp), %rsp               /* user rsp; interrupts stay off until sysret */
        swapgs
        sysretq

/* swtch(struct context **old, struct context *new): save callee-saved
 * registers on this stack, store its pointer in *old, resume new. */
        .globl swtch
swtch:
        push %rbp
        push %rbx
        push %r12
        push %r13
        push %r14
        push %r15
        mov %rsp, (%rdi)
        mov %rsi, %rsp
        pop %r15
        pop %r14
        pop %r13
        pop %r12
        pop %rbx
        pop %rbp
        ret

/* First run of a kernel thread: kthread_create left fn in r13, arg in r12. */
        .globl kthread_start
kthread_start:
        mov %r12, %rdi
        call *%r13
        ud2
