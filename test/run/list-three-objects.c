// A linked list spread over three objects: one process builds it, two more
// (with other mapping addresses) walk it and agree, nothing rebound.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t build | FileCheck %s --check-prefix=BUILD
// RUN: env TWZ_STORE=%t.store %t walk > %t.out2
// RUN: env TWZ_STORE=%t.store %t walk > %t.out3
// RUN: cat %t.out2 %t.out3 | FileCheck %s --check-prefix=WALK
// BUILD: built 9 nodes, fot counts 2 2 2
// WALK: base [[B2:0x[0-9a-f]+]]
// WALK-NEXT: 0 1 2 3 4 5 6 7 8
// WALK-NEXT: sum 36
// WALK-NOT: base [[B2]]
// WALK: base 0x
// WALK-NEXT: 0 1 2 3 4 5 6 7 8
// WALK-NEXT: sum 36
#include <string.h>

#include "check.h"

struct node {
  long val;
  struct node __persistent *next;
};

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "build")) {
    twz_object *o[3];
    CHECK_OK(o[0] = twz_object_create("head"));
    CHECK_OK(o[1] = twz_object_create(NULL));
    CHECK_OK(o[2] = twz_object_create(NULL));
    struct node __persistent *head = NULL;
    for (int i = 8; i >= 0; i--) {
      struct node __persistent *n;
      CHECK_OK(n = twz_object_alloc(o[i % 3], sizeof *n, 8));
      n->val = i;
      n->next = head;
      head = n;
    }
    twz_object_set_root(o[0], head);
    /* Each object points into exactly one other: index 0 plus one entry. */
    printf("built 9 nodes, fot counts %llu %llu %llu\n",
           (unsigned long long)twz_object_fot_count(o[0]),
           (unsigned long long)twz_object_fot_count(o[1]),
           (unsigned long long)twz_object_fot_count(o[2]));
    return 0;
  }
  twz_object *h;
  CHECK_OK(h = twz_object_open("head"));
  printf("base %#lx\n", (unsigned long)twz_object_base(h));
  long sum = 0;
  for (struct node __persistent *n = twz_object_root(h); n; n = n->next) {
    printf("%ld%s", n->val, n->next ? " " : "\n");
    sum += n->val;
  }
  printf("sum %ld\n", sum);
  return 0;
}
