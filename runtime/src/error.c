/* Error messages for API calls, and faults for compiled code. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <twz/twz.h>

#include "error.h"

static _Thread_local char last_error[512];

int twz_set_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_error, sizeof last_error, fmt, ap);
  va_end(ap);
  return -1;
}

const char *twz_error(void) { return last_error[0] ? last_error : "no error"; }

/* A fault cannot be returned to compiled code, which has no error path: say
 * exactly what went wrong and stop before anything reads a wrong address. */
_Noreturn void twz_fault(const char *fmt, ...) {
  va_list ap;
  fputs("twz: fault: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  fflush(stderr);
  abort();
}
