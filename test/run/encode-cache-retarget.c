// The inline encode cache never encodes through a retargeted FOT entry:
// this process caches "B is entry 1 of A", another process retargets entry 1
// to C, and the next store of a pointer into B here must not reuse entry 1.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: before: entry 1, reads B
// CHECK-NEXT: other process retargeted 1 entries
// CHECK-NEXT: after: entry 2, reads B
// CHECK-NEXT: fot 3
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

struct refs {
  long __persistent *x, *y;
};

int main(int argc, char **argv) {
  if (argc > 1) { /* the other process */
    twz_object *a;
    twz_id b, c;
    CHECK_OK(a = twz_object_open("A"));
    CHECK_OK(twz_name_resolve("B", &b) == 0 && twz_name_resolve("C", &c) == 0);
    printf("other process retargeted %ld entries\n", twz_fot_retarget(a, &b, &c));
    return 0;
  }
  twz_object *a, *b, *c;
  CHECK_OK(a = twz_object_create("A"));
  CHECK_OK(b = twz_object_create("B"));
  CHECK_OK(c = twz_object_create("C"));
  long __persistent *inb = twz_object_alloc(b, 8, 8), *inc = twz_object_alloc(c, 8, 8);
  *inb = 'B';
  *inc = 'C';
  struct refs __persistent *r = twz_object_alloc(a, sizeof *r, 8);
  r->x = inb; /* the slow path fills the encode cache */
  r->x = inb; /* an inline hit */
  printf("before: entry %llu, reads %c\n", stored_form(&r->x) >> 30, (int)*r->x);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    execl(argv[0], argv[0], "retarget", (char *)NULL);
    _exit(127);
  }
  waitpid(pid, NULL, 0);
  r->y = inb; /* must not go through entry 1, which now names C */
  printf("after: entry %llu, reads %c\n", stored_form(&r->y) >> 30, (int)*r->y);
  printf("fot %llu\n", (unsigned long long)twz_object_fot_count(a));
  return 0;
}
