/* Lock-owner identity on the native back end. The twz kernel never reuses
 * a pid while it runs, its objects do not outlive it, and it runs one
 * program at a time (its boot modules, one after another: docs/kernel.md).
 * So the only live process that can own a lock word is this one, and any
 * other owner is a program that has exited: its lock is taken over and its
 * unfinished transaction rolled back. The kernel has no call that tells
 * whether another pid is alive (kill(pid, 0) succeeds for any pid); if it
 * starts running programs side by side, this needs one. */
#include <unistd.h>

#include "../internal.h"

uint64_t twz_backend_proc_start(uint64_t pid) { return pid == (uint64_t)getpid() ? 1 : 0; }
