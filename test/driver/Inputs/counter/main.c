#include <stdio.h>

#include "counter.h"

int main(void) {
  struct counter __persistent *c = counter_open("counter");
  if (!c) {
    fprintf(stderr, "counter: %s\n", twz_error());
    return 1;
  }
  printf("count %ld\n", counter_bump(c));
  return 0;
}
