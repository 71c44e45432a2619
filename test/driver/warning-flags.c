// The -Wtwz warning groups follow Clang's flag semantics. twz-clang hands
// -Wtwz[-X], -Wno-twz[-X], -Werror=twz[-X] and -Wno-error=twz[-X] to the
// plugin (Clang never sees them); -Werror, -Wno-error and -w are Clang's own.
// This file triggers each group once.
//
// Default: all on, as warnings; -Wtwz changes nothing.
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-W,INT-W,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wtwz %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-W,INT-W,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
//
// -Wno-twz silences all of them; -Wno-twz-X one group, the others still fire.
// RUN: %twz-clang -fsyntax-only -Wno-twz %s 2>&1 | count 0
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-twz-struct-copy %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-W,INT-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-twz-int-store %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-W,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-twz-plain-pointer-field %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=INT-W,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
// Later flags win: one group back on after -Wno-twz.
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-twz -Wtwz-int-store %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=INT-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %twz-clang -fsyntax-only -Wtwz-int-store -Wno-twz %s 2>&1 | count 0
//
// -Werror turns all of them into errors, marked [-Werror,-Wtwz-X], and the
// compile fails (with -c too, where no object is written).
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-E,INT-E,COPY-E --implicit-check-not=warning: --implicit-check-not=error:
// RUN: rm -f %t.o
// RUN: not %twz-clang -c -Werror %s -o %t.o
// RUN: not test -e %t.o
// Without -Werror the same compile succeeds.
// RUN: %twz-clang -c %s -o %t.o
// RUN: test -e %t.o
// -Werror=twz is the same for the twz groups only.
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror=twz %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-E,INT-E,COPY-E --implicit-check-not=warning: --implicit-check-not=error:
//
// -Wno-error=twz-X keeps X a warning under -Werror, in either order.
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror -Wno-error=twz-struct-copy %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-E,INT-E,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-error=twz-struct-copy -Werror %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-E,INT-E,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror=twz -Wno-error=twz-int-store %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-E,INT-W,COPY-E --implicit-check-not=warning: --implicit-check-not=error:
// -Wno-error=twz (or -Wno-error) keeps them all warnings: the compile succeeds.
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror -Wno-error=twz %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-W,INT-W,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror -Wno-error %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-W,INT-W,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
//
// -Werror=twz-X alone makes only X an error (and fails the compile).
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror=twz-int-store %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PPF-W,INT-E,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
// -Werror=twz-X also enables X, as in Clang.
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-twz -Werror=twz-int-store %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=INT-E --implicit-check-not=warning: --implicit-check-not=error:
//
// A disabled group stays silent under -Werror.
// RUN: %twz-clang -fsyntax-only -Werror -Wno-twz %s 2>&1 | count 0
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror -Wno-twz-struct-copy -Wno-twz-plain-pointer-field %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=INT-E --implicit-check-not=warning: --implicit-check-not=error:
//
// -w silences all of them, whatever else is asked.
// RUN: %twz-clang -fsyntax-only -w %s 2>&1 | count 0
// RUN: %twz-clang -fsyntax-only -w -Werror %s 2>&1 | count 0
// RUN: %twz-clang -fsyntax-only -w -Wtwz %s 2>&1 | count 0
// RUN: %twz-clang -fsyntax-only -Werror -w %s 2>&1 | count 0
//
// An unknown twz group is reported like an unknown Clang warning option,
// and the compile goes on.
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wtwz-foo %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=UNKNOWN,PPF-W,INT-W,COPY-W --implicit-check-not=warning: --implicit-check-not=error:
// UNKNOWN: warning: unknown warning option '-Wtwz-foo' [-Wunknown-warning-option]
// RUN: %twz-clang -fsyntax-only -Wno-twz -Wno-twz-bar %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN-NO
// UNKNOWN-NO: warning: unknown warning option '-Wno-twz-bar'
// RUN: %twz-clang -fsyntax-only -Wno-twz -Werror=twz-baz %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN-ERR
// UNKNOWN-ERR: warning: unknown warning option '-Werror=twz-baz'
//
// twz-clang passes the flags to the plugin, not to Clang, and drops them
// when it only links.
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -fsyntax-only -Wno-twz-struct-copy -Werror=twz-int-store -Wno-error=twz -Wtwz %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CMD
// CMD: -fplugin-arg-twz--Wno-twz-struct-copy -fplugin-arg-twz--Werror=twz-int-store -fplugin-arg-twz--Wno-error=twz -fplugin-arg-twz--Wtwz
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -Wno-twz -Werror=twz-int-store %t.o -o %t.exe 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LINK --implicit-check-not=twz-int-store --implicit-check-not=-Wno-twz
// LINK: {{.*}}.o -o {{.*}}.exe

// PPF-W-DAG: warning-flags.c:[[@LINE+12]]:8: warning: field 'raw' of 'struct rec' is a plain pointer{{.*}} [-Wtwz-plain-pointer-field]
// PPF-E-DAG: warning-flags.c:[[@LINE+11]]:8: error: field 'raw' of 'struct rec' is a plain pointer{{.*}} [-Werror,-Wtwz-plain-pointer-field]
// INT-W-DAG: warning-flags.c:[[@LINE+18]]:13: warning: a pointer converted to an integer is stored into object memory{{.*}} [-Wtwz-int-store]
// INT-E-DAG: warning-flags.c:[[@LINE+17]]:13: error: a pointer converted to an integer is stored into object memory{{.*}} [-Werror,-Wtwz-int-store]
// COPY-W-DAG: warning-flags.c:[[@LINE+17]]:6: warning: this copy of 'union mix' into or out of object memory cannot be translated{{.*}} [-Wtwz-struct-copy]
// COPY-E-DAG: warning-flags.c:[[@LINE+16]]:6: error: this copy of 'union mix' into or out of object memory cannot be translated{{.*}} [-Werror,-Wtwz-struct-copy]

#include <stdint.h>

struct rec {
  uintptr_t addr;
  struct rec __persistent *next;
  int *raw;
};

int main(void) { return 0; }

int *somewhere;
union mix { long l; struct rec __persistent *p; }; // which member is live is unknown
void body(struct rec __persistent *p, union mix __persistent *u, union mix __persistent *v) {
  p->addr = (uintptr_t)somewhere;
  *u = *v;
}
