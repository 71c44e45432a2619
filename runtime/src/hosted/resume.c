/* Resume needs the twz kernel's persistent memory (native/resume.c); on
 * Linux a process is never restarted after a power cut. */
#include <twz/twz.h>

#include "../error.h"

int twz_resumable(long arg) {
  (void)arg;
  return twz_set_error("cannot make this process resumable: Resume needs the twz kernel");
}
