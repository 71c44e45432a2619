// Each pair lives in the data object its put chose: kvs_put_in(kvs, "private",
// ...) puts it in the object "<store>.private", whose access can differ from
// "<store>.default". A process that cannot open "private" still reads every
// other pair; the private ones are an error (exit 1 in the CLI), not a fault.
// Here the private object's file is deleted to stand in for missing rights
// (the tests run as root, who ignores file modes). A retired pair in an
// object a process cannot open is left for another to free, not a fault.
// RUN: rm -rf %t.store && %kvs-cc %s %kvs-lib -o %t && %kvs-cc %kvs-cli -o %t.cli
// RUN: env TWZ_STORE=%t.store %t setup | FileCheck %s --check-prefix=SETUP
// SETUP: pub1 in kv.default, pub2 in kv.default, secret in kv.private, moved in kv.private
// SETUP-NEXT: FOT entries of the index: 3
// RUN: env TWZ_STORE=%t.store %t.cli -k kv stats | FileCheck %s --check-prefix=STATS
// STATS:      store kv: 4 pairs, 64 slots (4 used), 0 retired, 0 readers
// STATS-NEXT: data default: 2 pairs
// STATS-NEXT: data private: 2 pairs
// RUN: env TWZ_STORE=%t.store %t.cli -k kv list | sort | FileCheck %s --check-prefix=LIST
// LIST:      {{^moved	now private	private$}}
// LIST-NEXT: {{^pub1	public one	default$}}
// LIST-NEXT: {{^pub2	public two	default$}}
// LIST-NEXT: {{^secret	hidden	private$}}
//
// Take "private" away; a new process reads what it can.
// RUN: env TWZ_STORE=%t.store %t revoke | FileCheck %s --check-prefix=REVOKE
// REVOKE: deleted kv.private
// RUN: env TWZ_STORE=%t.store %t restricted | FileCheck %s --check-prefix=RESTRICTED
// RESTRICTED:      pub1 = public one
// RESTRICTED-NEXT: secret: EACCES: data object 'private' cannot be opened: cannot open object
// RESTRICTED-NEXT: iteration: 2 visible, 2 hidden
// RESTRICTED-NEXT: released: 1 retired pair left for a process that can open its object
// RUN: env TWZ_STORE=%t.store %t.cli -k kv get pub2 | FileCheck %s --check-prefix=PUB2
// PUB2: {{^public two$}}
// RUN: env TWZ_STORE=%t.store %exit 1 %t.cli -k kv get secret 2> %t.err
// RUN: FileCheck %s --check-prefix=SECRET < %t.err
// SECRET: twzkvs: data object 'private' cannot be opened
// RUN: env TWZ_STORE=%t.store %exit 1 %t.cli -k kv list > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=HIDDEN < %t.err
// HIDDEN: twzkvs: 2 pairs are in data objects this process cannot open
// RUN: sort %t.out | FileCheck %s --check-prefix=VISIBLE
// VISIBLE:      {{^pub1	public one	default$}}
// VISIBLE-NEXT: {{^pub2	public two	default$}}
// VISIBLE-NOT:  {{.}}
#include <errno.h>
#include <string.h>

#include "kvs-check.h"

static const char *home(const void __persistent *p) { /* name of the object holding p */
  static char out[64];
  twz_id id = twz_object_id(twz_object_of(p)), want;
  const char *names[] = {"kv", "kv.default", "kv.private"};
  for (int i = 0; i < 3; i++)
    if (twz_name_resolve(names[i], &want) == 0 && !memcmp(&id, &want, sizeof id))
      return names[i];
  snprintf(out, sizeof out, "an unknown object");
  return out;
}

static int count(const char __persistent *key, const void __persistent *val, size_t len,
                 const char *data, void *arg) {
  (void)key, (void)val, (void)len, (void)data;
  ++*(int *)arg;
  return 0;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!strcmp(mode, "setup")) {
    struct kvs *k;
    CHECK(k = kvs_create("kv", 64));
    CHECK(kvs_put(k, "pub1", "public one", 10) == 0);
    CHECK(kvs_put_in(k, "default", "pub2", "public two", 10) == 0);
    CHECK(kvs_put_in(k, "private", "secret", "hidden", 6) == 0);
    CHECK(kvs_put(k, "moved", "was public", 10) == 0);
    CHECK(kvs_put_in(k, "private", "moved", "now private", 11) == 0); /* moves between objects */
    const char *keys[] = {"pub1", "pub2", "secret", "moved"};
    for (int i = 0; i < 4; i++)
      printf("%s%s in %s", i ? ", " : "", keys[i], home(kvs_get(k, keys[i], NULL)));
    /* The index points into 2 data objects: FOT index 0 + 2 entries. */
    printf("\nFOT entries of the index: %llu\n",
           (unsigned long long)twz_object_fot_count(twz_object_open("kv")));
    kvs_close(k);
    return 0;
  }
  if (!strcmp(mode, "revoke")) {
    struct kvs *k;
    twz_id id;
    /* Holding a value, replace a private pair: it stays retired (this process
     * exits without kvs_close, so nobody frees it before the object goes). */
    CHECK((k = kvs_open("kv")) && kvs_get(k, "pub1", NULL));
    CHECK(kvs_put_in(k, "private", "secret", "hidden", 6) == 0);
    CHECK(twz_name_resolve("kv.private", &id) == 0 && twz_object_delete(&id) == 0);
    printf("deleted kv.private\n");
    return 0;
  }
  if (!strcmp(mode, "restricted")) {
    struct kvs *k;
    size_t len;
    const void __persistent *v;
    CHECK(k = kvs_open("kv"));
    CHECK(v = kvs_get(k, "pub1", &len));
    printf("pub1 = %.*s\n", (int)len, (const char *)KVS_PLAIN(v));
    v = kvs_get(k, "secret", &len);
    printf("secret: %s: %s\n", !v && errno == EACCES ? "EACCES" : "NOT DENIED", kvs_error());
    int seen = 0;
    long hidden = -1, n = kvs_iter(k, count, &seen, &hidden);
    printf("iteration: %ld visible, %ld hidden\n", seen == n ? n : -1, hidden);
    kvs_release(k);
    struct kvs_stats s;
    kvs_stats(k, &s);
    printf("released: %llu retired pair left for a process that can open its object\n",
           (unsigned long long)s.retired);
    kvs_close(k);
    return 0;
  }
  return 2;
}
