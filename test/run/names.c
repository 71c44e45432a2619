// Objects are found again by name; bad or unbound names are clear errors.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: same object: yes
// CHECK-NEXT: same handle: yes
// CHECK-NEXT: unbound: name 'nope' is not bound in store {{.*}}.store
// CHECK-NEXT: bad name: invalid object name 'a/b': use letters, digits, '-', '_' and '.'
// CHECK-NEXT: objects in store: 3
// CHECK-NEXT: empty name: invalid object name '': want 1 to 103 characters
// CHECK-NEXT: rebound: yes
// CHECK-NEXT: bad id: 'xyz' is not an object ID (want 32 hex digits)
#include <dirent.h>
#include <string.h>

#include "check.h"

int main(void) {
  twz_object *a, *b;
  CHECK_OK(a = twz_object_create("alpha"));
  CHECK_OK(b = twz_object_create("beta"));
  twz_id ida = twz_object_id(a), got;
  CHECK_OK(twz_name_resolve("alpha", &got) == 0);
  printf("same object: %s\n", memcmp(&got, &ida, sizeof got) ? "no" : "yes");
  printf("same handle: %s\n", twz_object_open("alpha") == a ? "yes" : "no");
  if (!twz_object_open("nope"))
    printf("unbound: %s\n", twz_error());
  if (!twz_object_create("a/b"))
    printf("bad name: %s\n", twz_error());
  /* A rejected name creates no object: alpha, beta and the namespace. */
  int objs = 0;
  DIR *d = opendir(twz_store_path());
  for (struct dirent *e; d && (e = readdir(d));)
    objs += strstr(e->d_name, ".obj") != NULL;
  printf("objects in store: %d\n", objs);
  if (twz_name_bind("", &ida) < 0)
    printf("empty name: %s\n", twz_error());
  twz_id idb = twz_object_id(b);
  CHECK_OK(twz_name_bind("alpha", &idb) == 0);
  printf("rebound: %s\n", twz_object_open("alpha") == b ? "yes" : "no");
  if (twz_id_parse("xyz", &got) < 0)
    printf("bad id: %s\n", twz_error());
  return 0;
}
