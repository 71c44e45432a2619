// Immutable objects are content-addressed (same bytes, same ID) and mapped
// read-only; copies get a new ID and keep working pointers (same-object and
// cross-object); deleted objects are gone from the store.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// RUN: env TWZ_STORE=%t.store not --crash %t write-immutable 2>&1 | FileCheck %s --check-prefix=RO
// CHECK: immutable: same id 1, other id 1, data "hello"
// CHECK-NEXT: immutable alloc: cannot allocate in an immutable object
// CHECK-NEXT: copy: new id 1, list 1 2 3, cross 77
// CHECK-NEXT: copy changes do not touch the original: 1 100
// CHECK-NEXT: delete: 0, open after delete: cannot open object
// CHECK-NEXT: delete again: cannot delete object
// RO: writing
// RO-NOT: written
#include <string.h>

#include "check.h"

struct node {
  long v;
  struct node __persistent *next;
  long __persistent *ext;
};

int main(int argc, char **argv) {
  if (argc > 1) {
    twz_object *im;
    CHECK_OK(im = twz_object_create_immutable(NULL, "hello", 6));
    char __persistent *s = (char __persistent *)(twz_object_base(im) + TWZ_DATA_START);
    printf("writing\n");
    fflush(stdout);
    s[0] = 'j'; /* the mapping is read-only: SIGSEGV */
    printf("written\n");
    return 0;
  }
  twz_object *im1, *im2, *im3;
  CHECK_OK(im1 = twz_object_create_immutable("greeting", "hello", 6));
  CHECK_OK(im2 = twz_object_create_immutable(NULL, "hello", 6));
  CHECK_OK(im3 = twz_object_create_immutable(NULL, "hellp", 6));
  twz_id a = twz_object_id(im1), b = twz_object_id(im2), c = twz_object_id(im3);
  char __persistent *s = (char __persistent *)(twz_object_base(im1) + TWZ_DATA_START);
  printf("immutable: same id %d, other id %d, data \"%c%c%c%c%c\"\n", !memcmp(&a, &b, 16),
         memcmp(&a, &c, 16) != 0, s[0], s[1], s[2], s[3], s[4]);
  if (!twz_object_alloc(im1, 8, 8))
    printf("immutable alloc: %s\n", twz_error());

  twz_object *src, *ext, *cp;
  CHECK_OK(src = twz_object_create("src"));
  CHECK_OK(ext = twz_object_create(NULL));
  long __persistent *e = twz_object_alloc(ext, sizeof(long), 8);
  *e = 77;
  struct node __persistent *head = NULL;
  for (int i = 3; i >= 1; i--) {
    struct node __persistent *n = twz_malloc(src, sizeof *n);
    n->v = i;
    n->next = head;
    n->ext = e;
    head = n;
  }
  twz_object_set_root(src, head);
  CHECK_OK(cp = twz_object_copy(src, "copy"));
  twz_id sid = twz_object_id(src), cid = twz_object_id(cp);
  struct node __persistent *ch = twz_object_root(cp);
  printf("copy: new id %d, list", memcmp(&sid, &cid, 16) != 0);
  for (struct node __persistent *n = ch; n; n = n->next)
    printf(" %ld", n->v);
  printf(", cross %ld\n", *ch->ext);
  ch->v = 100;
  printf("copy changes do not touch the original: %ld %ld\n", head->v, ch->v);

  int rc = twz_object_delete(&cid);
  twz_object *again = twz_object_open_id(&cid);
  printf("delete: %d, open after delete: %.20s\n", rc, again ? "opened" : twz_error());
  if (twz_object_delete(&cid) < 0)
    printf("delete again: %.22s\n", twz_error());
  return 0;
}
