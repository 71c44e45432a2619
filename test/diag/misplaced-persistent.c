// -Wtwz-misplaced-persistent: in `struct hold { int x; } __persistent *h;`
// Clang takes the attributes right after the closing brace as attributes of
// the struct, where address_space means nothing and is dropped without a
// word: h is a plain `struct hold *` (see the AST check below). The same
// for typedefs, unions, enums, locals, fields, the spelled-out attribute,
// and after other attributes. Written anywhere else in the specifiers,
// __persistent works, and nothing is said.
//
// RUN: %twz-clang -fsyntax-only -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -Wno-twz-misplaced-persistent %s 2>&1 | count 0
// RUN: not %twz-clang -fsyntax-only -Werror=twz-misplaced-persistent %s 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: misplaced-persistent.c:[[@LINE+9]]:24: error: '__persistent' right after the closing brace of 'struct hold' is ignored{{.*}} [-Werror,-Wtwz-misplaced-persistent]
//
// What Clang makes of it (no attribute at all), and of the right forms.
// RUN: %twz-clang -fsyntax-only -Wno-twz -Xclang -ast-dump %s | FileCheck %s --check-prefix=AST
// AST: VarDecl {{.*}} h 'struct hold *'
// AST: TypedefDecl {{.*}} hp 'struct (unnamed struct at {{.*}}) *'
// AST: VarDecl {{.*}} ok1 '__persistent struct hold *'
// AST: VarDecl {{.*}} ok2 '__persistent struct ok2s *'

struct hold { int x; } __persistent *h; // expected-warning {{'__persistent' right after the closing brace of 'struct hold' is ignored, so 'h' is a plain pointer to ordinary memory; to point into object memory, put '__persistent' before 'struct' (or write 'struct hold __persistent *' after the definition) [-Wtwz-misplaced-persistent]}}

typedef struct { int y; } __persistent *hp; // expected-warning {{'__persistent' right after the closing brace of an unnamed struct is ignored, so 'hp' is a plain pointer type; to point into object memory, put '__persistent' before 'struct' [-Wtwz-misplaced-persistent]}}

// The forms that work.
struct hold __persistent *ok1;
__persistent struct ok2s { int x; } *ok2;
struct ok3s { int x; } const __persistent *ok3;
typedef __persistent struct { int y; } *ok4;
typedef struct hold __persistent *ok5;
struct ok6s { int x; } __attribute__((aligned(8))) *ok6;

union u { int a; long b; } __persistent *up; // expected-warning {{'__persistent' right after the closing brace of 'union u' is ignored, so 'up' is a plain pointer}}
enum color { RED, BLACK } __persistent *cp;  // expected-warning {{'__persistent' right after the closing brace of 'enum color' is ignored}}
static struct two { int x; } __persistent *t1, *t2; // expected-warning {{so 't1' is a plain pointer}}
struct arr { int x; } __persistent *ptrs[4]; // expected-warning {{so 'ptrs' is a plain pointer}}

struct spelled { int x; } __attribute__((address_space(42))) *sp; // expected-warning {{'address_space(42)' right after the closing brace of 'struct spelled' is ignored}}
struct mixed { int x; } __attribute__((packed, address_space(42))) *mp; // expected-warning {{'address_space(42)' right after}}
struct after { int x; } __attribute__((packed)) __persistent *ap; // expected-warning {{'__persistent' right after the closing brace of 'struct after'}}
struct before { int x; } __persistent __attribute__((packed)) *bp; // expected-warning {{'__persistent' right after the closing brace of 'struct before'}}
struct /* comment */ cmt { int x; } /* comment */ __persistent *cmtp; // expected-warning {{'struct cmt'}}

struct outer {
  struct inner { int q; } __persistent *in; // expected-warning {{'__persistent' right after the closing brace of 'struct inner' is ignored, so 'in' is a plain pointer}}
  int n;
};

void locals(void) {
  struct loc { int z; } __persistent *l = 0; // expected-warning {{so 'l' is a plain pointer}}
  (void)l;
}

// Nothing declared, or no pointer: the qualifier belongs on a pointee.
struct bare { int x; } __persistent; // expected-warning {{'__persistent' right after the closing brace of 'struct bare' is ignored: it qualifies no type; __persistent qualifies the pointee of a pointer, as in 'struct bare __persistent *p' [-Wtwz-misplaced-persistent]}}
struct { int x; } __persistent anon; // expected-warning {{of an unnamed struct is ignored: it qualifies no type; __persistent qualifies the pointee of a pointer, as in '__persistent struct { ... } *p'}}

// Declarations, not definitions: nothing after a brace.
struct hold __persistent *decl1;
struct fwd;
struct fwd __persistent *decl2;
