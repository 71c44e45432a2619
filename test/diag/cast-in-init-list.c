// A cast inside a brace initializer is reported once, although the plugin
// visits both forms of the initializer list (they share the cast), and
// twice that for a nested designated initializer.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s

struct node {
  long v;
  struct node __persistent *next;
};

struct holder {
  struct node *plain;
  int __persistent *slot;
};

void f(struct node __persistent *n) {
  int x; // expected-note 2 {{'x' declared here}}
  struct holder h = {(struct node *)n, (int __persistent *)&x}; // expected-warning {{drops __persistent}} expected-error {{cast of the address of local variable 'x'}}
  struct holder a[2] = {[1] = {.slot = (int __persistent *)&x, .plain = (struct node *)n}}; // expected-warning {{drops __persistent}} expected-error {{cast of the address of local variable 'x'}}
  (void)h;
  (void)a;
}
