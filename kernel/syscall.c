/* System call entry (syscall/sysret MSRs) and the native twz calls of
 * runtime/include/twz/syscall.h. Numbers >= TWZ_SYS_BASE are native;
 * everything below is Linux's, served by compat/linux.c. */
#include "object.h"
#include "x86.h"
#include "npt.h"
#include "twz/syscall.h"
#include "twz/security.h"
#include "twz/kso.h"
#include "twz/abi.h"

extern char syscall_entry[];

void syscall_init(void) {
  /* syscall: CS = 0x08, SS = 0x10; sysret: SS = 0x10 + 8, CS = 0x10 + 16 */
  wrmsr(MSR_STAR, (0x10ull << 48) | ((uint64_t)KCODE << 32));
  wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
  wrmsr(MSR_SFMASK, 0x47700); /* clear IF, TF, DF, AC, NT on entry */
}

void syscall(struct trapframe *tf) {
  tf->rax = tf->rax >= TWZ_SYS_BASE ? twz_syscall(tf) : linux_syscall(tf);
}

/* obj_persist: the objects mapped in the slots of [va, va + len), through
 * the view's cache (a slot never touched has nothing to flush). */
static int64_t persist_range(struct proc *p, uint64_t va, uint64_t len) {
  if (len > TWZ_SLOT_SIZE || va + len < va)
    return -EINVAL;
  while (len) {
    uint64_t off = va & (TWZ_SLOT_SIZE - 1), n = TWZ_SLOT_SIZE - off < len ? TWZ_SLOT_SIZE - off : len;
    struct object *o = view_cached_object(p, va >> SLOT_SHIFT);
    if (o)
      object_persist(o, off, n);
    else
      pmem_fence(); /* still a persistence point, as a program's fence is */
    va += n, len -= n;
  }
  return 0;
}

