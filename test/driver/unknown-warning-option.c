// An unknown twz warning group is diagnosed exactly like an unknown Clang
// warning option (compare `clang -Werror -Wfoo`): under -Werror it is an
// error that fails the compile, and -w or -Wno-unknown-warning-option
// silence it. Reference: what clang itself does with an unknown -Wfoo.
//
// RUN: not %clang -fsyntax-only -Werror -Wfoo %s 2>&1 | FileCheck %s --check-prefix=CLANG
// CLANG: error: unknown warning option '-Wfoo' [-Werror,-Wunknown-warning-option]
// RUN: %clang -fsyntax-only -w -Wfoo %s 2>&1 | count 0
// RUN: %clang -fsyntax-only -Wno-unknown-warning-option -Wfoo %s 2>&1 | count 0
//
// RUN: not %twz-clang -fsyntax-only -Werror -Wtwz-foo %s 2>&1 | FileCheck %s --check-prefix=WERROR
// WERROR: error: unknown warning option '-Wtwz-foo' [-Werror,-Wunknown-warning-option]
// RUN: %twz-clang -fsyntax-only -w -Wtwz-foo %s 2>&1 | count 0
// RUN: %twz-clang -fsyntax-only -Wno-unknown-warning-option -Wtwz-foo %s 2>&1 | count 0

int main(void) { return 0; }
