/* The few libc functions a freestanding kernel still needs (clang emits
 * calls to memcpy/memset for struct copies), and the kernel's random
 * numbers: RDRAND when the CPU has it, else a splitmix64 stream seeded from
 * the TSC and the RTC at boot. */
#include "kernel.h"
#include "x86.h"

void *memset(void *d, int c, size_t n) {
  __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
  return d;
}

void *memcpy(void *d, const void *s, size_t n) {
  void *r = d;
  __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n)::"memory");
  return r;
}

void *memmove(void *d, const void *s, size_t n) {
  uint8_t *dp = d;
  const uint8_t *sp = s;
  if (dp <= sp || dp >= sp + n)
    return memcpy(d, s, n);
  while (n--)
    dp[n] = sp[n];
  return d;
}

int memcmp(const void *a, const void *b, size_t n) {
  const uint8_t *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y)
      return *x - *y;
  return 0;
}

size_t strlen(const char *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

int strncmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++) {
    if (*a != *b)
      return (uint8_t)*a - (uint8_t)*b;
    if (!*a)
      return 0;
  }
  return 0;
}

static uint64_t rng_state;
static int have_rdrand = -1;

void random_seed(uint64_t s) { rng_state ^= s; }

uint64_t random64(void) {
  if (have_rdrand < 0) {
    uint32_t a, b, c, d;
    cpuid(1, &a, &b, &c, &d);
    have_rdrand = (c >> 30) & 1;
  }
  if (have_rdrand) {
    for (int i = 0; i < 10; i++) {
      uint64_t v;
      uint8_t ok;
      __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
      if (ok)
        return v;
    }
  }
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull) ^ rdtsc();
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
