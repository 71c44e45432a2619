/* The security set-up of test/kvs/security.test as one program, so that
 * the same steps run on the host and on the kernel (where there is no twz
 * tool): a key "owner" protects the store's index and its "default" data
 * object with default rights r and the "private" one with none; contexts
 * "reader" (no capability) and "writer" (rw on all three). Run it after
 * the first puts, with no context. */
#include "ksec.h"

static twz_id protect(const char *name, const twz_id *key, uint32_t dflt) {
  twz_object *o = twz_object_open(name);
  OK(o && twz_object_protect(o, key, dflt) == 0);
  return twz_object_id(o);
}

int main(void) {
  twz_id k;
  uint8_t sk[TWZ_SK_BYTES];
  make_key("owner", &k, sk);
  twz_object *writer;
  OK(twz_ctx_create("reader", &k));
  OK(writer = twz_ctx_create("writer", &k));
  twz_id w = twz_object_id(writer);
  static const char *const objs[] = {"twzkvs", "twzkvs.default", "twzkvs.private"};
  for (int i = 0; i < 3; i++) {
    twz_id id = protect(objs[i], &k, i < 2 ? TWZ_PERM_READ : 0);
    make_cap(&id, &w, TWZ_PERM_READ | TWZ_PERM_WRITE, 0, &k, sk, writer);
  }
  return 0;
}
