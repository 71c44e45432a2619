// -Wtwz-struct-copy for a struct copied out of object memory as an element
// of a brace initializer (of a variable, an array or a compound literal):
// the copy moves the stored form of the __persistent pointer exactly like
// `struct node n = *p;` does.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s

struct node {
  int value;
  struct node __persistent *next; // #next
};
struct wrap { int tag; struct node n; };

void take_wrap(struct wrap w);

void init_lists(struct node __persistent *p) {
  struct wrap built = {1, *p};      // expected-warning {{copying 'struct node' out of object memory}}
  struct node arr[2] = {*p, p[1]};  // expected-warning 2 {{copying 'struct node' out of object memory}}
  struct wrap named = {.n = *p};    // expected-warning {{copying 'struct node' out of object memory}}
  take_wrap((struct wrap){2, *p});  // expected-warning {{copying 'struct node' out of object memory}}
  (void)built; (void)arr; (void)named;
}
// expected-note@#next 5 {{'next' declared here}}
