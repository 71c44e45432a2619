/* The few libc functions a freestanding kernel still needs (clang emits
 * calls to memcpy/memset for struct copies), and random64 over crypto.c's
 * generator. */
#include "kernel.h"
#include "x86.h"

void *memset(void *d, int c, size_t n) {
  void *r = d; /* rep stosb advances d: return the start, as C says */
  __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
  return r;
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

/* Random numbers come from crypto.c's generator. */
uint64_t random64(void) {
  uint64_t v;
  random_bytes(&v, sizeof v);
  return v;
}
