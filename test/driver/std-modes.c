/*
 * twz-clang works under every C language mode clang accepts, not only the
 * default gnu17: the force-included <twz/persistent.h> must not need C11
 * (static_assert, inline) when the user's project asks for -std=c99 or -ansi.
 * This file is valid C89 (block comments only), so each mode tests only the
 * driver and its header.
 *
 * RUN: %twz-clang -std=c99 -Wall -Werror -c %s -o %t.c99.o
 * RUN: %twz-clang -std=gnu99 -Wall -Werror -c %s -o %t.gnu99.o
 * RUN: %twz-clang -std=c89 -Wall -Werror -c %s -o %t.c89.o
 * RUN: %twz-clang -ansi -Wall -Werror -c %s -o %t.ansi.o
 * RUN: %twz-clang -std=gnu89 -Wall -Werror -c %s -o %t.gnu89.o
 * RUN: %twz-clang -std=c11 -Wall -Werror -c %s -o %t.c11.o
 * RUN: %twz-clang -std=gnu11 -Wall -Werror -c %s -o %t.gnu11.o
 * RUN: %twz-clang -std=c17 -Wall -Werror -c %s -o %t.c17.o
 * RUN: %twz-clang -std=c2x -Wall -Werror -c %s -o %t.c2x.o
 * RUN: %twz-clang -std=gnu2x -Wall -Werror -c %s -o %t.gnu2x.o
 *
 * Every object is translated (calls the runtime to resolve the loaded pointer).
 * RUN: llvm-nm %t.c99.o | FileCheck %s
 * RUN: llvm-nm %t.c89.o | FileCheck %s
 * RUN: llvm-nm %t.c2x.o | FileCheck %s
 * CHECK: U __twz_resolve
 * CHECK: T next_value
 */

struct node {
  int value;
  struct node __persistent *next;
};

int next_value(struct node __persistent *n) {
  struct node __persistent *next;
  next = n->next;
  return next ? next->value : -1;
}
