// -Wtwz-plain-pointer-field: a record that lives in object memory (the
// pointee of a __persistent pointer anywhere in the translation unit, in a
// declaration or a cast, and every record embedded in one) should hold only
// __persistent pointers. Each plain data or function pointer field is
// reported at the field, with a note at the first place that puts the
// record in object memory.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// Exact text, group and location:
// RUN: %twz-clang -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
// CHECK: plain-pointer-field.c:[[@LINE+6]]:21: warning: field 'next' of 'struct list_node' is a plain pointer, but 'struct list_node' lives in object memory: it will dangle after a restart or in another process [-Wtwz-plain-pointer-field]
// CHECK-NEXT: plain-pointer-field.c:[[@LINE+9]]:32: note: 'struct list_node' is reached through a __persistent pointer here

// The classic mistake: a list whose nodes live in objects, linked by plain pointers.
struct list_node {
  int value;
  struct list_node *next; // expected-warning {{field 'next' of 'struct list_node' is a plain pointer, but 'struct list_node' lives in object memory: it will dangle after a restart or in another process [-Wtwz-plain-pointer-field]}}
  char label[16];          // not a pointer
  long __attribute__((aligned(8))) stamp;
};
struct list_node __persistent *list_head; // #list_head
// expected-note@#list_head {{'struct list_node' is reached through a __persistent pointer here}}

// All kinds of pointer fields, in one record.
struct kinds {
  int *data;                 // expected-warning {{field 'data' of 'struct kinds' is a plain pointer}}
  const char *name;          // expected-warning {{field 'name' of 'struct kinds' is a plain pointer}}
  char *const fixed;         // expected-warning {{field 'fixed' of 'struct kinds' is a plain pointer}}
  void *opaque;              // expected-warning {{field 'opaque' of 'struct kinds' is a plain pointer}}
  char *argv[4];             // expected-warning {{field 'argv' of 'struct kinds' is a plain pointer}}
  int (*row)[8];             // expected-warning {{field 'row' of 'struct kinds' is a plain pointer}}
  int __persistent **half;   // expected-warning {{field 'half' of 'struct kinds' is a plain pointer}}
  void (*callback)(int);     // expected-warning {{field 'callback' of 'struct kinds' is a function pointer, but 'struct kinds' lives in object memory: code addresses differ between processes and runs [-Wtwz-plain-pointer-field]}}
  int (*handlers[2])(void);  // expected-warning {{field 'handlers' of 'struct kinds' is a function pointer}}
  // Not reported: persistent pointers (at every level), non-pointers.
  int __persistent *ok;
  int __persistent *__persistent *ok2;
  char __persistent *oks[4];
  unsigned long bits;
  int values[4];
};
struct kinds __persistent *kinds_ref; // #kinds
// expected-note@#kinds 9 {{'struct kinds' is reached through a __persistent pointer here}}

// Every way a record gets into object memory.
struct by_param { int *p; };   // expected-warning {{field 'p' of 'struct by_param'}}
void take(struct by_param __persistent *x); // #by_param
// expected-note@#by_param {{'struct by_param' is reached through a __persistent pointer here}}

struct by_return { int *p; };  // expected-warning {{field 'p' of 'struct by_return'}}
struct by_return __persistent *make(void); // #by_return
// expected-note@#by_return {{'struct by_return' is reached}}

struct by_typedef { int *p; }; // expected-warning {{field 'p' of 'struct by_typedef'}}
typedef struct by_typedef __persistent *by_typedef_ref; // #by_typedef
// expected-note@#by_typedef {{'struct by_typedef' is reached}}

struct by_cast { int *p; };    // expected-warning {{field 'p' of 'struct by_cast'}}
struct by_local { int *p; };   // expected-warning {{field 'p' of 'struct by_local'}}
void body(void *v) {
  (void)(struct by_cast __persistent *)v; // #by_cast
  struct by_local __persistent *l = 0;    // #by_local
  (void)l;
}
// expected-note@#by_cast {{'struct by_cast' is reached}}
// expected-note@#by_local {{'struct by_local' is reached}}

struct by_field { int *p; };   // expected-warning {{field 'p' of 'struct by_field'}}
struct holder {
  struct by_field __persistent *target; // #by_field
  char *name; // holder itself lives in ordinary memory: no warning
};
// expected-note@#by_field {{'struct by_field' is reached}}

struct by_array { int *p; };   // expected-warning {{field 'p' of 'struct by_array'}}
struct by_array __persistent *table[8]; // #by_array
// expected-note@#by_array {{'struct by_array' is reached}}

struct by_pp { int *p; };      // expected-warning {{field 'p' of 'struct by_pp'}}
struct by_pp __persistent *__persistent *by_pp_ref; // #by_pp
// expected-note@#by_pp {{'struct by_pp' is reached}}

struct by_plain_pp { int *p; }; // expected-warning {{field 'p' of 'struct by_plain_pp'}}
struct by_plain_pp __persistent **by_plain_pp_ref; // #by_plain_pp
// expected-note@#by_plain_pp {{'struct by_plain_pp' is reached}}

union by_union { int *p; long l; }; // expected-warning {{field 'p' of 'union by_union' is a plain pointer, but 'union by_union' lives in object memory}}
union by_union __persistent *union_ref; // #by_union
// expected-note@#by_union {{'union by_union' is reached}}

// Declared before its definition: the definition's fields are checked.
struct later;
struct later __persistent *later_ref; // #later
struct later { int *p; }; // expected-warning {{field 'p' of 'struct later'}}
// expected-note@#later {{'struct later' is reached}}

// Embedded records (directly, in arrays, nested, anonymous) live there too.
struct inner { char *text; };                 // expected-warning {{field 'text' of 'struct inner'}}
struct deeper { void *blob; };                // expected-warning {{field 'blob' of 'struct deeper'}}
struct middle { struct deeper d; int n; };
struct outer {
  struct inner one;
  struct inner many[3];
  struct middle mid;
  struct { int *anon; } a;                    // expected-warning {{field 'anon' of 'struct}}
};
struct outer __persistent *outer_ref; // #outer
// expected-note@#outer 3 {{is reached through a __persistent pointer here}}

// Not in object memory: only ordinary pointers to it, or a plain pointer
// (stored in an object) to it, or it merely holds __persistent pointers.
struct ordinary { int *p; char *s; void (*fn)(void); };
struct ordinary *ordinary_ptr;
struct ordinary ordinary_value;
struct pointed_by_plain { int *p; };
struct pointed_by_plain *__persistent *plain_in_object;
struct cursor {
  struct list_node __persistent *at;
  const char *label;
};
struct sized { int *p; };
unsigned long size_of_ref = sizeof(struct sized *);
