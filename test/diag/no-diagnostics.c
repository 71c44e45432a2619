// Ordinary, correct persistent-pointer code produces no diagnostic at all
// through twz-clang: not from the plugin, not from the force-included header,
// not from the pass (run for real with -c and -O2 as well), and no warnings
// under -Wall -Wextra.
//
// RUN: %twz-clang -fsyntax-only -Wall -Wextra -Xclang -verify %s
// RUN: %twz-clang -c -Wall -Wextra -Werror %s -o %t.o 2>&1 | count 0
// RUN: %twz-clang -c -O2 -Wall -Wextra -Werror %s -o %t.o 2>&1 | count 0
// expected-no-diagnostics

#include <stddef.h>
#include <string.h>
#include <twz/twz.h>

struct node {
  long value;
  char tag[8];
  struct node __persistent *next;
};

struct list {
  struct node __persistent *head;
  size_t length;
};

// Globals and statics may hold pointers into objects.
static struct list __persistent *current;

struct node __persistent *push(twz_object *obj, struct list __persistent *l, long v) {
  struct node __persistent *n = twz_object_alloc(obj, sizeof *n, _Alignof(struct node));
  if (!n)
    return NULL;
  n->value = v;
  n->tag[0] = 'n';
  n->next = l->head;
  l->head = n;
  l->length++;
  current = l;
  return n;
}

long sum(const struct list __persistent *l) {
  long s = 0;
  for (const struct node __persistent *n = l->head; n; n = n->next)
    s += n->value;
  return s;
}

// Copy out to ordinary memory through an explicit cast.
void tag_of(const struct node __persistent *n, char out[8]) {
  memcpy(out, (const char *)n->tag, sizeof n->tag);
}

int same(const void __persistent *a, const void __persistent *b) { return a == b; }

struct list __persistent *root_list(twz_object *obj) {
  struct list __persistent *l = twz_object_root(obj);
  if (!l) {
    l = twz_object_alloc(obj, sizeof *l, _Alignof(struct list));
    if (l)
      twz_object_set_root(obj, l);
  }
  return l;
}
