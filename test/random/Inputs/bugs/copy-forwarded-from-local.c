// Found by test/random (seed 15 did not compile at -O2 and -O3 with main
// 03cda50; reduced): a struct copied from a local into object memory, then
// its nested struct copied on to another object. The optimizers forward the
// first copy into the second, which becomes a memcpy from the local.
//   twz-clang 03cda50 -O1..-O3: error: twz: intrinsic llvm.memcpy.p42.p0.i64
//     on a __persistent pointer cannot be translated
//   twz-clang 03cda50 -O0: twz: fault: corrupt persistent pointer ... (the
//     copy stored raw addresses into the object)
//   twz-clang since 0243181 (struct copies translated), -O0..-O3: "2 1 1"
// Build: twz-clang -O2 copy-forwarded-from-local.c -o t && TWZ_STORE=st ./t
#include <stdio.h>
#include <twz/twz.h>

struct node;
struct inner {
  unsigned tag;
  struct node __persistent *link;
  struct node __persistent *pair[2];
};
struct node {
  unsigned val;
  struct node __persistent *next;
  struct inner in;
};

__attribute__((noinline)) static void init_local(struct node *l, struct node __persistent *p) {
  l->val = 1;
  l->next = p;
  l->in.tag = 2;
  l->in.link = p;
  l->in.pair[0] = l->in.pair[1] = p;
}

int main(void) {
  twz_object *a = twz_object_create(NULL), *b = twz_object_create(NULL);
  struct node __persistent *x = twz_object_alloc(a, sizeof *x, 8);
  struct node __persistent *y = twz_object_alloc(b, sizeof *y, 8);
  struct node l;
  init_local(&l, x);
  *x = l;
  y->in = x->in;
  printf("%u %d %d\n", y->in.tag, y->in.link == x, y->in.pair[1] == x);
  return 0;
}
