// REQUIRES: twz-kernel
// A process keeps the security context it attached: the kernel refuses to
// switch it to another context or to drop it (-EPERM), so a program in a
// reader context cannot lift its rights by changing contexts; libtwz says
// so too. The rights stay the reader's.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t run" %t setup | FileCheck %s
// CHECK: setup done
// CHECK-NEXT: run: in reader: rights r----
// CHECK-NEXT: run: sctx_attach(admin): EPERM, rights r----
// CHECK-NEXT: run: sctx_attach(NULL): EPERM, rights r----
// CHECK-NEXT: run: twz_context_attach("admin"): this process already runs in security context 'reader'
#include "Inputs/ksec.h"

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "setup")) {
    twz_object *o = twz_object_create("data");
    OK(o);
    long __persistent *v = twz_object_alloc(o, sizeof *v, 8);
    *v = 5;
    twz_object_set_root(o, v);
    twz_object *r = twz_ctx_create("reader", NULL);
    OK(r && twz_ctx_create("admin", NULL));
    twz_id oid = twz_object_id(o);
    /* reader: only r on data (a mask: data is unprotected) */
    OK(twz_ctx_add(r, &oid, TWZ_CTX_MASK, TWZ_PERM_READ, NULL, 0) == 0);
    printf("setup done\n");
    return 0;
  }
  OK(twz_context_attach("reader") == 0);
  twz_id oid, aid;
  OK(twz_name_resolve("data", &oid) == 0 && twz_name_resolve("admin", &aid) == 0);
  char p[6];
  printf("run: in reader: rights %s\n", twz_perm_format((uint32_t)k_rights(&oid), p));
  long e = k_attach(&aid);
  printf("run: sctx_attach(admin): %s, rights %s\n", e == -EPERM ? "EPERM" : "allowed",
         twz_perm_format((uint32_t)k_rights(&oid), p));
  e = k_attach(NULL);
  printf("run: sctx_attach(NULL): %s, rights %s\n", e == -EPERM ? "EPERM" : "allowed",
         twz_perm_format((uint32_t)k_rights(&oid), p));
  printf("run: twz_context_attach(\"admin\"): %s\n",
         twz_context_attach("admin") < 0 ? twz_error() : "allowed");
  return 0;
}
