/* A persistent counter split over two translation units (driver link tests).
 * The count lives behind a stored __persistent pointer, so running the
 * program exercises both pointer encoding (store) and resolution (load). */
#ifndef COUNTER_H
#define COUNTER_H

#include <twz/twz.h>

struct counter {
  long __persistent *count;
};

struct counter __persistent *counter_open(const char *name);
long counter_bump(struct counter __persistent *c);

#endif
