// A static-pie (ET_DYN) program loads at slot 1 (0x40000000) and relocates
// itself from the auxiliary vector (musl's rcrt1.o); an ET_EXEC one runs
// at its link address in slot 0.
// RUN: %musl-cc --static-pie %s -o %t.pie
// RUN: %exit 0 %twz-boot %t.pie | FileCheck %s --check-prefix=PIE
// PIE: main at 0x4{{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}, slot 1
// PIE-NEXT: relocated data: ok
// RUN: %musl-cc %s -o %t.exec
// RUN: %exit 0 %twz-boot %t.exec | FileCheck %s --check-prefix=EXEC
// EXEC: main at 0x{{[0-9a-f]+}}, slot 0
#include <stdint.h>
#include <stdio.h>

static const char *msg = "relocated data: ok"; /* needs a relative relocation under PIE */

int main(void) {
  uintptr_t a = (uintptr_t)&main;
  printf("main at %#lx, slot %lu\n", (unsigned long)a, (unsigned long)(a >> 30));
  printf("%s\n", msg);
  return 0;
}
