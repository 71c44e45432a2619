// Values are immutable, and a pointer from kvs_get stays valid while other
// processes overwrite and delete its key: a put of an existing key links a
// new pair and retires the old one, which is freed only once no live process
// that started holding values before the retirement still holds them
// (kvs_release / kvs_close end a hold; a dead holder is ignored).
// RUN: rm -rf %t.store && %kvs-cc %s %kvs-lib -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// CHECK:      holder: key = original value, 32 bytes
// CHECK-NEXT: writer: 100 overwrites and a delete, 101 retired, 1 reader
// CHECK-NEXT: holder: still reads original value, 32 bytes
// CHECK-NEXT: holder: get key -> no key 'key'
// CHECK-NEXT: holder: released; 0 retired
// CHECK-NEXT: writer: 100 puts reuse the freed blocks: data object grew by 0 bytes
// CHECK-NEXT: dead holder: killed while holding 'other'
// CHECK-NEXT: writer: overwrite of 'other' with a dead holder: 0 retired
// CHECK-NEXT: no holder: 50 overwrites: 0 retired, data object grew by 0 bytes
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kvs-check.h"

#define VLEN 32

static void value(char *buf, const char *text) { /* every value is 32 bytes: one size class */
  memset(buf, '.', VLEN);
  memcpy(buf, text, strlen(text));
}

static uint64_t data_top(void) { /* allocation top of the default data object */
  return twz_object_header(twz_object_open("kv.default"))->alloc_top;
}

static struct kvs_stats stats(struct kvs *k) {
  struct kvs_stats s;
  kvs_stats(k, &s);
  return s;
}

static void run(char *self, const char *mode) { /* another process, at its own addresses */
  pid_t pid = fork();
  if (pid == 0) {
    execl(self, self, mode, (char *)NULL);
    _exit(127);
  }
  int status;
  CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(int argc, char **argv) {
  char buf[VLEN];
  struct kvs *k;
  if (argc > 1 && !strcmp(argv[1], "writer")) {
    CHECK(k = kvs_open("kv"));
    for (int i = 0; i < 100; i++) {
      snprintf(buf, sizeof buf, "overwrite %d", i);
      value(buf, buf);
      CHECK(kvs_put(k, "key", buf, VLEN) == 0);
    }
    CHECK(kvs_del(k, "key") == 0);
    struct kvs_stats s = stats(k);
    printf("writer: 100 overwrites and a delete, %llu retired, %d reader\n",
           (unsigned long long)s.retired, s.readers);
    fflush(stdout);
    kvs_close(k);
    return 0;
  }
  if (argc > 1 && !strcmp(argv[1], "refill")) {
    CHECK(k = kvs_open("kv"));
    uint64_t top = data_top();
    for (int i = 0; i < 100; i++) {
      char key[16];
      snprintf(key, sizeof key, "new%d", i);
      value(buf, key);
      CHECK(kvs_put(k, key, buf, VLEN) == 0);
    }
    printf("writer: 100 puts reuse the freed blocks: data object grew by %llu bytes\n",
           (unsigned long long)(data_top() - top));
    fflush(stdout);
    kvs_close(k);
    return 0;
  }
  if (argc > 1 && !strcmp(argv[1], "holder")) { /* holds a value and dies */
    CHECK(k = kvs_open("kv"));
    CHECK(kvs_get(k, "other", NULL));
    printf("dead holder: killed while holding 'other'\n");
    fflush(stdout);
    raise(SIGKILL);
  }
  if (argc > 1 && !strcmp(argv[1], "overwrite-other")) {
    CHECK(k = kvs_open("kv"));
    value(buf, "other 2");
    CHECK(kvs_put(k, "other", buf, VLEN) == 0);
    printf("writer: overwrite of 'other' with a dead holder: %llu retired\n",
           (unsigned long long)stats(k).retired);
    fflush(stdout);
    kvs_close(k);
    return 0;
  }

  CHECK(k = kvs_create("kv", 1024));
  value(buf, "original value");
  CHECK(kvs_put(k, "key", buf, VLEN) == 0);
  value(buf, "other 1");
  CHECK(kvs_put(k, "other", buf, VLEN) == 0);
  size_t len;
  const char *held = KVS_PLAIN(kvs_get(k, "key", &len)); /* this process now holds values */
  CHECK(held);
  printf("holder: key = %.14s, %zu bytes\n", held, len);
  fflush(stdout);
  run(argv[0], "writer");
  /* If the writer had freed the old pair, its next put (same size) would
   * have reused the block and this would read "overwrite ...". */
  printf("holder: still reads %.14s, %zu bytes\n", memcmp(held, "original value....", 18) ? "CHANGED" : held,
         len);
  CHECK(!kvs_get(k, "key", NULL));
  printf("holder: get key -> %s\n", kvs_error());
  kvs_release(k); /* frees the 101 retired pairs */
  printf("holder: released; %llu retired\n", (unsigned long long)stats(k).retired);
  fflush(stdout);
  run(argv[0], "refill");
  pid_t pid = fork();
  if (pid == 0) {
    execl(argv[0], argv[0], "holder", (char *)NULL);
    _exit(127);
  }
  int status;
  CHECK(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status));
  run(argv[0], "overwrite-other");
  uint64_t top = data_top();
  for (int i = 0; i < 50; i++) { /* nobody holds values: each overwrite frees at once */
    snprintf(buf, sizeof buf, "again %d", i);
    value(buf, buf);
    CHECK(kvs_put(k, "other", buf, VLEN) == 0);
  }
  printf("no holder: 50 overwrites: %llu retired, data object grew by %llu bytes\n",
         (unsigned long long)stats(k).retired, (unsigned long long)(data_top() - top));
  kvs_close(k);
  return 0;
}
