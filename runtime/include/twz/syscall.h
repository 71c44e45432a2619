/*
 * Native twz system calls: the contract between kernel/ and the native
 * back end of libtwz (docs/kernel.md describes them). Numbers start at
 * 0x400 so they never collide with the Linux system call numbers that the
 * kernel's compatibility layer serves for musl. Arguments go in rdi, rsi,
 * rdx, r10, r8, r9 and the number in rax, as on Linux; the result is in rax,
 * 0 or a positive value on success and -errno on failure.
 */
#ifndef TWZ_SYSCALL_H
#define TWZ_SYSCALL_H

#define TWZ_SYS_BASE 0x400

/* obj_create(uint8_t id[16], uint64_t flags): create an empty (all-zero,
 * demand-allocated) object. Without TWZ_OC_FIXED_ID the kernel picks a
 * random ID and writes it to id; with it, id is used as given and an
 * existing object is -EEXIST. */
#define TWZ_SYS_OBJ_CREATE 0x400
#define TWZ_OC_FIXED_ID 0x1
/* ...and with TWZ_OC_VOLATILE the object lives in RAM and is gone at
 * power-off; otherwise it is on persistent memory when the machine has
 * some (docs/kernel.md "Persistent memory"). Other flags: -EINVAL. */
#define TWZ_OC_VOLATILE 0x2

/* obj_delete(const uint8_t id[16]): the object disappears once no view
 * maps it. -EACCES unless the caller's security context grants delete (d). */
#define TWZ_SYS_OBJ_DELETE 0x401

/* view_set(uint64_t slot, const uint8_t id[16] or NULL, uint64_t prot):
 * write slot's entry of the calling process's view object (<twz/kso.h>)
 * and invalidate it, as a program could with stores and kso_invalidate:
 * slot (virtual address slot << 30) shows object id with protections prot
 * (TWZ_PROT_*), or nothing (id NULL). Pages get at most prot AND the active
 * security context's rights; -EACCES if prot is not 0 and the context
 * cannot read the object. Pages are mapped on demand when a thread touches
 * the slot; the first page of every slot (the null page) always faults.
 * -ENOENT: no such object; -EINVAL: slot outside [TWZ_SLOT_USER_FIRST,
 * TWZ_SLOT_USER_LIMIT). */
#define TWZ_SYS_VIEW_SET 0x402

/* view_get(uint64_t slot, uint8_t id_out[16], uint64_t *prot_out):
 * slot's entry of the view object: 0 and the ID and the protections the
 * entry asks for (not the context's rights: obj_rights has those), or
 * -ENOENT if the entry is empty. */
#define TWZ_SYS_VIEW_GET 0x403

/* obj_stat(const uint8_t id[16], struct twz_obj_header *hdr_out or NULL):
 * 0 if the object exists, else -ENOENT; hdr_out gets the 128 bytes at
 * TWZ_META_OFFSET (the object header) whatever the caller's rights, as
 * stat(2) works on a file one cannot read. */
#define TWZ_SYS_OBJ_STAT 0x404

/* debug(uint64_t op): kernel testing aids. TWZ_DEBUG_PANIC makes the
 * kernel panic (message "requested by user program"); TWZ_DEBUG_KFAULT
 * makes it dereference an unmapped kernel address, exercising the exception
 * panic path. Anything else is -EINVAL. */
#define TWZ_SYS_DEBUG 0x405
#define TWZ_DEBUG_PANIC 1
#define TWZ_DEBUG_KFAULT 2
/* debug(TWZ_DEBUG_NPT_STATS, struct twz_npt_stats *out): the nested-paging
 * back end's counters since boot (twz-boot --npt; docs/kernel.md
 * "Nested-paging back end"), for tests; -EINVAL under the software back end. */
#define TWZ_DEBUG_NPT_STATS 3
struct twz_npt_stats {
  unsigned long long vmruns;        /* guest entries (VMRUN) */
  unsigned long long exits_syscall; /* #UD exits that were a syscall instruction */
  unsigned long long exits_pf;      /* guest page faults (level 1: the view, anonymous memory) */
  unsigned long long exits_npf;     /* nested page faults (level 2: the object space) */
  unsigned long long npf_present;   /* ... of them with P=1: a rights violation */
  unsigned long long npf_reflected; /* ... refused at level 2, re-raised as a guest fault */
  unsigned long long exits_intr;    /* guest runs the timer interrupted */
  unsigned long long guest_slot_writes; /* guest page-table entries of object slots written */
  unsigned long long nested_tables; /* nested tables made (one per context, shared) */
  unsigned long long nested_drops;  /* object-space slots dropped from nested tables */
  unsigned long long n_cr3;         /* the caller's N_CR3 now (its active context's table) */
};

