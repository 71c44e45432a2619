// A structure inside one object needs no FOT entries: every stored pointer
// is index 0 and the FOT stays at its reserved entry.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: sum 4950
// CHECK-NEXT: fot 1
// CHECK-NEXT: all index 0
#include "check.h"

struct node {
  int v;
  struct node __persistent *next;
};

int main(void) {
  twz_object *o;
  CHECK_OK(o = twz_object_create(NULL));
  struct node __persistent *head = NULL;
  for (int i = 0; i < 100; i++) {
    struct node __persistent *n = twz_object_alloc(o, sizeof *n, 8);
    n->v = i;
    n->next = head;
    head = n;
  }
  long sum = 0;
  int all0 = 1;
  for (struct node __persistent *n = head; n; n = n->next) {
    sum += n->v;
    all0 &= (stored_form(&n->next) >> 30) == 0;
  }
  printf("sum %ld\nfot %llu\n%s\n", sum, (unsigned long long)twz_object_fot_count(o),
         all0 ? "all index 0" : "NOT all index 0");
  return 0;
}
