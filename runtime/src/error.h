/* error.c: messages. Private to libtwz. */
#ifndef TWZ_SRC_ERROR_H
#define TWZ_SRC_ERROR_H

/* Set this thread's message (twz_error()); returns -1 for convenience. */
int twz_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a fault message and abort. */
_Noreturn void twz_fault(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
