// User options reach clang unchanged and in order after twz's own flags:
// -D, -U, -I, -o, -g, -O3, -Wall -Wextra -Werror. An ordinary warning-free
// file (which also uses __persistent) builds with -Werror.
//
// RUN: rm -rf %t.dir %t.store && mkdir -p %t.dir
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -DGREETING='"hello"' -DNUMBER=35 -DDROPPED=1 -UDROPPED \
// RUN:   -I %S/Inputs/include -g -O3 -Wall -Wextra -Werror %s -o %t.dir/prog 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CMD --implicit-check-not=warning: --implicit-check-not=error:
// CMD: -Rpass=^twz-locations$ -DGREETING="hello" -DNUMBER=35 -DDROPPED=1 -UDROPPED -I {{[^ ]*}}/Inputs/include -g -O3 -Wall -Wextra -Werror {{[^ ]*}}passthrough.c -o {{[^ ]*}}/prog -L
//
// -o named the output, -g produced DWARF for this file.
// RUN: llvm-dwarfdump --debug-info %t.dir/prog | FileCheck %s --check-prefix=DWARF
// DWARF: DW_AT_name ("{{[^"]*}}passthrough.c")
// DWARF: DW_AT_name ("bump")
//
// RUN: env TWZ_STORE=%t.store %t.dir/prog | FileCheck %s --check-prefix=OUT
// OUT: hello 42 not-dropped
//
// Separate and joined spellings of -I / -D / -o behave the same.
// RUN: %twz-clang -DGREETING='"hello"' -D NUMBER=35 -I%S/Inputs/include -Wall -Werror -c %s -o%t.dir/joined.o
// RUN: %twz-clang %t.dir/joined.o -o %t.dir/joined
// RUN: env TWZ_STORE=%t.store %t.dir/joined | FileCheck %s --check-prefix=OUT

#include <stdio.h>

#include "passthrough.h"
#include <twz/twz.h>

static int bump(int __persistent *p, int by) { return *p += by; }

int main(void) {
  twz_object *obj = twz_object_create(NULL);
  if (!obj) {
    fprintf(stderr, "%s\n", twz_error());
    return 1;
  }
  int __persistent *p = twz_object_alloc(obj, sizeof *p, _Alignof(int));
  if (!p)
    return 1;
  *p = NUMBER;
  printf("%s %d %s\n", GREETING, bump(p, FROM_INCLUDE_DIR),
#ifdef DROPPED
         "dropped"
#else
         "not-dropped"
#endif
  );
  return 0;
}
