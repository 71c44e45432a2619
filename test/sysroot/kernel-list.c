// REQUIRES: twz-kernel
// A __persistent linked list spread over four kernel objects, compiled with
// the same pass as on the host: one program creates the objects, links
// nodes across them (FOT entries) and walks and sums them; a second program
// in the same boot finds the list by name, maps the objects at other slots
// and walks it again; a third adds to it through the same pointers.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -O2 %s -o %t
// RUN: %twz-boot --module "%t walk" --module "%t extend" --module "%t walk" %t build \
// RUN:   | FileCheck %s --implicit-check-not=compat: --implicit-check-not=fault
// CHECK: build: 12 nodes over 4 objects, fot counts 2 2 2 2
// CHECK-NEXT: build: 0 1 2 3 4 5 6 7 8 9 10 11 sum 66
// CHECK-NEXT: walk: head in slot {{[0-9]+}}
// CHECK-NEXT: walk: 0 1 2 3 4 5 6 7 8 9 10 11 sum 66, 4 objects
// CHECK-NEXT: extend: pushed 100 in a new object, fot count 2
// CHECK-NEXT: walk: head in slot
// CHECK-NEXT: walk: 100 0 1 2 3 4 5 6 7 8 9 10 11 sum 166, 5 objects
//
// The pass translated the stored-pointer accesses (as on the host).
// RUN: llvm-nm %t | FileCheck %s --check-prefix=SYMS
// SYMS: T __twz_encode
// SYMS: T __twz_resolve
#include <stdio.h>
#include <string.h>
#include <twz/twz.h>

struct node {
  long val;
  struct node __persistent *next;
};

#define FAIL(what)                                                                                 \
  do {                                                                                             \
    fprintf(stderr, "%s: %s\n", what, twz_error());                                                \
    return 1;                                                                                      \
  } while (0)

static int walk(const char *who, struct node __persistent *head) {
  long sum = 0;
  twz_object *seen[8];
  int nseen = 0;
  printf("%s:", who);
  for (struct node __persistent *n = head; n; n = n->next) {
    printf(" %ld", n->val);
    sum += n->val;
    twz_object *o = twz_object_of(n);
    int k = 0;
    while (k < nseen && seen[k] != o)
      k++;
    if (k == nseen && nseen < 8)
      seen[nseen++] = o;
  }
  printf(" sum %ld", sum);
  if (strcmp(who, "build"))
    printf(", %d objects", nseen);
  printf("\n");
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "build")) {
    twz_object *o[4];
    for (int i = 0; i < 4; i++) {
      char name[16];
      snprintf(name, sizeof name, "klist.%d", i);
      if (!(o[i] = twz_object_create(i ? NULL : name)))
        FAIL("create");
    }
    struct node __persistent *head = NULL;
    for (int i = 11; i >= 0; i--) {
      struct node __persistent *n = twz_object_alloc(o[i % 4], sizeof *n, 8);
      if (!n)
        FAIL("alloc");
      n->val = i;
      n->next = head; /* cross-object: an FOT entry in o[i % 4] */
      head = n;
    }
    twz_object_set_root(o[0], head);
    printf("build: 12 nodes over 4 objects, fot counts %llu %llu %llu %llu\n",
           (unsigned long long)twz_object_fot_count(o[0]), (unsigned long long)twz_object_fot_count(o[1]),
           (unsigned long long)twz_object_fot_count(o[2]), (unsigned long long)twz_object_fot_count(o[3]));
    return walk("build", twz_object_root(o[0]));
  }
  twz_object *first = twz_object_open("klist.0");
  if (!first)
    FAIL("open");
  struct node __persistent *head = twz_object_root(first);
  if (argc > 1 && !strcmp(argv[1], "walk")) {
    printf("walk: head in slot %lu\n", (unsigned long)(twz_object_base(first) >> 30));
    return walk("walk", head);
  }
  if (argc > 1 && !strcmp(argv[1], "extend")) {
    twz_object *o = twz_object_create(NULL);
    if (!o)
      FAIL("create");
    struct node __persistent *n = twz_object_alloc(o, sizeof *n, 8);
    n->val = 100;
    n->next = head;
    twz_object_set_root(first, n);
    printf("extend: pushed 100 in a new object, fot count %llu\n",
           (unsigned long long)twz_object_fot_count(o));
    return 0;
  }
  return 2;
}
