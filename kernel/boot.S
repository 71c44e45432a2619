/* Boot: QEMU's multiboot (v1) loader enters _start32 in 32-bit protected
 * mode with paging off, eax = multiboot magic, ebx = physical address of the
 * multiboot info. We switch to long mode with static page tables that map
 * the first 4 GiB three times: identity (only until we jump high), at
 * DIRECT (the direct map) and the first GiB at KERNBASE (the kernel image),
 * then call kmain(magic, mbi) on the boot stack.
 *
 * The kernel is a 64-bit ELF that QEMU refuses to load as such; the
 * "a.out kludge" header fields below tell the loader where the flat binary
 * (llvm-objcopy -O binary) goes instead. */
#define KERNBASE 0xffffffff80000000
#define PHYS(x) ((x) - KERNBASE)

        .section .multiboot, "a"
        .balign 4
mb_header:
        .long 0x1BADB002                  /* magic */
        .long 0x00010003                  /* page-aligned modules, memory map, address fields */
        .long -(0x1BADB002 + 0x00010003)
        .long PHYS(mb_header)             /* header_addr */
        .long PHYS(mb_header)             /* load_addr: the file starts with this header */
        .long 0                           /* load_end_addr: the whole file */
        .long PHYS(_end)                  /* bss_end_addr: QEMU zeroes up to here */
        .long PHYS(_start32)              /* entry_addr */

        .section .text.boot, "ax"
        .code32
        .globl _start32
_start32:
        cli
        mov %eax, %edi
        mov %ebx, %esi
        rdtsc                             /* boot timestamp for the boot-to-user measurement */
        mov %eax, PHYS(boot_tsc)
        mov %edx, PHYS(boot_tsc) + 4
        mov $0x80000001, %eax
        cpuid
        mov %edx, %ebp                    /* bit 20: NX */
        mov %cr4, %eax
        or $0x620, %eax                   /* PAE | OSFXSR | OSXMMEXCPT */
        mov %eax, %cr4
        mov $PHYS(boot_pml4), %eax
        mov %eax, %cr3
        mov $0xC0000080, %ecx             /* EFER */
        rdmsr
        or $0x101, %eax                   /* LME | SCE (syscall) */
        bt $20, %ebp
        jnc 1f
        or $0x800, %eax                   /* NXE */
1:      wrmsr
        mov %cr0, %eax
        and $~0x4, %eax                   /* no FPU emulation */
        or $0x80010022, %eax              /* PG | WP | NE | MP */
        mov %eax, %cr0
        lgdt PHYS(gdt64_ptr)
        ljmp $0x08, $PHYS(start64)

        .code64
start64:
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        xor %ax, %ax
        mov %ax, %fs
        mov %ax, %gs
        movabs $boot_stack_top, %rsp
        mov %edi, %edi
        mov %esi, %esi
        movabs $kmain, %rax
        call *%rax
2:      hlt
        jmp 2b

        .data
        .balign 16
gdt64:  .quad 0
        .quad 0x00af9a000000ffff          /* 0x08 kernel code, 64-bit */
        .quad 0x00cf92000000ffff          /* 0x10 kernel data */
gdt64_ptr:
        .word gdt64_ptr - gdt64 - 1
        .long PHYS(gdt64)

        .globl boot_tsc
        .balign 8
boot_tsc: .quad 0

        .balign 4096
        .globl boot_pml4
boot_pml4:
        .quad PHYS(boot_pdpt_low) + 3     /* [0]: identity, cleared by kmain */
        .fill 255, 8, 0
        .quad PHYS(boot_pdpt_low) + 3     /* [256]: DIRECT */
        .fill 254, 8, 0
        .quad PHYS(boot_pdpt_high) + 3    /* [511]: KERNBASE */
boot_pdpt_low:
        .quad PHYS(boot_pd) + 0x0003
        .quad PHYS(boot_pd) + 0x1003
        .quad PHYS(boot_pd) + 0x2003
        .quad PHYS(boot_pd) + 0x3003
        .fill 508, 8, 0
boot_pdpt_high:
        .fill 510, 8, 0
        .quad PHYS(boot_pd) + 3           /* -2 GiB -> physical 0 */
        .quad 0
boot_pd:                                  /* 2048 2 MiB pages: physical 0..4 GiB */
        .set i, 0
        .rept 2048
        .quad (i << 21) | 0x83
        .set i, i + 1
        .endr

        .bss
        .balign 4096
boot_stack:
        .skip 16384
        .globl boot_stack_top
boot_stack_top:
