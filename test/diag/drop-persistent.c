// -Wtwz-drop-persistent: an explicit cast that takes __persistent off memory
// that is or holds a pointer. Through the result, the pass no longer
// translates: pointers are read and written in their stored form
// (FOT index:offset). Three forms: a direct cast (`(struct node *)p`,
// `(T __persistent **)&n->next`), a cast of a pointer computed from a
// __persistent one through casts and pointer arithmetic (container_of), and
// an integer view of a stored __persistent pointer (`*(uintptr_t *)&n->parent`).
//
// The records here are seen in object memory: their plain pointer fields
// are -Wtwz-plain-pointer-field's business, not this test's. The first
// warning of each form carries its full text.
// RUN: %twz-clang -fsyntax-only -Wno-twz-plain-pointer-field -Xclang -verify %s
// RUN: %twz-clang -fsyntax-only -Wno-twz-plain-pointer-field -Wno-twz-drop-persistent %s 2>&1 | count 0
// RUN: %twz-clang -fsyntax-only -Wno-twz %s 2>&1 | count 0
// RUN: not %twz-clang -fsyntax-only -Wno-twz-plain-pointer-field -Werror=twz-drop-persistent %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR
// ERR: drop-persistent.c:[[@LINE+19]]:20: error: cast from 'struct node __persistent *' to 'struct node *' drops __persistent {{.*}} [-Werror,-Wtwz-drop-persistent]

#include <stddef.h>
#include <stdint.h>

struct node {
  long val;
  struct node __persistent *next;
  struct node __persistent *parent;
};

struct leaf { int v; char *label; }; // a plain pointer counts too
struct wrap { int n; struct leaf leaves[2]; }; // nested, in an array
struct fnrec { void (*cb)(void); };

#define NODE_PTR struct node *

void direct(struct node __persistent *n, void __persistent *v, struct wrap __persistent *w,
            struct fnrec __persistent *f) {
  struct node *a = (struct node *)n; // expected-warning {{cast from 'struct node __persistent *' to 'struct node *' drops __persistent from memory holding pointer 'next': pointers in object memory are stored as FOT index:offset, and through the result they are read and written in that form, not as addresses; cast to 'struct node __persistent *' instead [-Wtwz-drop-persistent]}}
  (void)(const struct node *)n; // expected-warning {{to 'const struct node *' drops __persistent}}
  (void)(struct node *)v;       // expected-warning {{cast from 'void __persistent *' to 'struct node *' drops __persistent}}
  (void)(struct wrap *)w;       // expected-warning {{drops __persistent from memory holding pointer 'label'}}
  (void)(struct leaf *)w->leaves; // expected-warning {{cast from 'struct leaf __persistent *' to 'struct leaf *'}}
  (void)(struct fnrec *)f;      // expected-warning {{memory holding pointer 'cb'}}
  (void)(NODE_PTR)n;            // expected-warning {{to 'struct node *' drops __persistent}}
  (void)a;
}

void take(struct node __persistent *__persistent *slot);

void pointer_slots(struct node __persistent *n) {
  (void)(struct node __persistent **)&n->next; // expected-warning {{cast from 'struct node __persistent *__persistent *' to 'struct node __persistent **' drops __persistent from a pointer in object memory: it is stored as FOT index:offset, and through the result it is read and written in that form, not as an address; write 'struct node __persistent *__persistent *' instead (also for a parameter it is passed to) [-Wtwz-drop-persistent]}}
  // What to write when the inner pointer is plain as well.
  (void)(void **)&n->next; // expected-warning {{write 'void __persistent *__persistent *' instead}}
  (void)(struct node **)&n->parent; // expected-warning {{write 'struct node __persistent *__persistent *' instead}}
  // Reinterpreting a node as pointers.
  (void)(void **)n; // expected-warning {{cast from 'struct node __persistent *' to 'void **' drops __persistent from a pointer in object memory}}
  take(&n->next);
}

struct list {
  struct list __persistent *next;
};

struct outer {
  int key;
  struct list link;
};

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

void computed(struct list __persistent *l, struct node __persistent *n) {
  struct outer *o = (struct outer *)((char *)l - offsetof(struct outer, link)); // expected-warning {{cast to 'struct outer *' of a pointer computed from a 'struct list __persistent *' drops __persistent from memory holding pointer 'next': pointers in object memory are stored as FOT index:offset, and through the result they are read and written in that form, not as addresses; keep every cast __persistent (for container_of, use twz_container_of) [-Wtwz-drop-persistent]}}
  (void)container_of(l, struct outer, link); // expected-warning {{for container_of, use twz_container_of}}
  (void)(struct outer *)(void *)((char *)l - 8 + 0); // expected-warning {{of a pointer computed from a 'struct list __persistent *'}}
  (void)(struct outer *)(-8 + (unsigned char *)l);   // expected-warning {{of a pointer computed from}}
  (void)(struct node *)(void *)n; // expected-warning {{cast to 'struct node *' of a pointer computed from a 'struct node __persistent *'}}
  // Through a __persistent char pointer the cast itself drops it: direct.
  (void)(struct outer *)((char __persistent *)l - offsetof(struct outer, link)); // expected-warning {{cast from 'char __persistent *' to 'struct outer *' drops __persistent}}
  (void)o;
}

// FreeBSD's sys/tree.h keeps the color in the low bits of the parent
// pointer: RB_BITS(elm) is *(__uintptr_t *)&elm->field.rbe_parent.
#define RB_BITS(elm) (*(uintptr_t *)&(elm)->parent)

void integer_views(struct node __persistent *n) {
  uintptr_t bits = *(uintptr_t *)&n->parent; // expected-warning {{cast from 'struct node __persistent *__persistent *' to 'uintptr_t *' views a __persistent pointer in object memory as an integer: its bits are the stored form (FOT index:offset), not an address; keep tag bits in a separate field, or use the pointer itself [-Wtwz-drop-persistent]}}
  (void)*(unsigned long *)&n->next;     // expected-warning {{to 'unsigned long *' views a __persistent pointer}}
  (void)*(long __persistent *)&n->next; // expected-warning {{to 'long __persistent *' views a __persistent pointer}}
  (void)*(const uint64_t *)&n->next;    // expected-warning {{views a __persistent pointer}}
  RB_BITS(n) |= 1;                      // expected-warning {{views a __persistent pointer}}
  (void)bits;
}
