// -Wtwz-drop-persistent and -Wtwz-misplaced-persistent are groups like the
// others (warning-flags.c): on by default, in -Wtwz, each with its own flag,
// passed by twz-clang to the plugin (the driver matches the -Wtwz prefix,
// not a list of groups).
//
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=DROP-W,MIS-W --implicit-check-not=warning: --implicit-check-not=error:
// FileCheck's implicit-check-not misses lines after the first -DAG match:
// count them.
// RUN: %twz-clang -fsyntax-only %s 2>&1 | grep -cE '(warning|error):' | FileCheck %s --check-prefix=COUNT
// COUNT: {{^}}2{{$}}
// RUN: %twz-clang -fsyntax-only -Wno-twz %s 2>&1 | count 0
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-twz-drop-persistent %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=MIS-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-twz-misplaced-persistent %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=DROP-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics -Wno-twz -Wtwz-misplaced-persistent %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=MIS-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=DROP-E,MIS-E --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror=twz-drop-persistent %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=DROP-E,MIS-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics -Werror -Wno-error=twz-misplaced-persistent %s 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=DROP-E,MIS-W --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %twz-clang -fsyntax-only -w %s 2>&1 | count 0
// RUN: env TWZ_DRIVER_DEBUG=1 %twz-clang -fsyntax-only -Wno-twz-drop-persistent -Werror=twz-misplaced-persistent -Wno-error=twz-misplaced-persistent %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CMD
// CMD: -fplugin-arg-twz--Wno-twz-drop-persistent -fplugin-arg-twz--Werror=twz-misplaced-persistent -fplugin-arg-twz--Wno-error=twz-misplaced-persistent

// DROP-W-DAG: warning-flags-drop-misplaced.c:[[@LINE+9]]:10: warning: cast from 'struct rec __persistent *' to 'struct rec *' drops __persistent{{.*}} [-Wtwz-drop-persistent]
// DROP-E-DAG: warning-flags-drop-misplaced.c:[[@LINE+8]]:10: error: cast from 'struct rec __persistent *' to 'struct rec *' drops __persistent{{.*}} [-Werror,-Wtwz-drop-persistent]
// MIS-W-DAG: warning-flags-drop-misplaced.c:[[@LINE+4]]:55: warning: '__persistent' right after the closing brace of 'struct rec'{{.*}} [-Wtwz-misplaced-persistent]
// MIS-E-DAG: warning-flags-drop-misplaced.c:[[@LINE+3]]:55: error: '__persistent' right after the closing brace of 'struct rec'{{.*}} [-Werror,-Wtwz-misplaced-persistent]

struct rec __persistent *next_of(struct rec __persistent *r);
struct rec { long v; struct rec __persistent *next; } __persistent *last;

void *body(struct rec __persistent *p) {
  return (struct rec *)p;
}