/* sctx_attach(const uint8_t id[16]): attach object id (a security context,
 * <twz/security.h>) to the calling process. It needs the use right (u) on
 * the context object, as the active context computes it (without one: an
 * empty context, so the object's default rights if it is protected). A
 * process without an active context makes it active at once (rights of
 * every mapped slot re-checked, old translations dropped); otherwise it
 * waits for sctx_activate. At most TWZ_THREAD_SCTX_MAX contexts.
 * -ENOENT: no such object; -EINVAL: not a context; -EACCES: no use right;
 * -EEXIST: already attached; -ENOSPC: too many. */
#define TWZ_SYS_SCTX_ATTACH 0x406

/* obj_rights(const uint8_t id[16]): the rights (TWZ_PERM_*) the calling
 * process's security context has on object id, as the kernel computed
 * them; -ENOENT if there is no such object. Without a context: every right
 * on an unprotected object, its default rights on a protected one. */
#define TWZ_SYS_OBJ_RIGHTS 0x407

/* sec_verify(const void *blob, uint64_t len): verify a capability or
 * delegation with the kernel's verifier; returns its status (enum
 * twz_sec_status, 0 = valid) and prints the reason on the console when it
 * is not valid. For tests and tools: rights never depend on this call. */
#define TWZ_SYS_SEC_VERIFY 0x408

/* sctx_detach(const uint8_t id[16]): detach an attached context. -ENOENT:
 * not attached; -EBUSY: it is the active one (activate another first: a
 * process never goes back to running without a context). */
#define TWZ_SYS_SCTX_DETACH 0x409

/* sctx_activate(const uint8_t id[16]): make an attached context the active
 * one: from now on rights come from it; every mapped slot is re-checked and
 * old translations are dropped. -ENOENT: not attached. */
#define TWZ_SYS_SCTX_ACTIVATE 0x40a

/* kso_invalidate(const uint8_t id[16] or NULL, uint64_t first, uint64_t
 * count): tell the kernel a kernel state object changed. id NULL or the
 * process's view object: the kernel forgets what it read of the entries
 * for slots [first, first + count) (count 0: every slot) and reads them
 * again at the next touch. id an attached security context: every rights
 * computation of the context is redone (new capabilities, revocations,
 * masks), for every process in it, and every translation made with the old
 * rights is dropped. -EINVAL otherwise. */
#define TWZ_SYS_KSO_INVALIDATE 0x40b

/* kso_self(uint64_t which, uint8_t id_out[16]): the ID of the calling
 * process's view object (TWZ_KSO_VIEW), of the calling thread's object
 * (TWZ_KSO_THREAD) or of the active security context (TWZ_KSO_SCTX,
 * -ENOENT if none); <twz/kso.h>. -EINVAL: unknown selector. */
#define TWZ_SYS_KSO_SELF 0x40c

/* obj_persist(const void *addr, uint64_t len): make the object bytes of
 * [addr, addr + len) durable (flush and fence; in strict mode, copy them to
 * persistent memory: only this makes them survive a power cut). A
 * persistence point, counted by the pmemcut knob. Programs normally
 * flush with clwb and sfence themselves and call this only when pmem_info
 * says TWZ_PMEM_STRICT or TWZ_PMEM_COUNTED. */
#define TWZ_SYS_OBJ_PERSIST 0x40d

/* pmem_info(): TWZ_PMEM_ON if objects live on persistent memory, with
 * TWZ_PMEM_STRICT in strict mode and TWZ_PMEM_COUNTED when persistence
 * points are counted (pmemcut / pmemcutms): then programs persist through
 * obj_persist. */
#define TWZ_SYS_PMEM_INFO 0x40e
#define TWZ_PMEM_ON 0x1
#define TWZ_PMEM_STRICT 0x2
#define TWZ_PMEM_COUNTED 0x4

/* resume_mark(uint64_t arg): make the calling process resumable: if the
 * power goes while it runs, the next boot starts its program again, first,
 * with its view as it was (every slot showing the same object) and
 * TWZ_RESUME=<arg> in its environment; libtwz then calls the program's
 * `_resume(arg)` instead of main. Again: a new arg. Ending (exit, a fault)
 * makes it not resumable any more. -ENODEV without persistent memory,
 * -ENOSPC when 4 processes are resumable. */
#define TWZ_SYS_RESUME_MARK 0x40f

#define TWZ_PROT_READ 0x1
#define TWZ_PROT_WRITE 0x2
#define TWZ_PROT_EXEC 0x4

/* The part of the user address space whose slots hold objects; below it the
 * program image (slot 0; static-pie programs at slot 1) and the brk heap,
 * above it anonymous memory (mmap) and stacks (docs/kernel.md). */
#define TWZ_SLOT_USER_FIRST 16
#define TWZ_SLOT_USER_LIMIT 65536

#endif
