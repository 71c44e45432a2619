// REQUIRES: twz-kernel
// Several security contexts per process: sctx_attach adds one (the first
// becomes active), sctx_activate switches, sctx_detach removes one that is
// not active. Rights always come from the active context. Attaching needs
// the use right (u) on the context object, computed by the active context:
// a context protected without default u is entered only with a capability
// for u, and a context whose global mask lacks u (a jail) cannot attach
// any other. The thread object (<twz/kso.h>) shows the attached contexts
// and the active one.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O1 %s -o %t
// RUN: %twz-boot --module "%t run" --module "%t jail" %t setup | FileCheck %s --implicit-check-not=twz-kernel
// CHECK:      setup done
// CHECK-NEXT: run: in reader: data r----, thread: running, 1 context(s), active reader
// CHECK-NEXT: run: attach admin: 0, data r----, thread: running, 2 context(s), active reader
// CHECK-NEXT: run: attach admin again: EEXIST
// CHECK-NEXT: run: attach locked: EACCES, data r----
// CHECK-NEXT: run: detach reader: EBUSY
// CHECK-NEXT: run: activate admin: 0, data rwxud, thread: running, 2 context(s), active admin
// CHECK-NEXT: run: detach reader: 0, thread: running, 1 context(s), active admin
// CHECK-NEXT: run: activate reader: ENOENT, data rwxud
// CHECK-NEXT: run: detach admin: EBUSY
// CHECK-NEXT: run: attach keyholder: 0, activate: 0, attach locked: 0, thread: running, 3 context(s), active keyholder
// CHECK-NEXT: run: kso_self sctx is keyholder: 1
// CHECK-NEXT: jail: data r----, attach admin: EACCES, attach reader: EACCES, data r----
#define _GNU_SOURCE
#include <unistd.h>

#include "Inputs/ksec.h"

static const char *ctxname(const uint8_t id[16]) {
  static const char *const names[] = {"reader", "admin", "locked", "keyholder", "jail"};
  for (unsigned i = 0; i < sizeof names / sizeof *names; i++) {
    twz_id n = id_of(names[i]);
    if (!memcmp(n.b, id, 16))
      return names[i];
  }
  static const uint8_t zero[16];
  return memcmp(id, zero, 16) ? "?" : "none";
}

/* The calling thread's object, as the kernel last wrote it. */
static const char *thread_state(void) {
  static char buf[128];
  twz_id tid = k_self(TWZ_KSO_THREAD);
  twz_object *t = twz_object_open_id(&tid);
  OK(t);
  const struct twz_thread *th = (const struct twz_thread *)(twz_object_base(t) + TWZ_DATA_START);
  OK(th->magic == TWZ_THREAD_MAGIC && th->version == TWZ_THREAD_VERSION);
  OK(th->tid == (uint32_t)gettid() && th->pid == (uint32_t)getpid());
  snprintf(buf, sizeof buf, "%s, %u context(s), active %s",
           th->state == TWZ_THREAD_RUNNING ? "running" : "?", th->nsctx, ctxname(th->active));
  return buf;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "setup")) {
    twz_id k;
    uint8_t sk[TWZ_SK_BYTES];
    make_key("k", &k, sk);
    twz_object *o = make_obj("data", 5, NULL, 0);
    twz_id oid = twz_object_id(o);
    twz_object *r, *locked, *holder, *jail;
    OK(r = twz_ctx_create("reader", NULL));
    OK(twz_ctx_create("admin", NULL));
    /* reader: only r on data (a mask: data is unprotected) */
    OK(twz_ctx_add(r, &oid, TWZ_CTX_MASK, TWZ_PERM_READ, NULL, 0) == 0);
    /* locked: protected by k with no default rights, so not even u */
    OK(locked = twz_ctx_create("locked", &k));
    OK(twz_object_protect(locked, &k, 0) == 0);
    /* keyholder: holds a capability for u on locked */
    OK(holder = twz_ctx_create("keyholder", NULL));
    twz_id lid = twz_object_id(locked), hid = twz_object_id(holder);
    make_cap(&lid, &hid, TWZ_PERM_USE, 0, &k, sk, holder);
    /* jail: may use r on anything, and so cannot attach another context */
    OK(jail = twz_ctx_create("jail", NULL));
    ((struct twz_ctx *)(uintptr_t)twz_object_root(jail))->global_mask = TWZ_PERM_READ;
    printf("setup done\n");
    return 0;
  }
  twz_id data = id_of("data"), admin = id_of("admin"), reader = id_of("reader"),
         locked = id_of("locked"), holder = id_of("keyholder");
  if (!strcmp(argv[1], "jail")) {
    OK(twz_context_attach("jail") == 0);
    printf("jail: data %s, attach admin: %s, attach reader: %s, data %s\n", rstr(k_rights(&data)),
           errname(k_attach(&admin)), errname(k_attach(&reader)), rstr(k_rights(&data)));
    return 0;
  }
  OK(twz_context_attach("reader") == 0);
  printf("run: in reader: data %s, thread: %s\n", rstr(k_rights(&data)), thread_state());
  long e = k_attach(&admin);
  printf("run: attach admin: %s, data %s, thread: %s\n", errname(e), rstr(k_rights(&data)),
         thread_state());
  printf("run: attach admin again: %s\n", errname(k_attach(&admin)));
  e = k_attach(&locked);
  printf("run: attach locked: %s, data %s\n", errname(e), rstr(k_rights(&data)));
  printf("run: detach reader: %s\n", errname(k_detach(&reader)));
  e = k_activate(&admin);
  printf("run: activate admin: %s, data %s, thread: %s\n", errname(e), rstr(k_rights(&data)),
         thread_state());
  e = k_detach(&reader);
  printf("run: detach reader: %s, thread: %s\n", errname(e), thread_state());
  e = k_activate(&reader);
  printf("run: activate reader: %s, data %s\n", errname(e), rstr(k_rights(&data)));
  printf("run: detach admin: %s\n", errname(k_detach(&admin)));
  long a = k_attach(&holder), b = k_activate(&holder), c = k_attach(&locked);
  printf("run: attach keyholder: %s, activate: %s, attach locked: %s, thread: %s\n", errname(a),
         errname(b), errname(c), thread_state());
  twz_id active = k_self(TWZ_KSO_SCTX);
  printf("run: kso_self sctx is keyholder: %d\n", !memcmp(active.b, holder.b, 16));
  return 0;
}
