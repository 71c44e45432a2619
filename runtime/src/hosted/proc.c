/* Lock-owner identity on the hosted back end: a process is its pid and its
 * start time (/proc/<pid>/stat field 22), so a reused pid or a lock word
 * left from before a reboot is not taken for a live owner. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../backend.h"
#include "hosted.h"

/* Start time of process `pid` in clock ticks since boot, or 0 if gone. */
static uint64_t start_time(uint64_t pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%llu/stat", (unsigned long long)pid);
  FILE *f = fopen(path, "r");
  if (!f)
    return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  /* Field 22; the command name (field 2) may contain spaces: skip past ')'. */
  char *p = strrchr(buf, ')');
  if (!p)
    return 0;
  unsigned long long t = 0;
  int field = 2;
  char *save = NULL; /* strtok_r: any thread may check an owner */
  for (char *tok = strtok_r(p + 1, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
    if (++field == 22) {
      t = strtoull(tok, NULL, 10);
      break;
    }
  return t ? t : 1;
}

uint64_t twz_backend_proc_start(uint64_t pid) {
  if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
    return 0;
  return start_time(pid);
}

/* The boot's identity is the kernel's random boot ID. In the crash-test
 * mode a process's end loses what it did not flush, as a power failure
 * would, so each process counts as a boot of its own. */
int twz_backend_boot_id(uint8_t id[16]) {
  if (twz_hosted_volatile()) {
    static uint8_t mine[16];
    static int made;
    if (!made) {
      randombytes_buf(mine, sizeof mine);
      made = 1;
    }
    memcpy(id, mine, 16);
    return 0;
  }
  char buf[64] = {0};
  FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
  if (!f)
    return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  int k = 0;
  for (size_t i = 0; i < n && k < 32; i++) {
    int v = buf[i] >= '0' && buf[i] <= '9' ? buf[i] - '0'
            : buf[i] >= 'a' && buf[i] <= 'f' ? buf[i] - 'a' + 10
                                               : -1;
    if (v < 0)
      continue;
    id[k / 2] = (uint8_t)(k & 1 ? id[k / 2] | v : v << 4);
    k++;
  }
  return k == 32 ? 0 : -1;
}
