// Reclaim must find the oldest reader under the index lock. Order forced
// with pipes: a holder pins and reads "y", "y" is overwritten and the
// holder is killed (its pair stays retired, nobody alive holds it); W1 takes
// the index lock (twz_tx_begin) and waits (W2 and the reader opened the
// store before: opening waits for the lock); W2 calls kvs_release, whose
// reclaim waits for the lock; a reader pins and reads "x"; W1 overwrites
// "x" (retiring the reader's pair) and commits; W2 reclaims; a put reuses
// what it freed. The reader's value must be unchanged. When reclaim read
// the reader rows before taking the lock (the cause of concurrent.c's rare
// torn reads), W2 freed the reader's pair and the put overwrote it.
// RUN: rm -rf %t.store && %kvs-cc %s %kvs-lib -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK: reader: held value of x unchanged
// CHECK: all: 3 pairs
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kvs-check.h"

#define VLEN 32

static char go(int fd) { /* wait for the parent's go */
  char c = 0;
  if (read(fd, &c, 1) != 1)
    exit(1);
  return c;
}
static void say(int fd, char c) {
  if (write(fd, &c, 1) != 1)
    exit(1);
}

static pid_t spawn(char *self, const char *mode, int in, int out) {
  char a[16], b[16];
  snprintf(a, sizeof a, "%d", in);
  snprintf(b, sizeof b, "%d", out);
  pid_t pid = fork();
  if (pid == 0) {
    execl(self, self, mode, a, b, (char *)NULL);
    _exit(127);
  }
  return pid;
}

static void val(char c, char out[VLEN]) { memset(out, c, VLEN); }

int main(int argc, char **argv) {
  struct kvs *k;
  char v[VLEN];
  if (argc == 4) { /* a child: mode, fd to read go from, fd to report on */
    int in = atoi(argv[2]), out = atoi(argv[3]);
    CHECK(k = kvs_open("kv"));
    if (!strcmp(argv[1], "holder")) {
      CHECK(kvs_get(k, "y", NULL));
      say(out, 'h');
      go(in); /* killed here */
    } else if (!strcmp(argv[1], "w1")) {
      twz_object *ix = twz_object_open("kv");
      CHECK(ix && twz_tx_begin(ix) == 0);
      say(out, 'l');
      go(in);
      val('X', v);
      CHECK(kvs_put(k, "x", v, VLEN) == 0); /* joins the held transaction */
      CHECK(twz_tx_commit(ix) == 0);
    } else if (!strcmp(argv[1], "w2")) {
      say(out, '2'); /* opened before w1 holds the lock (opening waits for it) */
      go(in);
      kvs_release(k); /* reclaim: waits for w1's lock */
    } else if (!strcmp(argv[1], "reader")) {
      say(out, 'o');
      go(in);
      const char *p = KVS_PLAIN(kvs_get(k, "x", NULL));
      char copy[VLEN];
      CHECK(p);
      memcpy(copy, p, VLEN);
      say(out, 'r');
      go(in);
      printf("reader: held value of x %s\n", memcmp(p, copy, VLEN) ? "CHANGED" : "unchanged");
    }
    kvs_close(k);
    return 0;
  }
  int to[4][2], from[2];
  for (int i = 0; i < 4; i++)
    CHECK(pipe(to[i]) == 0);
  CHECK(pipe(from) == 0);
  CHECK(k = kvs_create("kv", 64));
  val('x', v);
  CHECK(kvs_put(k, "x", v, VLEN) == 0);
  val('y', v);
  CHECK(kvs_put(k, "y", v, VLEN) == 0);
  fflush(stdout);
  pid_t h = spawn(argv[0], "holder", to[0][0], from[1]);
  CHECK(go(from[0]) == 'h');
  val('Y', v);
  CHECK(kvs_put(k, "y", v, VLEN) == 0); /* retires the pair the holder holds */
  kill(h, SIGKILL);
  waitpid(h, NULL, 0);
  pid_t w2 = spawn(argv[0], "w2", to[2][0], from[1]);
  CHECK(go(from[0]) == '2');
  pid_t r = spawn(argv[0], "reader", to[3][0], from[1]);
  CHECK(go(from[0]) == 'o');
  pid_t w1 = spawn(argv[0], "w1", to[1][0], from[1]);
  CHECK(go(from[0]) == 'l');
  say(to[2][1], 'g');
  nanosleep(&(struct timespec){0, 300 * 1000000}, NULL); /* w2 waits for the lock */
  say(to[3][1], 'g');
  CHECK(go(from[0]) == 'r');
  say(to[1][1], 'g'); /* w1: overwrite x, commit */
  waitpid(w1, NULL, 0);
  waitpid(w2, NULL, 0);
  val('z', v);
  CHECK(kvs_put(k, "z", v, VLEN) == 0); /* reuses the block freed last */
  say(to[3][1], 'g');
  waitpid(r, NULL, 0);
  struct kvs_stats s;
  kvs_stats(k, &s);
  printf("all: %llu pairs\n", (unsigned long long)s.pairs);
  kvs_close(k);
  return 0;
}
