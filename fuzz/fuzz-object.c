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
 * are zero. Then the target does what opening the object and checking it does:
 *
 *   1. the open-time header checks (a copy of object.c's validate_header,
 *      which is static in libtwz: see the note below), then twz_log_check;
 *      an object that fails them is rejected, as by twz_object_open_id;
 *   2. twz_object_check and the twz tool's `show` printer (tools/twz/inspect.c)
 *      with the object read-only: both must only read;
 *   3. undo-log recovery (twz_log_recover), which opening runs on an object
 *      holding an unfinished transaction, then the heap-offset check opening
 *      repeats after recovery, and step 2 again: what `twz check` sees after
 *      opening such an object.
 *
 * Every page is zeroed again (MADV_DONTNEED) after each input.
 *
 * With TWZ_FUZZ_EXPECT_SOUND=1 in the environment, an input that is rejected
 * by step 1 or has problems in step 2 aborts: the seed corpus is checked
 * this way (test/fuzz), so that it keeps starting past the header checks.
 *
 * The runtime sources are compiled into this target with the sanitizers and
 * coverage (fuzz/CMakeLists.txt), and it includes runtime/src/internal.h to
 * build a struct twz_object by hand; it changes nothing in the runtime.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "internal.h"
#include "twz-tool.h"

#define HEADER_BYTES sizeof(struct twz_obj_header)
#define MAX_FOT_BYTES 0xffffu     /* what a 2-byte length can say: 2047 entries */
#define MAX_DATA_BYTES (1u << 20) /* room for a whole undo log */

static uintptr_t base;
static FILE *sink;
static bool expect_sound;

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
  return 0;
}

/*
 * The header checks of object.c's validate_header(), which libtwz keeps
 * static, so this is a copy (same conditions) rather than a call: keep it in
 * step with runtime/src/object.c. The ID check compares the header with the
 * ID the object is opened under; here the object is "opened" under the
 * header's own ID, as if the file were named after it. The file-size check
 * has no counterpart: the region is always one slot.
 */
static bool heap_valid(uint64_t heap) {
  return !heap ||
         (heap >= TWZ_DATA_START && heap <= TWZ_DATA_END - sizeof(struct twz_heap) && !(heap & 7));
}

static bool header_valid(const struct twz_obj_header *h) {
  return h->magic == TWZ_OBJ_MAGIC && h->abi_version == TWZ_ABI_VERSION && h->fot_count >= 1 &&
         h->fot_count <= TWZ_FOT_MAX_ENTRIES && !(h->flags & ~TWZ_OBJ_KNOWN_FLAGS) &&
         heap_valid(h->heap) && h->alloc_top >= TWZ_DATA_START && h->alloc_top <= TWZ_DATA_END;
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
static void inspect(struct twz_object *obj) {
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
  if (obj->hdr->fot_count <= 1 + MAX_FOT_BYTES / TWZ_FOT_ENTRY_SIZE + 1)
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
  struct twz_obj_header h;
  memcpy(&h, (const void *)(base + TWZ_META_OFFSET), sizeof h);
  struct twz_object obj = {.base = base, .hdr = (struct twz_obj_header *)(base + TWZ_META_OFFSET),
                           .fd = -1, .readonly = h.flags & TWZ_OBJ_IMMUTABLE};
  memcpy(obj.id.b, h.id, sizeof obj.id.b);
  char why[200];
  bool valid = header_valid(&h);
  if (valid && twz_log_check(&obj, why, sizeof why) < 0)
    valid = false;
  else if (!valid)
    snprintf(why, sizeof why, "the header fails the open-time checks");
  if (expect_sound && !valid) {
    fprintf(stderr, "fuzz-object: TWZ_FUZZ_EXPECT_SOUND: rejected at open: %s\n", why);
    abort();
  }
  if (valid) {
    inspect(&obj);
    /* Step 3: opening rolls back an unfinished transaction (it runs
     * twz_log_recover, directly or through the lock takeover). */
    if (!obj.readonly) {
      twz_log_recover(&obj);
      if (heap_valid(obj.hdr->heap)) /* else opening fails after recovery */
        inspect(&obj);
    }
  }

  /* Zero every page this input touched (recovery may write anywhere). */
  if (madvise((void *)base, TWZ_SLOT_SIZE, MADV_DONTNEED) < 0) {
    perror("fuzz-object: madvise");
    abort();
  }
  return 0;
}
