// REQUIRES: twz-kernel
// Creating an object with a fixed ID that names an existing object is
// -EEXIST, whoever asks and whatever the object (a protected object, a key,
// the namespace, the caller's own security context), and the object is
// unchanged: same bytes (BLAKE2b of data, FOT and header), same key and
// default rights. Once an object is deleted its ID is free again: the new
// object is empty and has no key.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t create -" --module "%t create reader" --module "%t check" \
// RUN:   --module "%t reuse" %t setup | FileCheck %s --implicit-check-not=twz-kernel
//
// CHECK:      setup: obj value 41, rights r----, sum [[SUM:[0-9a-f]{32}]]
// CHECK-NEXT: -: create obj EEXIST, create k EEXIST, create namespace EEXIST
// CHECK-NEXT: -: obj value 41, rights r----, sum [[SUM]]
// CHECK-NEXT: reader: create obj EEXIST, create k EEXIST, create namespace EEXIST, create own context EEXIST
// CHECK-NEXT: reader: obj value 41, rights r----, sum [[SUM]]
// CHECK-NEXT: check: obj value 41, rights r----, sum [[SUM]], key k 1, default r----
// The deleter's capability for the old object names an object without a
// header now (the kernel says so when it computes rights: view_set, then
// obj_rights); the new object is unprotected.
// CHECK-NEXT: twz-kernel: security context [[DELETER:[0-9a-f]{32}]]: capability for [[OBJ2:[0-9a-f]{32}]] (link 0): the object it names cannot be read
// CHECK-NEXT: twz-kernel: security context [[DELETER]]: capability for [[OBJ2]] (link 0): the object it names cannot be read
// CHECK-NEXT: reuse: delete 0, create 0, rights rwxud, magic 0
// CHECK-NOT:  {{.}}
#include "Inputs/ksec.h"

static twz_id namespace_id(void) {
  twz_id id = {{0}};
  id.b[15] = TWZ_NAMESPACE_ID_LAST_BYTE;
  return id;
}

static void show(const char *who) {
  twz_object *o = twz_object_open("obj");
  OK(o);
  twz_id id = twz_object_id(o);
  printf("%s: obj value %ld, rights %s, sum %s", who, *(long __persistent *)twz_object_root(o),
         rstr(k_rights(&id)), obj_sum(o));
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc == 2 && !strcmp(argv[1], "setup")) {
    twz_id k;
    uint8_t sk[TWZ_SK_BYTES];
    make_key("k", &k, sk);
    make_obj("obj", 41, &k, TWZ_PERM_READ);
    twz_object *c;
    OK(c = twz_ctx_create("reader", &k));
    OK(twz_ctx_create("deleter", &k));
    twz_id obj2 = twz_object_id(make_obj("obj2", 42, &k, 0)), did = id_of("deleter");
    make_cap(&obj2, &did, TWZ_PERM_DEL, 0, &k, sk, twz_object_open("deleter"));
    show("setup");
    printf("\n");
    return 0;
  }
  twz_id obj = id_of("obj"), k = id_of("k"), ns = namespace_id();
  if (argc == 3 && !strcmp(argv[1], "create")) {
    const char *who = argv[2];
    if (strcmp(who, "-"))
      OK(twz_context_attach(who) == 0);
    printf("%s: create obj %s, create k %s, create namespace %s", who, errname(k_create_fixed(&obj)),
           errname(k_create_fixed(&k)), errname(k_create_fixed(&ns)));
    if (strcmp(who, "-")) {
      twz_id self = id_of(who);
      printf(", create own context %s", errname(k_create_fixed(&self)));
    }
    printf("\n");
    show(who);
    printf("\n");
    return 0;
  }
  if (argc == 2 && !strcmp(argv[1], "check")) {
    show("check");
    const struct twz_obj_header *h = twz_object_header(twz_object_open("obj"));
    printf(", key k %d, default %s\n", !memcmp(h->kuid, k.b, 16), rstr(h->dflt_prot));
    return 0;
  }
  if (argc == 2 && !strcmp(argv[1], "reuse")) {
    twz_id obj2 = id_of("obj2");
    OK(twz_context_attach("deleter") == 0);
    long d = k_delete(&obj2), c = k_create_fixed(&obj2);
    uint64_t magic = 1;
    uintptr_t slot = (uintptr_t)4000 << TWZ_SLOT_BITS;
    if (k_view_set(slot, &obj2, TWZ_PROT_READ) == 0)
      magic = *(volatile uint64_t *)(slot + TWZ_META_OFFSET);
    printf("reuse: delete %s, create %s, rights %s, magic %llu\n", errname(d), errname(c),
           rstr(k_rights(&obj2)), (unsigned long long)magic);
    return 0;
  }
  return 2;
}
