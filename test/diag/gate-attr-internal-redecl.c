// A function that already has internal linkage from an earlier `static`
// declaration cannot become a secure-call gate either: the gate attribute on
// a later declaration that does not repeat `static` must be rejected like
// `static __twz_gate`, not accepted as a gate that the linker never sees
// (a LOCAL symbol in twz_gates).
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s

static int helper(void);
__twz_gate int helper(void) { return 0; } // expected-error {{a secure-call gate must have external linkage}}

static int std_helper(void);
[[twz::gate]] int std_helper(void); // expected-error {{a secure-call gate must have external linkage}}
int std_helper(void) { return 1; }

int use(void) { return helper() + std_helper(); }
