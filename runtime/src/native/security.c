/* Security on the native back end: the kernel verifies the context's
 * capabilities itself (kernel/security.c, the same capability.c) and bounds
 * every view slot by them, so libtwz tells it the context and takes its
 * answer for the rights instead of computing its own. */
#include <errno.h>
#include <twz/syscall.h>

#include "../backend.h"
#include "../error.h"
#include "sys.h"

int twz_backend_context(const twz_id *ctx) {
  /* The first context a process attaches becomes its active one. */
  long r = twz_sys3(TWZ_SYS_SCTX_ATTACH, (long)ctx->b, 0, 0);
  if (r == -ENOSYS)
    return 0; /* on Linux: other calls say the kernel is missing */
  if (r < 0) {
    char hex[TWZ_ID_STRLEN + 1];
    twz_id_format(ctx, hex);
    return twz_set_error("the kernel refused security context %s: %s", hex,
                         r == -EINVAL    ? "not a security context object"
                         : r == -EACCES ? "no use right (u) on it"
                         : r == -EEXIST ? "this process already has it"
                         : r == -ENOSPC ? "this process has as many contexts as it may"
                                        : "no such object");
  }
  return 0;
}

int twz_backend_rights(const twz_id *id, uint32_t *rights) {
  long r = twz_sys3(TWZ_SYS_OBJ_RIGHTS, (long)id->b, 0, 0);
  if (r < 0)
    return -1;
  *rights = (uint32_t)r;
  return 0;
}
