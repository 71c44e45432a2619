// Found by test/random (seeds 3, 4, 10, ... did not compile at -O1..-O3 with
// main 03cda50; reduced from seed 3): a struct with a __persistent pointer,
// returned by value from object memory into a local whose address escapes,
// after a loop that loads the pointer.
//   twz-clang 03cda50 -O1: error: twz: intrinsic llvm.memmove.p0.p42.i64 on a
//     __persistent pointer cannot be translated
//   twz-clang 03cda50 -O0, -O2, -O3: prints "2 0" (the local holds the stored
//     form of next, not its address)
//   twz-clang since 0243181 (struct copies translated), -O0..-O3: "2 1"
// Build: twz-clang -O1 struct-return-memmove.c -o t && TWZ_STORE=st ./t
#include <stdio.h>
#include <twz/twz.h>

struct node {
  long val, pad[2];
  struct node __persistent *next;
};

static struct node __persistent *walk(struct node __persistent *p, unsigned steps) {
  while (steps-- && p && p->next)
    p = p->next;
  return p;
}

static struct node load_node(struct node __persistent *p) { return *p; }

static void init_local(struct node *l, long val) {
  l->val = val;
  l->pad[0] = l->pad[1] = 0;
  l->next = NULL;
}

__attribute__((noinline)) static void show(const struct node *l, struct node __persistent *y) {
  printf("%ld %d\n", l->val, l->next == y);
}

int main(void) {
  twz_object *a = twz_object_create(NULL), *b = twz_object_create(NULL);
  struct node __persistent *x = twz_object_alloc(a, sizeof *x, 8);
  struct node __persistent *y = twz_object_alloc(b, sizeof *y, 8);
  x->val = 2;
  x->next = y;
  y->val = 3;
  y->next = x;
  struct node l;
  init_local(&l, 1);
  struct node __persistent *r = walk(x, 2);
  if (r)
    l = load_node(r);
  show(&l, y);
  return 0;
}
