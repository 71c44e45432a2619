/*
 * The object lock, held for transactions, heap changes and FOT edits. Across
 * processes it is the header's `lock` word: a token naming the owner process
 * (pid and start time, so a reused pid or a stale word from before a reboot
 * is not mistaken for a live owner; the back end tells start times,
 * backend.h). Within a process a recursive mutex
 * serialises threads. A waiter that finds the owner dead takes the lock over
 * and rolls back the owner's unfinished transaction before going on.
 */
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "lock.h"
#include "log.h"
#include "object.h"

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
    t = make_token((uint64_t)me, twz_backend_proc_start((uint64_t)me));
    atomic_store(&my_token, t);
  }
  return t;
}

bool twz_lock_owner_alive(uint64_t token) {
  uint64_t pid = token & 0xffffffffu;
  if (pid == 0)
    return false;
  uint64_t start = twz_backend_proc_start(pid); /* 0: no such process */
  return start && make_token(pid, start) == token;
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
    /* Not flushed: after a machine crash a leftover token names a process
     * that is no longer running (its start time differs), so it is free. */
    atomic_store((_Atomic uint64_t *)&obj->hdr->lock, 0);
  }
  pthread_mutex_unlock(&obj->mutex);
}
