/*
 * libFuzzer target: object validation on arbitrary bytes.
 *
 * One anonymous 1 GiB region, aligned to 1 GiB like an object slot (with the
 * null page inaccessible, as the runtime maps it), stands for an object. For
 * each input:
 *
 *   input = header[128] | fot_len[2, little endian] | fot[fot_len] | data[...]
 *
 * the header goes to TWZ_META_OFFSET, the FOT bytes to entries 1, 2, ... (entry
 * i at TWZ_META_OFFSET - 32 i) and the data to TWZ_DATA_START. Missing bytes
 * are zero. Then the target does what opening the object and checking it
 * does, through libtwz's inspection API (<twz/inspect.h>):
 *
 *   1. twz_image_open, read-only: the open-time checks of the header (under
 *      the ID it names) and of the undo log; an object that fails them is
 *      rejected, as by twz_object_open_id;
 *   2. twz_object_check and the twz tool's `show` printer (tools/twz/inspect.c)
 *      with the object read-only: both must only read;
 *   3. twz_image_open again, writable and with TWZ_IMAGE_RECOVER: undo-log
 *      recovery, which opening runs on an object holding an unfinished
 *      transaction, and the checks opening repeats after it; then step 2
 *      again: what `twz check` sees after opening such an object.
 *
 * Every page is zeroed again (MADV_DONTNEED) after each input.
 *
 * With TWZ_FUZZ_EXPECT_SOUND=1 in the environment, an input that is rejected
 * by step 1 or has problems in step 2 aborts: the seed corpus is checked
 * this way (test/fuzz), so that it keeps starting past the header checks.
 * With TWZ_FUZZ_SHOW=1, step 2 prints the object to stdout (test/fuzz/
 * recovery.test reads the log and root before and after step 3).
 *
 * The runtime sources are compiled into this target with the sanitizers and
 * coverage (fuzz/CMakeLists.txt); it uses only libtwz's public API.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <twz/twz.h>

#include "twz-tool.h"

#define HEADER_BYTES sizeof(struct twz_obj_header)
#define MAX_FOT_BYTES 0xffffu     /* what a 2-byte length can say: 2047 entries */
#define MAX_DATA_BYTES (1u << 20) /* room for a whole undo log */

static uintptr_t base;
static FILE *sink;
static bool expect_sound, show;

/* The 1 GiB slot: over-reserve 2 GiB and keep the aligned middle. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  void *r = mmap(NULL, 2 * TWZ_SLOT_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (r == MAP_FAILED) {
    perror("fuzz-object: mmap");
    abort();
  }
  uintptr_t lo = (uintptr_t)r, b = (lo + TWZ_SLOT_SIZE - 1) & ~(uintptr_t)TWZ_OFFSET_MASK;
  if (b > lo)
    munmap(r, b - lo);
  if (lo + 2 * TWZ_SLOT_SIZE > b + TWZ_SLOT_SIZE)
    munmap((void *)(b + TWZ_SLOT_SIZE), lo + 2 * TWZ_SLOT_SIZE - (b + TWZ_SLOT_SIZE));
  base = b;
  if (mprotect((void *)base, TWZ_NULL_PAGE_SIZE, PROT_NONE) < 0) {
    perror("fuzz-object: mprotect");
    abort();
  }
  sink = fopen("/dev/null", "w");
  if (!sink)
    abort();
  const char *e = getenv("TWZ_FUZZ_EXPECT_SOUND");
  expect_sound = e && *e == '1';
  e = getenv("TWZ_FUZZ_SHOW");
  show = e && *e == '1';
  if (show)
    sink = stdout;
  return 0;
}

static void count_problem(const char *problem, void *arg) {
  (void)problem;
  ++*(int *)arg;
}

static void set_writable(bool w) {
  if (mprotect((void *)(base + TWZ_NULL_PAGE_SIZE), TWZ_SLOT_SIZE - TWZ_NULL_PAGE_SIZE,
               w ? PROT_READ | PROT_WRITE : PROT_READ) < 0) {
    perror("fuzz-object: mprotect");
    abort();
  }
}

static void print_problem(const char *problem, void *arg) {
  (void)arg;
  fprintf(stderr, "fuzz-object: %s\n", problem);
}

/* Step 2: check and print, read-only. */
static void inspect(twz_object *obj) {
  int reported = 0;
  set_writable(false);
  int problems = twz_object_check(obj, count_problem, &reported);
  if (problems != reported) {
    fprintf(stderr, "twz_object_check returned %d but reported %d problems\n", problems, reported);
    abort();
  }
  if (expect_sound && problems) {
    twz_object_check(obj, print_problem, NULL);
    fprintf(stderr, "fuzz-object: TWZ_FUZZ_EXPECT_SOUND: the object has %d problems\n", problems);
    abort();
  }
  /* Printing is per FOT entry: past the entries an input can hold (all
   * zero), more of them only costs time. */
  if (twz_object_header(obj)->fot_count <= 1 + MAX_FOT_BYTES / TWZ_FOT_ENTRY_SIZE + 1)
    show_object(sink, obj, NULL, false);
  set_writable(true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* Lay the input out in the object. */
  size_t n = size < HEADER_BYTES ? size : HEADER_BYTES;
  memcpy((void *)(base + TWZ_META_OFFSET), data, n);
  data += n;
  size -= n;
  size_t fot_len = 0;
  if (size >= 2) {
    fot_len = (size_t)data[0] | (size_t)data[1] << 8;
    data += 2;
    size -= 2;
  }
  if (fot_len > size)
    fot_len = size;
  for (size_t i = 0; i * TWZ_FOT_ENTRY_SIZE < fot_len; i++) {
    size_t k = fot_len - i * TWZ_FOT_ENTRY_SIZE;
    memcpy((void *)(base + twz_fot_offset(i + 1)), data + i * TWZ_FOT_ENTRY_SIZE,
           k < TWZ_FOT_ENTRY_SIZE ? k : TWZ_FOT_ENTRY_SIZE);
  }
  data += fot_len;
  size -= fot_len;
  memcpy((void *)(base + TWZ_DATA_START), data, size < MAX_DATA_BYTES ? size : MAX_DATA_BYTES);

  /* Step 1: what opening checks. */
  twz_object *obj = twz_image_open((void *)base, 0);
  if (expect_sound && !obj) {
    fprintf(stderr, "fuzz-object: TWZ_FUZZ_EXPECT_SOUND: rejected at open: %s\n", twz_error());
    abort();
  }
  if (obj) {
    inspect(obj);
    bool immutable = twz_object_immutable(obj);
    twz_image_close(obj);
    /* Step 3: opening rolls back an unfinished transaction (it runs the
     * recovery, directly or through the lock takeover); an object that
     * fails the checks after it does not open. */
    if (!immutable) {
      if (show)
        puts("--- recovery");
      obj = twz_image_open((void *)base, TWZ_IMAGE_WRITABLE | TWZ_IMAGE_RECOVER);
      if (obj)
        inspect(obj);
      else if (show)
        printf("rejected after recovery: %s\n", twz_error());
      twz_image_close(obj);
    }
  }

  /* Zero every page this input touched (recovery may write anywhere). */
  if (madvise((void *)base, TWZ_SLOT_SIZE, MADV_DONTNEED) < 0) {
    perror("fuzz-object: madvise");
    abort();
  }
  return 0;
}
