// -c produces an object file in which persistent loads and stores have been
// translated: it calls into libtwz but is not linked against it yet.
//
// RUN: rm -f %t.o
// RUN: %twz-clang -c %s -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s
//
// Without -o, -c writes <base>.o in the current directory.
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir
// RUN: %twz-clang -c %s
// RUN: llvm-nm compile-only.o | FileCheck %s
//
// CHECK-DAG: U __twz_encode
// CHECK-DAG: U __twz_resolve
// CHECK-DAG: T load_next
// CHECK-DAG: T store_next

struct node {
  int value;
  struct node __persistent *next;
};

struct node __persistent *load_next(struct node __persistent *n) { return n->next; }

void store_next(struct node __persistent *n, struct node __persistent *next) { n->next = next; }
