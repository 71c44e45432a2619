// The fast path of a pointer chase, pinned at the assembly level (issue:
// persistent pointers at the speed of raw pointers):
//  - the resolution-cache base is loaded once, before the loop;
//  - the null test is a branch, not a cmov on the load-to-load chain;
//  - a cache hit needs no call: __twz_resolve appears only after a failed probe.
// RUN: %twz-clang -O2 -S %s -o - | FileCheck %s
// CHECK-LABEL: sum:
// CHECK:       __twz_rcache_base
// CHECK:       # =>This Inner Loop Header
// CHECK-NOT:   __twz_rcache_base
// CHECK-NOT:   cmov
// CHECK:       .Lfunc_end0:
//
// The probe, in order: shift the index out of the stored pointer, load the
// cache entry through the hoisted base, test it, and only then the call.
// RUN: %twz-clang -O2 -S %s -o - | FileCheck %s --check-prefix=PROBE
// PROBE-LABEL: sum:
// PROBE:       shrq $27
// PROBE-NEXT:  andl $8184
// PROBE:       movq (%r{{[a-z0-9]+}},%r{{[a-z0-9]+}}), %r
// PROBE-NEXT:  testq
// PROBE-NEXT:  je
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
