/*
 * The object lock, held for transactions, heap changes and FOT edits. Across
 * processes it is the header's `lock` word: a token naming the owner process
 * (pid and start time, so a reused pid or a stale word from before a reboot
 * is not mistaken for a live owner). Within a process a recursive mutex
 * serialises threads. A waiter that finds the owner dead takes the lock over
 * and rolls back the owner's unfinished transaction before going on.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

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

static void forget_token(void);

/* A fork child is another process: it must not reuse its parent's token. */
static void register_atfork(void) { pthread_atfork(NULL, NULL, forget_token); }

static uint64_t make_token(uint64_t pid, uint64_t start) {
  return (start & 0xffffffffu) << 32 | (pid & 0xffffffffu);
}

static _Atomic uint64_t my_token; /* 0 until computed; cleared in a fork child */

static void forget_token(void) { atomic_store(&my_token, 0); }

uint64_t twz_lock_token(void) {
  uint64_t t = atomic_load(&my_token);
  if (!t) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, register_atfork);
    pid_t me = getpid();
    t = make_token((uint64_t)me, start_time((uint64_t)me));
    atomic_store(&my_token, t);
  }
  return t;
}

bool twz_lock_owner_alive(uint64_t token) {
  uint64_t pid = token & 0xffffffffu;
  if (pid == 0)
    return false;
  if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
    return false;
  return make_token(pid, start_time(pid)) == token;
}

void twz_lock(struct twz_object *obj) {
  pthread_mutex_lock(&obj->mutex);
  if (obj->lock_depth++ > 0)
    return;
  _Atomic uint64_t *word = (_Atomic uint64_t *)&obj->hdr->lock;
  uint64_t me = twz_lock_token();
  for (unsigned spins = 0;; spins++) {
    uint64_t cur = 0;
    if (atomic_compare_exchange_strong(word, &cur, me))
      return;
    if (cur == me || !twz_lock_owner_alive(cur)) {
      /* The owner died holding the lock (or this very process did, before a
       * restart with the same identity): take over and undo its work. */
      if (atomic_compare_exchange_strong(word, &cur, me)) {
        twz_log_recover(obj);
        return;
      }
      continue;
    }
    if (spins < 100)
      sched_yield();
    else
      nanosleep(&(struct timespec){0, 100000}, NULL);
  }
}

void twz_unlock(struct twz_object *obj) {
  if (--obj->lock_depth == 0) {
    atomic_store((_Atomic uint64_t *)&obj->hdr->lock, 0);
    twz_persist(&obj->hdr->lock, sizeof obj->hdr->lock);
  }
  pthread_mutex_unlock(&obj->mutex);
}
