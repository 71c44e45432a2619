// Debian's libsodium.a (built for glibc) links into static musl programs
// with sysroot/src/glibc-compat.c and works: BLAKE2b matches b2sum's known
// answer, Ed25519 signatures verify and a changed one does not, and the
// random source works.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O2 %s -o %t
// RUN: %t | FileCheck %s
// CHECK: blake2b-128(abc) cf4ab791c62b8d2b2109c90275287816
// CHECK-NEXT: sign ok 0, tampered -1
// CHECK-NEXT: random differs 1
//
// The one glibc-only symbol libsodium.a needs is glibc's fortify check:
// RUN: llvm-nm %t | FileCheck %s --check-prefix=SYM
// SYM: T __explicit_bzero_chk
#include <sodium.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  if (sodium_init() < 0)
    return 1;
  unsigned char h[16];
  crypto_generichash(h, sizeof h, (const unsigned char *)"abc", 3, NULL, 0);
  printf("blake2b-128(abc) ");
  for (int i = 0; i < 16; i++)
    printf("%02x", h[i]);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
  crypto_sign_keypair(pk, sk);
  crypto_sign_detached(sig, NULL, (const unsigned char *)"msg", 3, sk);
  int ok = crypto_sign_verify_detached(sig, (const unsigned char *)"msg", 3, pk);
  sig[5] ^= 1;
  int bad = crypto_sign_verify_detached(sig, (const unsigned char *)"msg", 3, pk);
  printf("\nsign ok %d, tampered %d\n", ok, bad);
  unsigned char a[16], b[16];
  randombytes_buf(a, sizeof a);
  randombytes_buf(b, sizeof b);
  printf("random differs %d\n", memcmp(a, b, sizeof a) != 0);
  sodium_memzero(a, sizeof a);
  return 0;
}
