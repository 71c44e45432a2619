/* A library header with code that every -Wtwz group would report. */
#include <stdint.h>

struct sys_node {
  int v;
  char *name;
  struct sys_node __persistent *next;
};

static inline struct sys_node sys_get(struct sys_node __persistent *p) { return *p; }
static inline void sys_move(struct sys_node __persistent *p, struct sys_node __persistent *q) { *p = *q; }
static inline void sys_stamp(uintptr_t __persistent *slot, void *v) { *slot = (uintptr_t)v; }
union sys_mix { long l; struct sys_node __persistent *p; };
static inline void sys_mixed(union sys_mix __persistent *a, union sys_mix __persistent *b) { *a = *b; }
