// The force-included <twz/persistent.h> must not take names from the user's
// program that it did not ask for: an ordinary C file that defines its own
// `assert` (without including <assert.h>) builds with plain clang, so it must
// build with twz-clang too, with no warnings.
//
// Control: plain clang, the same flags.
// RUN: %clang -Wall -Werror -c %s -o %t.plain.o
// RUN: %twz-clang -Wall -Werror -c %s -o %t.o 2>&1 | count 0
// RUN: %twz-clang -Wall -Werror %s -o %t
// RUN: %t | FileCheck %s
// CHECK: checked 2

#include <stdio.h>

static int checks;
#define assert(e) ((void)(checks += !!(e)))

int main(void) {
  assert(1 + 1 == 2);
  assert(sizeof(int) >= 2);
  printf("checked %d\n", checks);
  return 0;
}
