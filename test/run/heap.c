// The persistent heap: blocks are zeroed and 16-byte aligned, freed blocks
// are reused by size class, large blocks too; double free and foreign
// pointers are clear errors; the free lists survive into the next process.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t first | FileCheck %s --check-prefix=FIRST
// RUN: env TWZ_STORE=%t.store %t second | FileCheck %s --check-prefix=SECOND
// FIRST: aligned 1 zeroed 1
// FIRST-NEXT: reused small: 1
// FIRST-NEXT: reused large: 1
// FIRST-NEXT: double free: twz_free: 0x{{[0-9a-f]+}} is already free (double free)
// FIRST-NEXT: foreign: twz_free: 0x{{[0-9a-f]+}} is not in any object
// FIRST-NEXT: not a block: twz_free: 0x{{[0-9a-f]+}} was not returned by twz_malloc
// FIRST-NEXT: distinct live blocks: 1
// SECOND: reused after restart: 1
#include <stdint.h>
#include <string.h>

#include "check.h"

int main(int argc, char **argv) {
  twz_object *o;
  if (!strcmp(argv[1], "second")) {
    CHECK_OK(o = twz_object_open("heap"));
    char __persistent *__persistent *saved = twz_object_root(o);
    char __persistent *again = twz_malloc(o, 100); /* same class as the freed one */
    printf("reused after restart: %d\n", again == *saved);
    return 0;
  }
  CHECK_OK(o = twz_object_create("heap"));
  char __persistent *a = twz_malloc(o, 40);
  int zero = 1;
  for (int i = 0; i < 40; i++)
    zero &= a[i] == 0;
  printf("aligned %d zeroed %d\n", ((uintptr_t)a & 15) == 0, zero);
  memset((char *)(uintptr_t)a, 0x5a, 40);
  CHECK_OK(twz_free(a) == 0);
  char __persistent *b = twz_malloc(o, 60); /* same 64-byte class */
  printf("reused small: %d\n", a == b && b[0] == 0);
  char __persistent *big = twz_malloc(o, 10000);
  CHECK_OK(twz_free(big) == 0);
  char __persistent *big2 = twz_malloc(o, 9000);
  printf("reused large: %d\n", big == big2);
  CHECK_OK(twz_free(big2) == 0);
  if (twz_free(big2) < 0)
    printf("double free: %s\n", twz_error());
  long local, *volatile hidden = &local; /* the plugin rejects a direct cast */
  if (twz_free((void __persistent *)hidden) < 0)
    printf("foreign: %s\n", twz_error());
  if (twz_free((void __persistent *)(uintptr_t)(b + 16)) < 0)
    printf("not a block: %s\n", twz_error());
  char __persistent *p[64];
  int distinct = 1;
  for (int i = 0; i < 64; i++) {
    p[i] = twz_malloc(o, 24 + i * 8);
    for (int j = 0; j < i; j++)
      distinct &= p[i] != p[j];
  }
  printf("distinct live blocks: %d\n", distinct);
  /* Leave one 128-byte-class block free for the next process to reuse. */
  char __persistent *__persistent *keep = twz_malloc(o, sizeof *keep);
  char __persistent *freed = twz_malloc(o, 100);
  *keep = freed;
  CHECK_OK(twz_free(freed) == 0);
  twz_object_set_root(o, keep);
  return 0;
}
