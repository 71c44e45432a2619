// Without TWZ_STORE, objects live in ./twz-store; with it, in that directory.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/cwd && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: cd %t.dir/cwd && %t | FileCheck %s --check-prefix=DEFAULT
// RUN: ls %t.dir/cwd/twz-store/names | FileCheck %s --check-prefix=NAMES
// RUN: cd %t.dir/cwd && env TWZ_STORE=%t.dir/other %t | FileCheck %s --check-prefix=OTHER
// RUN: ls %t.dir/other/names | FileCheck %s --check-prefix=NAMES
// DEFAULT: store ./twz-store
// OTHER: store {{.*}}.dir/other
// NAMES: thing
#include "check.h"

int main(void) {
  CHECK_OK(twz_object_create("thing"));
  printf("store %s\n", twz_store_path());
  return 0;
}
