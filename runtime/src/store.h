/* store.c: name syntax. Private to libtwz. */
#ifndef TWZ_SRC_STORE_H
#define TWZ_SRC_STORE_H

/* 0, or -1 with a message if `name` is no valid object name. */
int twz_name_check(const char *name);

#endif
