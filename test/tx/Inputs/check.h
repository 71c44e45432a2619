/* Shared by the run tests: fail loudly with the runtime's message. */
#include <stdio.h>
#include <stdlib.h>
#include <twz/twz.h>

#define CHECK_OK(x)                                                                      \
  do {                                                                                   \
    if (!(x)) {                                                                          \
      fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #x, twz_error());    \
      exit(1);                                                                           \
    }                                                                                    \
  } while (0)

/* The stored (invariant) form of the pointer at a persistent location. */
static inline unsigned long long stored_form(const void __persistent *loc) {
  return *(const unsigned long long *)(const void *)loc;
}
