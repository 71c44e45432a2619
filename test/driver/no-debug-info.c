// The location tracking twz-clang turns on (for the pass's error locations)
// must not put debug info into objects compiled without -g; -g still does.
// RUN: %twz-clang -O2 -c %s -o %t.o
// RUN: llvm-readelf -S %t.o | FileCheck %s --check-prefix=NODEBUG
// RUN: %twz-clang -O2 -g -c %s -o %t.g.o
// RUN: llvm-readelf -S %t.g.o | FileCheck %s --check-prefix=DEBUG
// NODEBUG-NOT: .debug_
// DEBUG: .debug_info
struct node {
  long v;
  struct node __persistent *next;
};

long sum(struct node __persistent *n) {
  long s = 0;
  for (; n; n = n->next)
    s += n->v;
  return s;
}
