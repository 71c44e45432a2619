// A program cannot change its own security context: the runtime maps the
// context object with the rights the context has on it, plus r (it must read
// it), so lifting the mask `twz ctx mask m obj r` put on it with
// twz_ctx_add fails, and the next process in the context still has r----.
// (Before this was fixed the context object was mapped with every right and
// the mask could be lifted.)
// RUN: rm -rf %t.store && %twz-clang -O2 -Wall %s -o %t && %twz-clang -O2 %probe-src -o %t.probe
// RUN: env TWZ_STORE=%t.store TWZ_PASSPHRASE=pw %exit 0 twz key new k > /dev/null
// RUN: env TWZ_STORE=%t.store %t.probe make obj 41
// RUN: env TWZ_STORE=%t.store %exit 0 twz key protect obj k
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx new m --key k > /dev/null
// RUN: env TWZ_STORE=%t.store TWZ_PASSPHRASE=pw %exit 0 twz cap grant obj m rw > /dev/null
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx mask m obj r
// RUN: env TWZ_STORE=%t.store TWZ_CONTEXT=m %t.probe rights obj | FileCheck %s --check-prefix=MASKED
// RUN: env TWZ_STORE=%t.store TWZ_CONTEXT=m %exit 0 %t obj 2>&1 | FileCheck %s --check-prefix=UNMASK
// RUN: env TWZ_STORE=%t.store TWZ_CONTEXT=m %t.probe rights obj | FileCheck %s --check-prefix=MASKED
// MASKED: obj rights r----
// UNMASK: refused: cannot begin a transaction on object {{[0-9a-f]+}}: the security context grants r--u- on it, not write (w)
// UNMASK-NOT: mask lifted
#include <stdio.h>
#include <twz/twz.h>

int main(int argc, char **argv) {
  twz_id id;
  if (argc != 2 || twz_name_resolve(argv[1], &id) < 0)
    return 2;
  twz_object *ctx = twz_context();
  if (!ctx)
    return 2;
  if (twz_ctx_add(ctx, &id, TWZ_CTX_MASK, TWZ_PERM_ALL, NULL, 0) < 0)
    printf("refused: %s\n", twz_error());
  else
    printf("mask lifted\n");
  fflush(stdout);
  return 0;
}
