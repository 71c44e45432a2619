// A local struct cast to a __persistent pointer, as for a search key
// (`RB_FIND(head, &key)` over nodes in objects), is still an error, with a
// second note that says what to do instead. Only when the cast is to a
// pointer to a struct or union and the variable is a local or a parameter.
// The two ways out (clang-attrs/README.md) compile cleanly.
//
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// RUN: not %twz-clang -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
// CHECK: cast-of-local-search-key.c:[[@LINE+17]]:26: error: cast of the address of local variable 'key' to a __persistent pointer; __persistent pointers must point into objects (allocate with twz_object_alloc)
// CHECK-NEXT: cast-of-local-search-key.c:[[@LINE+14]]:15: note: 'key' declared here
// CHECK-NEXT: cast-of-local-search-key.c:[[@LINE+15]]:26: note: if 'key' is a search key, put it in an object instead (e.g. a scratch node allocated with twz_object_alloc in a scratch object), or use a lookup function that takes the key by value and compares fields

#include <twz/twz.h>

struct node {
  long val;
  struct node __persistent *left, *right;
};

struct node __persistent *tree_find(struct node __persistent *root,
                                    const struct node __persistent *key);

struct node __persistent *find(struct node __persistent *root, long v) {
  struct node key; // expected-note {{'key' declared here}}
  key.val = v;
  return tree_find(root, (struct node __persistent *)&key); // expected-error {{cast of the address of local variable 'key'}} expected-note {{if 'key' is a search key, put it in an object instead (e.g. a scratch node allocated with twz_object_alloc in a scratch object), or use a lookup function that takes the key by value and compares fields}}
}

struct node __persistent *find_param(struct node __persistent *root, struct node key) { // expected-note {{'key' declared here}}
  return tree_find(root, (const struct node __persistent *)&key); // expected-error {{cast of the address of parameter 'key'}} expected-note {{if 'key' is a search key}}
}

struct node global_key; // expected-note {{'global_key' declared here}}

void no_key_note(struct node __persistent *root) {
  long v = 1; // expected-note {{'v' declared here}}
  (void)(long __persistent *)&v;                 // expected-error {{cast of the address of local variable 'v'}}
  (void)tree_find(root, (struct node __persistent *)&global_key); // expected-error {{cast of the address of global variable 'global_key'}}
}

// Way out 1: the key lives in an object (a scratch node, reused).
struct node __persistent *find_scratch(struct node __persistent *root, long v) {
  static struct node __persistent *key;
  if (!key) {
    twz_object *scratch = twz_object_create(NULL);
    if (!scratch || !(key = twz_object_alloc(scratch, sizeof *key, _Alignof(struct node))))
      return NULL;
  }
  key->val = v;
  return tree_find(root, key);
}

// Way out 2: a lookup that takes the key by value and compares fields.
struct node __persistent *find_by_value(struct node __persistent *n, long v) {
  while (n && n->val != v)
    n = v < n->val ? n->left : n->right;
  return n;
}
