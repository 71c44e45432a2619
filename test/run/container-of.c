// twz_container_of: from a pointer to a list link embedded (not first) in a
// struct in an object, back to the struct, still __persistent, so the
// pointers read through the result are translated. The list spans two
// objects; one process builds it, another walks it. Clean under -Wtwz
// -Werror; at -O0 and -O2.
// RUN: rm -rf %t.store && %twz-clang -O2 -Wall -Wtwz -Werror -I%S/Inputs %s -o %t
// RUN: %twz-clang -O0 -Wall -Wtwz -Werror -I%S/Inputs %s -o %t-O0
// RUN: env TWZ_STORE=%t.store %t build | FileCheck %s --check-prefix=BUILD
// RUN: env TWZ_STORE=%t.store %t walk | FileCheck %s
// RUN: env TWZ_STORE=%t.store %t-O0 walk | FileCheck %s
// BUILD: built 4 items
// CHECK: item 0 zero self ok
// CHECK-NEXT: item 1 one self ok
// CHECK-NEXT: item 2 two self ok
// CHECK-NEXT: item 3 three self ok
// CHECK-NEXT: sum 6
#include <string.h>

#include "check.h"

struct link {
  struct link __persistent *next;
};

struct item {
  long id;
  char name[8];
  struct link link; /* not the first member: the offset matters */
  struct item __persistent *self;
};

struct head {
  struct link __persistent *first;
};

static const char *const names[] = {"zero", "one", "two", "three"};

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "build")) {
    twz_object *o[2];
    CHECK_OK(o[0] = twz_object_create("items"));
    CHECK_OK(o[1] = twz_object_create(NULL));
    struct head __persistent *h;
    CHECK_OK(h = twz_object_alloc(o[0], sizeof *h, _Alignof(struct head)));
    struct link __persistent *first = NULL;
    for (int i = 3; i >= 0; i--) {
      struct item __persistent *it;
      CHECK_OK(it = twz_object_alloc(o[i % 2], sizeof *it, _Alignof(struct item)));
      it->id = i;
      for (int c = 0; names[i][c]; c++)
        it->name[c] = names[i][c];
      it->self = it;
      it->link.next = first;
      first = &it->link;
    }
    h->first = first;
    CHECK_OK(twz_object_set_root(o[0], h) == 0);
    printf("built 4 items\n");
    return 0;
  }
  twz_object *o;
  CHECK_OK(o = twz_object_open("items"));
  struct head __persistent *h = twz_object_root(o);
  long sum = 0;
  for (struct link __persistent *l = h->first; l; l = l->next) {
    struct item __persistent *it = twz_container_of(l, struct item, link);
    char name[8];
    memcpy(name, (const char *)it->name, sizeof name);
    printf("item %ld %s self %s\n", it->id, name, it->self == it ? "ok" : "WRONG");
    sum += it->id;
  }
  printf("sum %ld\n", sum);
  return 0;
}
