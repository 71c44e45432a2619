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
 *  - the libc functions its other files refer to: the paths used here
 *    call none of them, so each one is a stub that panics, naming itself.
 * It also gives the kernel its random numbers (object IDs, getrandom, the
 * ELF auxv bytes): libsodium's ChaCha20 generator keyed from the CPU's
 * RDSEED/RDRAND, rekeyed from its own output on every call (so a key read
 * later cannot recover earlier output) and stirred with RDRAND. Without a
 * hardware source the kernel refuses to start: IDs must not be guessable. */
#include "kernel.h"
#include "x86.h"

#define STUB(name)                                                                                 \
  void name(void);                                                                                 \
  void name(void) { panic("libsodium called " #name " in the kernel"); }
STUB(__assert_fail)
STUB(__errno_location)
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

/* sodium_memzero's glibc form (the generator wipes its state with it). */
void __explicit_bzero_chk(void *p, size_t n, size_t destlen);
void __explicit_bzero_chk(void *p, size_t n, size_t destlen) {
  if (n > destlen)
    panic("__explicit_bzero_chk: %lu bytes into %lu", n, destlen);
  memset(p, 0, n);
  __asm__ volatile("" ::"r"(p) : "memory"); /* not optimised away */
}

/* What %fs points at while libsodium runs: 0x28 holds the canary. */
static uint64_t crypto_tls[8] __attribute__((aligned(64))) = {[5] = 0x5a17c0ffee5a17c0ull};

struct crypto_save {
  uint8_t fx[512] __attribute__((aligned(16)));
  uint64_t fs_base;
};

/* Also called before the first thread exists (random_init): then nothing
 * can preempt, and FS is simply set and cleared. */
static void crypto_begin(struct crypto_save *s) {
  struct thread *t = curthread();
  __asm__ volatile("fxsave %0" : "=m"(s->fx));
  __asm__ volatile("fninit");
  uint32_t mxcsr = 0x1f80; /* default: all exceptions masked */
  __asm__ volatile("ldmxcsr %0" ::"m"(mxcsr));
  s->fs_base = t ? t->fs_base : 0;
  if (t)
    t->fs_base = (uint64_t)crypto_tls;
  wrmsr(MSR_FS_BASE, (uint64_t)crypto_tls);
}

static void crypto_end(struct crypto_save *s) {
  struct thread *t = curthread();
  if (t)
    t->fs_base = s->fs_base;
  wrmsr(MSR_FS_BASE, s->fs_base);
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

void randombytes_buf_deterministic(void *buf, size_t size, const unsigned char seed[32]);

static uint8_t rng_key[32];
static int have_rdrand;

static int rdseed64(uint64_t *v) {
  uint8_t ok;
  __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
  return ok;
}

static int rdrand64(uint64_t *v) {
  uint8_t ok;
  __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
  return ok;
}

void random_init(void) {
  uint32_t a, b, c, d;
  cpuid(1, &a, &b, &c, &d);
  have_rdrand = (c >> 30) & 1;
  cpuid(0, &a, &b, &c, &d);
  int have_rdseed = 0;
  if (a >= 7) {
    cpuid(7, &a, &b, &c, &d);
    have_rdseed = (b >> 18) & 1;
  }
  if (!have_rdrand && !have_rdseed)
    panic("no hardware entropy source (RDSEED/RDRAND): object IDs would be guessable; "
          "boot a CPU model that has them (twz-boot's default, -cpu max)");
  for (int i = 0; i < 4; i++) {
    uint64_t v = 0;
    int ok = 0;
    for (int tries = 0; tries < 1000 && !ok; tries++)
      ok = (have_rdseed && rdseed64(&v)) || (have_rdrand && rdrand64(&v));
    if (!ok)
      panic("the CPU's entropy source failed 1000 times in a row");
    memcpy(rng_key + 8 * i, &v, 8);
  }
}

void random_bytes(void *buf, size_t n) {
  uint8_t out[32 + 64];
  uint64_t stir;
  if (have_rdrand && rdrand64(&stir))
    for (int i = 0; i < 8; i++)
      rng_key[i] ^= (uint8_t)(stir >> (8 * i));
  while (n) {
    size_t k = n < 64 ? n : 64;
    struct crypto_save s;
    crypto_begin(&s);
    randombytes_buf_deterministic(out, 32 + k, rng_key);
    crypto_end(&s);
    memcpy(rng_key, out, 32); /* the next key: this one is gone */
    memcpy(buf, out + 32, k);
    memset(out, 0, sizeof out);
    buf = (uint8_t *)buf + k, n -= k;
  }
}
