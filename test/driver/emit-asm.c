// -S writes assembly of the translated code.
//
// RUN: %twz-clang -S %s -o %t.s
// RUN: FileCheck %s < %t.s
// RUN: %twz-clang -O2 -S %s -o - | FileCheck %s
//
// CHECK-LABEL: load_next:
// CHECK: __twz_resolve
// CHECK-LABEL: store_next:
// CHECK: __twz_encode
//
// The assembly must be assemblable on its own: no link step, no libtwz.
// RUN: %twz-clang -c %t.s -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=NM
// NM-DAG: U __twz_encode
// NM-DAG: U __twz_resolve
// NM-DAG: T load_next

struct node {
  int value;
  struct node __persistent *next;
};

struct node __persistent *load_next(struct node __persistent *n) { return n->next; }

void store_next(struct node __persistent *n, struct node __persistent *next) { n->next = next; }
