/* The program of shared-runtime.test: it loads the plugin argv[1] with
 * dlopen, as programs load plugins; the two must share one libtwz (one
 * object table, one resolution cache). */
#include <dlfcn.h>
#include <stdio.h>
#include <twz/twz.h>

struct cell {
  long val;
  struct cell __persistent *next;
};

int main(int argc, char **argv) {
  void *lib = argc > 1 ? dlopen(argv[1], RTLD_NOW) : NULL;
  if (!lib) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  twz_object *(*plugin_open)(const char *) = (twz_object * (*)(const char *))dlsym(lib, "plugin_open");
  int (*plugin_link)(twz_object *, twz_object *, long) =
      (int (*)(twz_object *, twz_object *, long))dlsym(lib, "plugin_link");
  if (!plugin_open || !plugin_link) {
    fprintf(stderr, "dlsym: %s\n", dlerror());
    return 1;
  }
  twz_object *a = twz_object_create("a"), *b = twz_object_create("b");
  if (!a || !b) {
    fprintf(stderr, "create: %s\n", twz_error());
    return 1;
  }
  /* Opening an open object gives its handle: only if the library's
   * runtime is this program's. */
  twz_object *seen = plugin_open("a");
  printf("same handle: %s\n", seen == a ? "yes" : "no");
  if (seen != a)
    return 2; /* two runtimes: the library's knows none of our objects */
  /* The library stores a cross-object pointer; the program follows it. */
  if (plugin_link(a, b, 42) < 0) {
    fprintf(stderr, "plugin_link: %s\n", twz_error());
    return 1;
  }
  struct cell __persistent *x = twz_object_root(a);
  printf("through the library's pointer: %ld\n", x->next->val);
  printf("fot entries of a: %llu\n", (unsigned long long)twz_object_fot_count(a));
  return 0;
}
