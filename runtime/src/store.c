/*
 * Name syntax, shared by both back ends. Where objects live is the back
 * end's (hosted/store.c: one file per object; native/: kernel objects);
 * names live in the store's namespace object (names.c).
 */
#include <string.h>

#include <twz/twz.h>

#include "error.h"
#include "store.h"

int twz_name_check(const char *name) {
  if (!name || !*name || strlen(name) > TWZ_NAME_MAX)
    return twz_set_error("invalid object name '%s': want 1 to %d characters", name ? name : "",
                         TWZ_NAME_MAX);
  for (const char *c = name; *c; c++)
    if (!(*c >= 'a' && *c <= 'z') && !(*c >= 'A' && *c <= 'Z') && !(*c >= '0' && *c <= '9') &&
        *c != '-' && *c != '_' && *c != '.')
      return twz_set_error("invalid object name '%s': use letters, digits, '-', '_' and '.'", name);
  if (name[0] == '.')
    return twz_set_error("invalid object name '%s': must not start with '.'", name);
  return 0;
}

