// <twz/persistent.h> refuses a compiler that will not run the twz pass:
// plain clang (even pointed at the twz headers) stops with the #error,
// rather than silently miscompiling persistent loads and stores.
//
// RUN: not %clang -fsyntax-only -I%twz-include %s 2>&1 | FileCheck %s
// RUN: not %clang -c -I%twz-include %s -o %t.o 2>&1 | FileCheck %s
// Via <twz/twz.h> too.
// RUN: not %clang -fsyntax-only -I%twz-include -DVIA_TWZ_H %s 2>&1 | FileCheck %s
//
// CHECK: twz/persistent.h:{{[0-9]+}}:2: error: "twz: <twz/persistent.h> included without the twz translation pass; compile with twz-clang, or loads and stores through __persistent pointers would be miscompiled"
//
// The same file is fine through twz-clang, or with the libtwz build macro.
// RUN: %twz-clang -fsyntax-only %s
// RUN: %clang -fsyntax-only -I%twz-include -D__twz_libtwz_build__ %s

#ifdef VIA_TWZ_H
#include <twz/twz.h>
#else
#include <twz/persistent.h>
#endif

int get(int __persistent *p) { return *p; }
