/* Lock-owner identity on the native back end. The twz kernel never reuses
 * a pid while it runs and its objects do not outlive it, so the pid alone
 * names a process for as long as a lock word can exist: the start time is
 * a constant 1 for every live process. Whether a pid is alive is
 * kill(pid, 0), which the kernel's compatibility layer answers with -ESRCH
 * once the process has exited (docs/kernel.md). A lock left by an exited
 * program is then taken over and its transaction rolled back. */
#include <errno.h>
#include <signal.h>

#include "../backend.h"

uint64_t twz_backend_proc_start(uint64_t pid) {
  return kill((pid_t)pid, 0) < 0 && errno == ESRCH ? 0 : 1;
}

/* No boot identity: libtwz then commits with a durable commit mark, and
 * a commit record found in a log (written on the host) is always redone. */
int twz_backend_boot_id(uint8_t id[16]) {
  (void)id;
  return -1;
}
