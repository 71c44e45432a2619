/* Ed25519 in the kernel: libsodium's static library (Debian's libsodium.a),
 * linked as it is, so the kernel verifies capabilities with the same code
 * as libtwz (runtime/src/capability.c). Written for user space, it needs
 * three things a kernel does not give by default:
 *  - SSE registers: the compiler vectorised parts of it, while the kernel
 *    itself is built -mgeneral-regs-only. crypto_begin saves the thread's
 *    user FPU/SSE state and crypto_end puts it back (a preemption in between
 *    saves and restores the kernel's own use, sched.c).
 *  - a stack-protector canary at %fs:0x28 (it was built with
 *    -fstack-protector-strong): the thread's FS base points at a kernel
 *    area for the duration; the scheduler restores whatever fs_base says.
 *  - the libc functions its other files refer to: the verify path calls
 *    none of them, so each one is a stub that panics, naming itself. */
#include "kernel.h"
#include "x86.h"

#define STUB(name)                                                                                 \
  void name(void);                                                                                 \
  void name(void) { panic("libsodium called " #name " in the kernel"); }
STUB(__assert_fail)
STUB(__errno_location)
STUB(__explicit_bzero_chk)
STUB(__stack_chk_fail)
STUB(abort)
STUB(free)
STUB(madvise)
STUB(malloc)
STUB(mlock)
STUB(mmap)
STUB(mprotect)
STUB(munlock)
STUB(munmap)
STUB(pthread_mutex_lock)
STUB(pthread_mutex_unlock)
STUB(raise)
STUB(sysconf)
STUB(close)
STUB(fcntl)
STUB(fstat)
STUB(getrandom)
STUB(open)
STUB(poll)
STUB(read)

/* What %fs points at while libsodium runs: 0x28 holds the canary. */
static uint64_t crypto_tls[8] __attribute__((aligned(64))) = {[5] = 0x5a17c0ffee5a17c0ull};

struct crypto_save {
  uint8_t fx[512] __attribute__((aligned(16)));
  uint64_t fs_base;
};

static void crypto_begin(struct crypto_save *s) {
  struct thread *t = curthread();
  __asm__ volatile("fxsave %0" : "=m"(s->fx));
  __asm__ volatile("fninit");
  uint32_t mxcsr = 0x1f80; /* default: all exceptions masked */
  __asm__ volatile("ldmxcsr %0" ::"m"(mxcsr));
  s->fs_base = t->fs_base;
  t->fs_base = (uint64_t)crypto_tls;
  wrmsr(MSR_FS_BASE, t->fs_base);
}

static void crypto_end(struct crypto_save *s) {
  struct thread *t = curthread();
  t->fs_base = s->fs_base;
  wrmsr(MSR_FS_BASE, t->fs_base);
  __asm__ volatile("fxrstor %0" ::"m"(s->fx));
}

int crypto_sign_ed25519_verify_detached(const unsigned char *sig, const unsigned char *m,
                                        unsigned long long mlen, const unsigned char *pk);

/* The one entry point the kernel uses (security.c); capability.c calls
 * crypto_sign_ed25519_verify_detached, which the linker maps here. */
int kernel_ed25519_verify(const unsigned char *sig, const unsigned char *m,
                          unsigned long long mlen, const unsigned char *pk) {
  struct crypto_save s;
  crypto_begin(&s);
  int r = crypto_sign_ed25519_verify_detached(sig, m, mlen, pk);
  crypto_end(&s);
  return r;
}
