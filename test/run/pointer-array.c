// Arrays of persistent pointers in an object, indexed and walked, pointing
// into several objects; pointer arithmetic and comparison on loaded values.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t && env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: table: 0 100 200 300 400 500 600 700
// CHECK-NEXT: next elements: 1 101 201 301 401 501 601 701
// CHECK-NEXT: distinct objects: 4, fot 5
#include "check.h"

struct table {
  int n;
  int __persistent *slots[8];
};

int main(void) {
  twz_object *t, *d[4];
  CHECK_OK(t = twz_object_create(NULL));
  for (int i = 0; i < 4; i++)
    CHECK_OK(d[i] = twz_object_create(NULL));
  struct table __persistent *tab = twz_object_alloc(t, sizeof *tab, 8);
  tab->n = 8;
  for (int i = 0; i < 8; i++) {
    int __persistent *arr = twz_object_alloc(d[i % 4], 2 * sizeof(int), 4);
    arr[0] = i * 100;
    arr[1] = i * 100 + 1;
    tab->slots[i] = arr;
  }
  printf("table:");
  for (int i = 0; i < tab->n; i++)
    printf(" %d", *tab->slots[i]);
  printf("\nnext elements:");
  for (int __persistent *__persistent *s = tab->slots; s < tab->slots + tab->n; s++)
    printf(" %d", (*s)[1]);
  int distinct = 0;
  for (int i = 0; i < 4; i++)
    distinct += twz_object_of(tab->slots[i]) != twz_object_of(tab->slots[(i + 1) % 4]);
  printf("\ndistinct objects: %d, fot %llu\n", distinct,
         (unsigned long long)twz_object_fot_count(t));
  return 0;
}
