/* Cost of the kernel's access checks (docs/kernel.md "Access control"),
 * under QEMU TCG: one program, booted by `make -C bench kernel-sec`. It
 * makes a key, an object protected by it, contexts holding a capability,
 * a two-link delegation (a delegation around a capability) and nothing for
 * an unprotected object, then times, per call (median of 9 rounds of 20):
 *   - sec_verify of the capability and of the delegation (Ed25519 per link);
 *   - view_set of the object (a map: the kernel computes the rights, which
 *     verifies every entry of the active context naming the object) in the
 *     context holding the capability, in the one holding the delegation,
 *     and of an unprotected object (no verification);
 *   - sctx_activate of a context (every mapped slot re-checked);
 *   - a null system call (obj_stat of a missing ID).
 * Not a test: nothing here is checked against a bound. */
#include <stdlib.h>

#include "../test/sysroot/Inputs/ksec.h"

#define ROUNDS 9
#define N 20

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

typedef void (*op)(void *);

static double median_us(op f, void *arg) {
  double t[ROUNDS];
  for (int r = 0; r < ROUNDS; r++) {
    double t0 = mono_us();
    for (int i = 0; i < N; i++)
      f(arg);
    t[r] = (mono_us() - t0) / N;
  }
  qsort(t, ROUNDS, sizeof *t, cmp);
  return t[ROUNDS / 2];
}

struct blob {
  const void *b;
  size_t len;
};
static void verify(void *a) {
  struct blob *b = a;
  OK(k_verify(b->b, b->len) == 0);
}
static twz_id map_id;
static void map(void *a) {
  (void)a;
  OK(k_view_set((uintptr_t)3000 << TWZ_SLOT_BITS, &map_id, TWZ_PROT_READ) == 0);
}
static void rights(void *a) { OK(k_rights(a) >= 0); }
static void activate(void *a) { OK(k_activate(a) == 0); }
static void null_call(void *a) {
  twz_id missing = {{0xde, 0xad}};
  (void)a;
  OK(k_stat(&missing) == -ENOENT);
}

int main(void) {
  twz_id key, ckey;
  uint8_t sk[TWZ_SK_BYTES], csk[TWZ_SK_BYTES];
  make_key("key", &key, sk);
  make_key("ckey", &ckey, csk);
  twz_object *capctx, *dlgctx;
  OK(capctx = twz_ctx_create("capctx", &ckey));
  OK(dlgctx = twz_ctx_create("dlgctx", &ckey));
  twz_id oid = twz_object_id(make_obj("obj", 1, &key, 0)), free_id = twz_object_id(make_obj("free", 2, NULL, 0));
  twz_id cid = twz_object_id(capctx), did = twz_object_id(dlgctx);
  struct twz_cap cap = make_cap(&oid, &cid, TWZ_PERM_READ, 0, &key, sk, capctx);
  uint8_t dlg[sizeof(struct twz_dlg) + sizeof cap + TWZ_SIG_BYTES];
  make_dlg(dlg, sizeof dlg, &cid, &did, TWZ_PERM_READ, 0, &cap, sizeof cap, &ckey, csk);
  OK(twz_ctx_add(dlgctx, &oid, TWZ_CTX_DLG, 0, dlg, sizeof dlg) == 0);

  struct blob bc = {&cap, sizeof cap}, bd = {dlg, sizeof dlg};
  double v1 = median_us(verify, &bc), v2 = median_us(verify, &bd), nul = median_us(null_call, 0);
  OK(k_attach(&cid) == 0);
  OK(k_attach(&did) == 0);
  map_id = oid;
  double m1 = median_us(map, 0), r1 = median_us(rights, &oid);
  OK(k_activate(&did) == 0);
  double m2 = median_us(map, 0);
  map_id = free_id;
  double m0 = median_us(map, 0);
  double act = median_us(activate, &did);
  printf("kernel-sec: sec_verify capability (1 link)       %7.0f us\n", v1);
  printf("kernel-sec: sec_verify delegation (2 links)      %7.0f us\n", v2);
  printf("kernel-sec: map, rights from a capability        %7.0f us\n", m1);
  printf("kernel-sec: obj_rights, from a capability       %7.0f us\n", r1);
  printf("kernel-sec: map, rights from a 2-link delegation %7.0f us\n", m2);
  printf("kernel-sec: map, unprotected object              %7.0f us\n", m0);
  printf("kernel-sec: sctx_activate (1 slot mapped)        %7.0f us\n", act);
  printf("kernel-sec: null system call                     %7.1f us\n", nul);
  return 0;
}
