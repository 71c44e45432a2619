// The fix-it of -Wtwz-misplaced-persistent moves the qualifier from after
// the closing brace to before the struct keyword, where Clang applies it
// to the type, when a pointer is declared: the applied fix gives the
// declarations the __persistent pointee they were written for. No fix-it
// when nothing, or no pointer, is declared, or the attribute shares its
// __attribute__ group with others.
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
// AFTER-COUNT: {{^}}2{{$}}
// AFTER-DAG: warning: 'address_space(42)' right after the closing brace of 'struct mixed'
// AFTER-DAG: warning: '__persistent' right after the closing brace of 'struct bare'
// RUN: %twz-clang -fsyntax-only -Wno-twz -Xclang -ast-dump %t.c | FileCheck %s --check-prefix=AST
// AST: VarDecl {{.*}} h '__persistent struct hold *'
// AST: TypedefDecl {{.*}} hp '__persistent struct (unnamed struct at {{.*}}) *'
// AST: VarDecl {{.*}} t1 '__persistent struct two *' static
// AST: VarDecl {{.*}} t2 '__persistent struct two *' static
// AST: FieldDecl {{.*}} in '__persistent struct inner *'
// AST: VarDecl {{.*}} sp '__attribute__((address_space(42))) struct spelled *'
// AST: VarDecl {{.*}} ap '__persistent struct after *'
// AST: VarDecl {{.*}} mp 'struct mixed *'

struct hold { int x; } __persistent *h;
// CHECK: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-1]]:1-[[@LINE-1]]:1}:"__persistent "
// CHECK-NEXT: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-2]]:23-[[@LINE-2]]:36}:""
typedef struct { int y; } __persistent *hp;
// CHECK: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-1]]:9-[[@LINE-1]]:9}:"__persistent "
// CHECK-NEXT: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-2]]:26-[[@LINE-2]]:39}:""
static struct two { int x; } __persistent *t1, *t2;
// CHECK: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-1]]:8-[[@LINE-1]]:8}:"__persistent "
// CHECK-NEXT: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-2]]:29-[[@LINE-2]]:42}:""
struct outer {
  struct inner { int q; } __persistent *in;
// CHECK: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-1]]:3-[[@LINE-1]]:3}:"__persistent "
// CHECK-NEXT: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-2]]:26-[[@LINE-2]]:39}:""
};
struct spelled { int x; } __attribute__((address_space(42))) *sp;
// CHECK: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-1]]:1-[[@LINE-1]]:1}:"__attribute__((address_space(42))) "
// CHECK-NEXT: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-2]]:26-[[@LINE-2]]:61}:""
struct after { int x; } __attribute__((packed)) __persistent *ap;
// CHECK: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-1]]:1-[[@LINE-1]]:1}:"__persistent "
// CHECK-NEXT: fix-it:"{{.*}}misplaced-persistent-fixit.c":{[[@LINE-2]]:48-[[@LINE-2]]:61}:""

struct mixed { int x; } __attribute__((packed, address_space(42))) *mp;
struct bare { int x; } __persistent;
