/* Shared by the test/kvs programs: fail loudly with the store's message. */
#include <stdio.h>
#include <stdlib.h>

#include "kvs.h"

#define CHECK(x)                                                                         \
  do {                                                                                   \
    if (!(x)) {                                                                          \
      fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #x, kvs_error());   \
      exit(1);                                                                           \
    }                                                                                    \
  } while (0)
