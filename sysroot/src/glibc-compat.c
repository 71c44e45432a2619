/*
 * Debian's libsodium.a is built against glibc with _FORTIFY_SOURCE, so it
 * calls one glibc-only function that musl does not have. This is glibc's
 * definition of it (debug/explicit_bzero_chk.c): check the size the compiler
 * knew, then clear. Everything else libsodium.a needs from a C library musl
 * provides with the same x86-64 ABI (sysroot/README.md lists it).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void __explicit_bzero_chk(void *dst, size_t len, size_t dstlen);

void __explicit_bzero_chk(void *dst, size_t len, size_t dstlen) {
  if (dstlen < len) { /* glibc's __chk_fail */
    fputs("*** buffer overflow detected ***: terminated\n", stderr);
    abort();
  }
  explicit_bzero(dst, len);
}
