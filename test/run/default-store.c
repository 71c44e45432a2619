// Without TWZ_STORE, objects live in ./twz-store; with it, in that directory.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/cwd && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: cd %t.dir/cwd && %t create | FileCheck %s --check-prefix=DEFAULT
// RUN: cd %t.dir && env TWZ_STORE=cwd/twz-store %t list | FileCheck %s --check-prefix=FOUND
// RUN: cd %t.dir/cwd && env TWZ_STORE=%t.dir/other %t create | FileCheck %s --check-prefix=OTHER
// RUN: cd %t.dir && env TWZ_STORE=other %t list | FileCheck %s --check-prefix=FOUND
// RUN: cd %t.dir && env TWZ_STORE=nowhere not %t list 2>&1 | FileCheck %s --check-prefix=NONE
// DEFAULT: store ./twz-store
// OTHER: store {{.*}}.dir/other
// FOUND: found thing
// NONE: name 'thing' is not bound
#include <string.h>

#include "check.h"

int main(int argc, char **argv) {
  if (!strcmp(argv[1], "create")) {
    CHECK_OK(twz_object_create("thing"));
    printf("store %s\n", twz_store_path());
    return 0;
  }
  twz_object *o = twz_object_open("thing");
  if (!o) {
    fprintf(stderr, "%s\n", twz_error());
    return 1;
  }
  printf("found thing\n");
  return 0;
}
