// The fix-it of -Wtwz-drop-persistent inserts "__persistent " before the
// outermost '*' of the written cast type, when that alone gives the right
// type: not when the inner pointer is plain too (`(void **)&n->next` needs
// two), not for a '*' from a macro or a typedef, and not for the computed
// (container_of) and integer-view forms. Applying the fix-its leaves
// exactly the casts that have none.
//
// RUN: %twz-clang -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=fix-it:
//
// RUN: cp %s %t.c
// RUN: %twz-clang -fsyntax-only -Xclang -fixit %t.c
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics %t.c > %t.after 2>&1
// RUN: FileCheck %s --check-prefix=AFTER < %t.after
// (FileCheck's implicit-check-not misses lines after the first -DAG match:
// count them.)
// RUN: grep -cE '(warning|error):' %t.after | FileCheck %s --check-prefix=AFTER-COUNT
// AFTER-COUNT: {{^}}5{{$}}
// AFTER-DAG: [[@LINE+28]]:9: warning: cast from 'struct node __persistent *__persistent *' to 'void **'
// AFTER-DAG: [[@LINE+28]]:9: warning: cast from 'struct node __persistent *' to 'struct node *'
// AFTER-DAG: [[@LINE+28]]:9: warning: cast from 'struct node __persistent *' to 'node_plain'
// AFTER-DAG: [[@LINE+28]]:9: warning: cast to 'struct node *' of a pointer computed from
// AFTER-DAG: [[@LINE+28]]:10: warning: cast from 'struct node __persistent *__persistent *' to 'unsigned long *' views

struct node {
  long val;
  struct node __persistent *next;
};

typedef struct node *node_plain;
#define PTR *

void fixable(struct node __persistent *n) {
  (void)(struct node *)n;
// CHECK: fix-it:"{{.*}}drop-persistent-fixit.c":{[[@LINE-1]]:22-[[@LINE-1]]:22}:"__persistent "
  (void)(struct node*)n;
// CHECK: fix-it:"{{.*}}drop-persistent-fixit.c":{[[@LINE-1]]:21-[[@LINE-1]]:21}:" __persistent "
  (void)(const struct node *const)n;
// CHECK: fix-it:"{{.*}}drop-persistent-fixit.c":{[[@LINE-1]]:28-[[@LINE-1]]:28}:"__persistent "
  (void)(struct node __persistent **)&n->next;
// CHECK: fix-it:"{{.*}}drop-persistent-fixit.c":{[[@LINE-1]]:36-[[@LINE-1]]:36}:"__persistent "
  (void)(struct node __persistent *	*)&n->next;
// CHECK: fix-it:"{{.*}}drop-persistent-fixit.c":{[[@LINE-1]]:37-[[@LINE-1]]:37}:"__persistent "
}

void not_fixable(struct node __persistent *n) {
  (void)(void **)&n->next;
  (void)(struct node PTR)n;
  (void)(node_plain)n;
  (void)(struct node *)(void *)n;
  (void)*(unsigned long *)&n->next;
}
