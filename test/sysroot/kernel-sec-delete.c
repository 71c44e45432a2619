// REQUIRES: twz-kernel
// Deleting an object needs d, and the kernel checks it itself: obj_delete
// called directly (bypassing libtwz's own check in twz_object_delete) is
// -EACCES for every context or default that lacks d, even with every
// other right, and the object stays (obj_stat, a reader still sees its
// value); with d the kernel deletes it.
//
//   obj   protected by k, default rights none
//   pub   protected by k, default rights rwxu (all but d)
//   free  no key: every right, d included
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t del c_rwxu obj" --module "%t del - obj" --module "%t del - pub" \
// RUN:   --module "%t del c_maskfree free" --module "%t del c_rwxu own-context" \
// RUN:   --module "%t del c_rwxu k" --module "%t read obj" --module "%t del c_d obj" \
// RUN:   --module "%t del - free" --module "%t del c_plusd pub" %t setup \
// RUN: | FileCheck %s --implicit-check-not=twz-kernel
//
// libtwz refuses first; the system call itself is refused by the kernel.
// CHECK:      c_rwxu obj: rights rwxu-, libtwz: cannot delete object [[OBJ:[0-9a-f]{32}]]: the security context grants rwxu- on it, not delete (d)
// CHECK-NEXT: c_rwxu obj: obj_delete EACCES, obj_stat 0
// CHECK-NEXT: - obj: rights -----, obj_delete EACCES, obj_stat 0
// CHECK-NEXT: - pub: rights rwxu-, obj_delete EACCES, obj_stat 0
// A mask removes d from an unprotected object.
// CHECK-NEXT: c_maskfree free: rights r----, obj_delete EACCES, obj_stat 0
// The own context (r) and a key object (default r).
// CHECK-NEXT: c_rwxu own-context: rights r--u-, obj_delete EACCES, obj_stat 0
// CHECK-NEXT: c_rwxu k: rights r----, obj_delete EACCES, obj_stat 0
// CHECK-NEXT: read obj: value 41
// With d (and nothing else), or no key, or a capability for d on top of
// the defaults: deleted.
// CHECK-NEXT: c_d obj: rights ----d, obj_delete 0, obj_stat ENOENT
// CHECK-NEXT: - free: rights rwxud, obj_delete 0, obj_stat ENOENT
// CHECK-NEXT: c_plusd pub: rights rwxud, obj_delete 0, obj_stat ENOENT
// CHECK-NOT:  {{.}}
#include "Inputs/ksec.h"

static int setup(void) {
  twz_id k;
  uint8_t sk[TWZ_SK_BYTES];
  make_key("k", &k, sk);
  twz_id obj = twz_object_id(make_obj("obj", 41, &k, 0));
  twz_id pub = twz_object_id(make_obj("pub", 42, &k, TWZ_PERM_ALL & ~TWZ_PERM_DEL));
  twz_id free = twz_object_id(make_obj("free", 43, NULL, 0));
  twz_object *rwxu, *d, *plusd, *maskfree, *reader;
  OK(rwxu = twz_ctx_create("c_rwxu", &k));
  OK(d = twz_ctx_create("c_d", &k));
  OK(plusd = twz_ctx_create("c_plusd", &k));
  OK(maskfree = twz_ctx_create("c_maskfree", &k));
  OK(reader = twz_ctx_create("c_reader", &k));
  twz_id id;
  id = twz_object_id(rwxu);
  make_cap(&obj, &id, TWZ_PERM_ALL & ~TWZ_PERM_DEL, 0, &k, sk, rwxu);
  id = twz_object_id(d);
  make_cap(&obj, &id, TWZ_PERM_DEL, 0, &k, sk, d);
  id = twz_object_id(plusd);
  make_cap(&pub, &id, TWZ_PERM_DEL, 0, &k, sk, plusd);
  id = twz_object_id(reader);
  make_cap(&obj, &id, TWZ_PERM_READ, 0, &k, sk, reader);
  OK(twz_ctx_add(maskfree, &free, TWZ_CTX_MASK, TWZ_PERM_READ, NULL, 0) == 0);
  return 0;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc == 2 && !strcmp(argv[1], "setup"))
    return setup();
  if (argc == 3 && !strcmp(argv[1], "read")) {
    OK(twz_context_attach("c_reader") == 0);
    twz_object *o = twz_object_open(argv[2]);
    OK(o);
    printf("read %s: value %ld\n", argv[2], *(long __persistent *)twz_object_root(o));
    return 0;
  }
  OK(argc == 4 && !strcmp(argv[1], "del"));
  const char *ctx = argv[2], *what = argv[3];
  twz_id id = strcmp(what, "own-context") ? id_of(what) : id_of(ctx);
  if (strcmp(ctx, "-"))
    OK(twz_context_attach(ctx) == 0);
  long rights = k_rights(&id);
  if (!strcmp(ctx, "c_rwxu") && !strcmp(what, "obj")) {
    OK(twz_object_delete(&id) < 0);
    printf("%s %s: rights %s, libtwz: %s\n", ctx, what, rstr(rights), twz_error());
    printf("%s %s: ", ctx, what);
  } else {
    printf("%s %s: rights %s, ", ctx, what, rstr(rights));
  }
  long r = k_delete(&id);
  printf("obj_delete %s, obj_stat %s\n", errname(r), errname(k_stat(&id)));
  return 0;
}
