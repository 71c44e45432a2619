// A late-bound pointer goes through a name, not an ID: rebinding `today`
// makes the same stored pointer follow, in the same process and the next.
// RUN: rm -rf %t.store && %twz-clang -O2 -I%S/Inputs %s -o %t
// RUN: env TWZ_STORE=%t.store %t setup | FileCheck %s --check-prefix=SETUP
// RUN: env TWZ_STORE=%t.store %t read | FileCheck %s --check-prefix=MON
// RUN: env TWZ_STORE=%t.store %t rebind tue | FileCheck %s --check-prefix=TUE
// RUN: env TWZ_STORE=%t.store %t read | FileCheck %s --check-prefix=TUE2
// RUN: env TWZ_STORE=%t.store %t unbind
// RUN: env TWZ_STORE=%t.store not --crash %t read 2>&1 | FileCheck %s --check-prefix=GONE
// SETUP: today -> monday; stored index 1, fot entry flags NAME
// SETUP-NEXT: after rebinding in this process: tuesday
// SETUP-NEXT: and back: monday
// MON: monday
// TUE: tuesday
// TUE2: tuesday
// GONE: twz: fault: persistent pointer 0x{{[0-9a-f]+}} at 0x{{[0-9a-f]+}} (object {{[0-9a-f]+}}): FOT entry 1 names 'today', which is not bound
#include <string.h>

#include "check.h"

struct calendar {
  char __persistent *today;
};

/* Immutable objects hold their bytes at TWZ_DATA_START, the offset the
 * late-bound pointer uses in whichever object the name picks. */
static twz_object *day(const char *name, const char *text) {
  twz_object *o;
  CHECK_OK(o = twz_object_create_immutable(name, text, strlen(text) + 1));
  return o;
}

static void bind(const char *name, const char *to) {
  twz_id id;
  CHECK_OK(twz_name_resolve(to, &id) == 0);
  CHECK_OK(twz_name_bind(name, &id) == 0);
}

static void print(char __persistent *s) {
  for (; *s; s++)
    putchar(*s);
  putchar('\n');
}

int main(int argc, char **argv) {
  if (!strcmp(argv[1], "setup")) {
    day("mon", "monday");
    day("tue", "tuesday");
    bind("today", "mon");
    twz_object *cal;
    CHECK_OK(cal = twz_object_create("calendar"));
    struct calendar __persistent *c = twz_object_alloc(cal, sizeof *c, 8);
    twz_object_set_root(cal, c);
    CHECK_OK(twz_ptr_bind_name(&c->today, "today", TWZ_DATA_START) == 0);
    struct twz_fot_entry e;
    CHECK_OK(twz_fot_get(cal, 1, &e) == 0);
    printf("today -> %s; stored index %llu, fot entry flags %s\n", "monday",
           stored_form(&c->today) >> 30, (e.flags & TWZ_FOT_NAME) ? "NAME" : "ID");
    bind("today", "tue");
    printf("after rebinding in this process: ");
    print(c->today);
    bind("today", "mon");
    printf("and back: ");
    print(c->today);
    return 0;
  }
  if (!strcmp(argv[1], "rebind")) {
    bind("today", argv[2]);
    twz_object *cal;
    CHECK_OK(cal = twz_object_open("calendar"));
    struct calendar __persistent *c = twz_object_root(cal);
    print(c->today);
    return 0;
  }
  if (!strcmp(argv[1], "unbind"))
    return twz_name_unbind("today");
  twz_object *cal;
  CHECK_OK(cal = twz_object_open("calendar"));
  struct calendar __persistent *c = twz_object_root(cal);
  print(c->today);
  return 0;
}
