// The attribute takes no arguments in the [[twz::gate]] / [[twz::root]]
// spelling either: arguments must be rejected (as they are for
// __attribute__((twz_gate(1)))), not silently dropped.
//
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -std=c23 -Xclang -verify %s

[[twz::gate(1)]] int gate_with_arg(void) { return 0; } // expected-error {{takes no arguments}}
struct [[twz::root(1)]] root_with_arg { int x; }; // expected-error {{takes no arguments}}
