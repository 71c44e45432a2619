// An explicit cast to a __persistent pointer of the address of a parameter,
// a global variable (or a part of one) or a function is an error at the
// cast, with a note at the declaration.
//
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Xclang -verify %s

struct pt { int x, y; };
struct table { int n; int cells[8]; struct pt pts[2]; };

int global;                  // expected-note 2 {{'global' declared here}}
static long file_static;     // expected-note {{'file_static' declared here}}
extern int elsewhere;        // expected-note {{'elsewhere' declared here}}
const char greeting[] = "hi"; // expected-note {{'greeting' declared here}}
struct table tab;            // expected-note 4 {{'tab' declared here}}
int grid[3][3];              // expected-note 2 {{'grid' declared here}}

void callback(int);  // expected-note 3 {{'callback' declared here}}
static int helper(void) { return 0; } // expected-note {{'helper' declared here}}

void params(int p, struct table t, int arr[4], int *ptr) { // expected-note 2 {{'p' declared here}} expected-note 2 {{'t' declared here}} expected-note {{'arr' declared here}} expected-note {{'ptr' declared here}}
  (void)(int __persistent *)&p; // expected-error {{cast of the address of parameter 'p' to a __persistent pointer; __persistent pointers must point into objects (allocate with twz_object_alloc)}}
  (void)(char __persistent *)&p; // expected-error {{cast of the address of parameter 'p'}}
  (void)(int __persistent *)&t.cells[3];  // expected-error {{cast of the address of parameter 't'}}
  (void)(int __persistent *)&t.pts[1].y;  // expected-error {{cast of the address of parameter 't'}}
  // The parameter's own storage (an array parameter is a pointer)...
  (void)(int * __persistent *)&arr; // expected-error {{cast of the address of parameter 'arr'}}
  (void)(int * __persistent *)&ptr; // expected-error {{cast of the address of parameter 'ptr'}}
  // ...but not what it points to: that may well be in an object.
  (void)(int __persistent *)arr;
  (void)(int __persistent *)ptr;
  (void)(int __persistent *)&arr[1];
}

void globals(void) {
  (void)(int __persistent *)&global;        // expected-error {{cast of the address of global variable 'global' to a __persistent pointer; __persistent pointers must point into objects (allocate with twz_object_alloc)}}
  (void)(void __persistent *)&global;       // expected-error {{cast of the address of global variable 'global'}}
  (void)(long __persistent *)&file_static;  // expected-error {{cast of the address of global variable 'file_static'}}
  (void)(int __persistent *)&elsewhere;     // expected-error {{cast of the address of global variable 'elsewhere'}}
  (void)(const char __persistent *)greeting; // expected-error {{cast of the address of global variable 'greeting'}}
  (void)(struct table __persistent *)&tab;  // expected-error {{cast of the address of global variable 'tab'}}
  (void)(int __persistent *)tab.cells;      // expected-error {{cast of the address of global variable 'tab'}}
  (void)(int __persistent *)&tab.cells[7];  // expected-error {{cast of the address of global variable 'tab'}}
  (void)(int __persistent *)&tab.pts[0].x;  // expected-error {{cast of the address of global variable 'tab'}}
  (void)(int __persistent *)grid[2];        // expected-error {{cast of the address of global variable 'grid'}}
  (void)(int __persistent *)&grid[1][1];    // expected-error {{cast of the address of global variable 'grid'}}
}

void functions(void) {
  (void)(void __persistent *)callback;   // expected-error {{cast of the address of function 'callback' to a __persistent pointer; __persistent pointers must point into objects (allocate with twz_object_alloc)}}
  (void)(void __persistent *)&callback;  // expected-error {{cast of the address of function 'callback'}}
  (void)(char __persistent *)(void *)callback; // expected-error {{cast of the address of function 'callback'}}
  (void)(void __persistent *)helper;     // expected-error {{cast of the address of function 'helper'}}
}

// A global *pointer* holds an address whose origin is unknown: casting its
// value is not an error (only taking the address of the global itself is).
int *global_ptr; // expected-note {{'global_ptr' declared here}}
void global_pointer_value(void) {
  (void)(int __persistent *)global_ptr;
  (void)(int * __persistent *)&global_ptr; // expected-error {{cast of the address of global variable 'global_ptr'}}
}
