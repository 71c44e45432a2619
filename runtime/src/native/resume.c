/* Resume on the twz kernel (kernel/resume.c, docs/kernel.md "Resume"):
 * twz_resumable marks the process; after a power cut the kernel starts the
 * program again with its old view and TWZ_RESUME=<arg>. Then, before main,
 * this adopts every slot the view shows (so objects open at their old
 * addresses and pointers into them stay valid) and runs the program's
 * `_resume(arg)` instead of main: its return value is the exit status. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <twz/syscall.h>
#include <twz/twz.h>

#include "../error.h"
#include "resume.h"
#include "sys.h"

int _resume(long arg) __attribute__((weak));

int twz_resumable(long arg) {
  long r = twz_sys3(TWZ_SYS_RESUME_MARK, arg, 0, 0);
  if (r == -ENODEV)
    return twz_set_error("cannot make this process resumable: the machine has no persistent memory");
  if (r == -ENOSPC)
    return twz_set_error("cannot make this process resumable: as many processes are as may be");
  if (r == -ENOSYS)
    return twz_set_error("cannot make this process resumable: not running on the twz kernel");
  if (r < 0)
    return twz_set_error("cannot make this process resumable: %s", strerror((int)-r));
  return 0;
}

__attribute__((constructor(102))) static void resume_init(void) {
  const char *a = getenv("TWZ_RESUME");
  if (!a)
    return;
  for (long s = TWZ_SLOT_USER_FIRST; s < TWZ_SLOT_USER_LIMIT; s++) {
    twz_id id;
    if (twz_sys3(TWZ_SYS_VIEW_GET, s, (long)id.b, 0) == 0)
      twz_native_adopt(&id, s);
  }
  if (_resume)
    exit(_resume(strtol(a, NULL, 10)));
}
