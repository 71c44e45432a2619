// -Wtwz warnings are not reported in system headers (as Clang does for its
// own warnings), even under -Werror; the same header included as a user
// header reports each of them.
//
// RUN: %twz-clang -fsyntax-only -isystem %S/Inputs/sys -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -Werror -isystem %S/Inputs/sys %s
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -I %S/Inputs/sys %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning:
// CHECK-DAG: twz-sys.h:6:9: warning: field 'name' of 'struct sys_node' is a plain pointer{{.*}}[-Wtwz-plain-pointer-field]
// CHECK-DAG: twz-sys.h:14:97: warning: this copy of 'union sys_mix' into or out of object memory cannot be translated{{.*}}[-Wtwz-struct-copy]
// CHECK-DAG: twz-sys.h:12:79: warning: a pointer converted to an integer is stored into object memory{{.*}}[-Wtwz-int-store]
// expected-no-diagnostics

#include <twz-sys.h>

// Only calls from user code: no copy here.
int first_value(struct sys_node __persistent *p) { return sys_get(p).v; }