int64_t twz_syscall(struct trapframe *tf) {
  struct proc *p = curproc();
  uint8_t id[16];
  struct object *o;
  int err, prot;
  switch (tf->rax) {
  case TWZ_SYS_OBJ_CREATE:
    if ((tf->rsi & TWZ_OC_FIXED_ID) && copyin(p, id, tf->rdi, 16))
      return -EFAULT;
    if (tf->rsi & ~(uint64_t)(TWZ_OC_FIXED_ID | TWZ_OC_VOLATILE))
      return -EINVAL;
    if ((tf->rsi & TWZ_OC_FIXED_ID) && resume_reserved(id))
      return -EPERM; /* the kernel's resume records (resume.c) */
    if ((err = object_create(id, tf->rsi & TWZ_OC_FIXED_ID, tf->rsi & TWZ_OC_VOLATILE, &o)))
      return err;
    if (copyout(p, tf->rdi, id, 16)) {
      object_delete(id);
      return -EFAULT;
    }
    return 0;
  case TWZ_SYS_OBJ_DELETE:
    if (copyin(p, id, tf->rdi, 16))
      return -EFAULT;
    if (!(o = object_lookup(id)))
      return -ENOENT;
    if (!(sec_rights(p, o) & TWZ_PERM_DEL))
      return -EACCES;
    return object_delete(id);
  case TWZ_SYS_OBJ_RIGHTS:
    if (copyin(p, id, tf->rdi, 16))
      return -EFAULT;
    if (!(o = object_lookup(id)))
      return -ENOENT;
    return sec_rights(p, o);
  case TWZ_SYS_SCTX_ATTACH:
  case TWZ_SYS_SCTX_DETACH:
  case TWZ_SYS_SCTX_ACTIVATE:
    if (copyin(p, id, tf->rdi, 16))
      return -EFAULT;
    return tf->rax == TWZ_SYS_SCTX_ATTACH   ? sec_attach(p, id)
           : tf->rax == TWZ_SYS_SCTX_DETACH ? sec_detach(p, id)
                                            : sec_activate(p, id);
  case TWZ_SYS_KSO_INVALIDATE:
    if (tf->rdi && copyin(p, id, tf->rdi, 16))
      return -EFAULT;
    if (!tf->rdi || !memcmp(id, view_object(p)->id, 16)) {
      view_invalidate(p, tf->rsi, tf->rdx);
      return 0;
    }
    if ((err = sec_attached(p, id)) < 0)
      return -EINVAL;
    /* The context's rights computed again, from the objects as they are
     * now, once for every process in it (objspace.c). */
    objspace_recheck(p->space[err]);
    return 0;
  case TWZ_SYS_KSO_SELF: {
    struct thread *t = curthread();
    if (tf->rdi == TWZ_KSO_VIEW)
      memcpy(id, view_object(p)->id, 16);
    else if (tf->rdi == TWZ_KSO_THREAD && t->kso)
      memcpy(id, t->kso->id, 16);
    else if (tf->rdi == TWZ_KSO_SCTX && p->active >= 0)
      memcpy(id, p->sctx_id[p->active], 16);
    else
      return tf->rdi == TWZ_KSO_SCTX ? -ENOENT : -EINVAL;
    return copyout(p, tf->rsi, id, 16) ? -EFAULT : 0;
  }
  case TWZ_SYS_SEC_VERIFY: {
    uint64_t len = tf->rsi;
    if (len > 65536)
      return -EINVAL;
    void *blob = kmalloc(len ? len : 1);
    if (!blob)
      return -ENOMEM;
    err = copyin(p, blob, tf->rdi, len) ? -EFAULT : sec_verify_blob(blob, len);
    kfree(blob);
    return err;
  }
  case TWZ_SYS_OBJ_STAT: {
    struct twz_obj_header h;
    if (copyin(p, id, tf->rdi, 16))
      return -EFAULT;
    if (!(o = object_lookup(id)))
      return -ENOENT;
    object_read(o, TWZ_META_OFFSET, &h, sizeof h);
    return tf->rsi && copyout(p, tf->rsi, &h, sizeof h) ? -EFAULT : 0;
  }
  case TWZ_SYS_VIEW_SET:
    o = 0;
    if (tf->rsi) {
      if (copyin(p, id, tf->rsi, 16))
        return -EFAULT;
      if (!(o = object_lookup(id)))
        return -ENOENT;
    }
    return view_set(p, tf->rdi, o, (int)tf->rdx);
  case TWZ_SYS_VIEW_GET: {
    if ((err = view_get(p, tf->rdi, id, &prot)))
      return err;
    uint64_t prot64 = prot;
    if (copyout(p, tf->rsi, id, 16) || (tf->rdx && copyout(p, tf->rdx, &prot64, 8)))
      return -EFAULT;
    return 0;
  }
  case TWZ_SYS_OBJ_PERSIST:
    return persist_range(p, tf->rdi, tf->rsi);
  case TWZ_SYS_RESUME_MARK:
    return sys_resume_mark(p, tf->rdi);
  case TWZ_SYS_PMEM_INFO:
    return (pmem_on ? TWZ_PMEM_ON : 0) | (pmem_on && pmem_strict ? TWZ_PMEM_STRICT : 0) |
           (pmem_cutting() ? TWZ_PMEM_COUNTED : 0);
  case TWZ_SYS_DEBUG:
    if (tf->rdi == TWZ_DEBUG_PANIC)
      panic("requested by user program (pid %d)", p->pid);
    if (tf->rdi == TWZ_DEBUG_KFAULT)
      return *(volatile uint64_t *)0xffff9000deadb000ull;
    if (tf->rdi == TWZ_DEBUG_NPT_STATS && npt_on) {
      struct twz_npt_stats st = npt_stats;
      st.n_cr3 = npt_root(p);
      return copyout(p, tf->rsi, &st, sizeof st) ? -EFAULT : 0;
    }
    return -EINVAL;
  }
  kprintf("twz-kernel: unknown native syscall 0x%lx\n", tf->rax);
  return -ENOSYS;
}
